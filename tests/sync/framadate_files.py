"""Framadate exports made the way Framadate writes them (exportcsv.php, Utils::csvEscape): UTF-8
with a BOM, every cell quoted, ',' after every cell (a trailing one too), CRLF; a row of dates,
a row of times, then one row per participant. Names are invented."""

from collections.abc import Sequence


def framadate_csv(dates: Sequence[str], times: Sequence[str],
                  rows: Sequence[tuple[str, Sequence[str]]]) -> bytes:
    def line(cells: Sequence[str]) -> str:
        return "".join('"{}",'.format(cell.replace('"', '""')) if cell else "," for cell in cells)

    lines = [line(["", *dates]), line(["", *times])]
    lines += [line([name, *answers]) for name, answers in rows]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")
