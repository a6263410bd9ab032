"""The kernel's one rule for text a spreadsheet would run (`comite.kernel.formulas`); the
store's and the CSV import's wording of it are tested beside them."""

import pytest

from comite.kernel.formulas import formula_start


@pytest.mark.parametrize(("text", "phone", "start"), [
    ("=1+1", False, "="), ("\u00a0\u2003=1+1", False, "="), ("\u200b\ufeff@SUM(A1)", False, "@"),
    ("\n+cmd|x", False, "+"), ("\t", False, "\t"), ("\rbonjour", False, "\r"),
    ("-1+1", False, "-"), ("- - -", False, "-"), ("---", False, None), ("-", False, None),
    ("+33 6 12 34 56 78", True, None), ("+33 6 12 34 56 78", False, "+"),
    ("+1+1", True, "+"), ("+1-1", True, "+"), ("+33 (0)6 12 34 56 78", True, None),
    ("Jean-Paul", False, None), ("a=b", False, None), ("", False, None), ("   ", False, None),
])
def test_formula_start(text, phone, start):
    assert formula_start(text, phone=phone) == start
