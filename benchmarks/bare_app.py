"""The start-up floor: a Textual app with one DataTable and a few rows, nothing else.

Run as a script by `benchmarks.startup`; MARKER is painted once the table is on screen.
"""

from textual.app import App, ComposeResult
from textual.widgets import DataTable

MARKER = "floor-ready"


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Nom", "Ville", "Rôle")
        table.add_rows([
            (MARKER, "Lyon", "membre"),
            ("Camille Martin", "Valmont-sur-Loire", "titulaire"),
            ("Hugo Dubois", "Montclar", "suppléant"),
        ])


if __name__ == "__main__":
    BareApp().run()
