"""Expenses of the users who engage (défraiement): records, the one rounding rule, and how
amounts and rates read in French.

Money is held in integer cents, a rate per km in thousandths of a euro (mills), a distance in
kilometres with one decimal: every amount is computed from integers, never from floats.
"""

from dataclasses import dataclass
from datetime import date


def km_tenths(km: float) -> int:
    """A distance as whole tenths of a km: what was typed (« 12,5 ») without float noise."""
    return round(km * 10)


def km_cents(km: float, rate_mills: int) -> int:
    """What the kilometres are worth, in cents: km × rate, rounded to the nearest cent, a half
    cent rounded up (4,815 € → 4,82 €). In integers: tenths of km × mills is a hundredth of a
    cent, so `(+ 50) // 100` is the rounding, exact whatever the figures."""
    return (km_tenths(km) * rate_mills + 50) // 100


def euros(cents: int) -> str:
    """« 12,48 € », « 1 234,50 € » (a narrow no-break space between thousands, as French
    writes them; it prints in the PDFs' font)."""
    whole, part = divmod(abs(cents), 100)
    grouped = f"{whole:,}".replace(",", "\u202f")
    return f"{'-' if cents < 0 else ''}{grouped},{part:02d}\u00a0€"


def amount_text(cents: int) -> str:
    """« 4,50 »: an amount as the coordinator types it and a French spreadsheet reads it."""
    return f"{cents // 100},{cents % 100:02d}"


def rate_text(mills: int) -> str:
    """A rate per km as the coordinator types it: 320 → « 0,32 », 321 → « 0,321 », 0 → ''."""
    if not mills:
        return ""
    whole, part = divmod(mills, 1000)
    decimals = f"{part:03d}".rstrip("0").ljust(2, "0")
    return f"{whole},{decimals}"


def km_text(km: float) -> str:
    """« 12,5 », « 40 »: a distance as typed."""
    whole, tenth = divmod(km_tenths(km), 10)
    return f"{whole},{tenth}" if tenth else str(whole)


@dataclass(frozen=True, slots=True)
class Receipt:
    id: int
    expense_id: int
    label: str
    path: str  # the copy beside the database (`comite.usecases.paths.receipts_dir`)
    sha256: str


@dataclass(frozen=True, slots=True)
class Expense:
    id: int
    uid: str
    person_id: int
    meeting_id: int | None  # None: a day of its own (a training, a visit), not a meeting
    structure_id: int | None  # who reimburses: the meeting's committee's structure
    spent_on: date
    km: float
    km_rate_mills: int  # the structure's rate when the expense was entered, kept on the row
    other_cents: int
    other_label: str  # what the other costs are: « Parking », « Ticket de bus »
    note: str
    meeting_title: str = ""
    structure_name: str = ""
    receipts: tuple[Receipt, ...] = ()

    @property
    def km_cents(self) -> int:
        return km_cents(self.km, self.km_rate_mills)

    @property
    def amount_cents(self) -> int:
        return self.km_cents + self.other_cents

    @property
    def label(self) -> str:
        """What it was for, in one line: the meeting's title, else what the note or the other
        costs say."""
        return self.meeting_title or self.note.split("\n")[0] or self.other_label
