"""`make bench`: comite's performance budgets, each measured against a floor in the same run.

The machine is shared and noisy, so no figure is read alone: every subject is timed
interleaved with a floor (a bare Textual app, a bare FTS5 query…) and the medians compared.

- `startup`: the real `comite` command, in a pseudo-terminal, to the first painted dashboard,
  against a bare Textual app with one DataTable (`bare_app.py`).
- `search`: `store.people.page(query)` against the bare FTS5 query, on 20 000 and 100 000 people.
- `keystroke`: a key typed in the Personnes search box until the list shows the new page,
  driven with Pilot, against a bare app whose Input refills a DataTable.

Databases are built in a temporary folder, and every XDG folder points there too: the user's
real data, settings and logs are never touched.
"""
