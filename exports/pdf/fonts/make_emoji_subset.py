"""Build NotoEmoji-subset.ttf, the PDFs' fallback font, from Noto Emoji (SIL OFL 1.1).

Run it again when Noto Emoji or the DejaVu files change:

    pip download --no-deps -d /tmp/noto manimgx-fonts   # a wheel that ships Noto Emoji as published
    unzip -o /tmp/noto/manimgx_fonts-*.whl 'manimgx_fonts/NotoEmoji*' -d /tmp/noto
    pip install fonttools
    python exports/pdf/fonts/make_emoji_subset.py '/tmp/noto/manimgx_fonts/NotoEmoji[wght].ttf'

Noto Emoji is published as a variable font; ReportLab reads static outlines, so the regular
weight (400) is taken. Kept: the characters Noto Emoji draws that either shipped DejaVu face
lacks (a paragraph may be bold), nothing else: no private-use character (the Markdown
renderer uses some as marks), no sequences (ReportLab does not shape: 👩‍⚕️ prints as 👩 and ⚕,
so the ligature table goes), no hinting (PDF viewers do not use it). Same input, same bytes.
"""

import sys
import unicodedata
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

HERE = Path(__file__).parent
TARGET = HERE / "NotoEmoji-subset.ttf"
WEIGHT = 400


def lacking(emoji: TTFont) -> set[int]:
    """The code points Noto Emoji draws and one of the DejaVu faces does not."""
    both = set(TTFont(HERE / "DejaVuSans.ttf").getBestCmap()) & set(
        TTFont(HERE / "DejaVuSans-Bold.ttf").getBestCmap())
    return {code for code in emoji.getBestCmap()
            if code not in both and unicodedata.category(chr(code)) != "Co"}


def main(source: str) -> None:
    emoji = instancer.instantiateVariableFont(TTFont(source), {"wght": WEIGHT})
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.name_IDs = ["*"]  # keeps the copyright and licence the OFL asks to keep
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=lacking(emoji))
    subsetter.subset(emoji)
    emoji.recalcTimestamp = False  # same input, same bytes
    emoji["head"].modified = emoji["head"].created
    emoji.save(TARGET, reorderTables=True)
    print(f"{TARGET.name}: {len(emoji.getBestCmap())} characters, {TARGET.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
