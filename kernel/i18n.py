"""The one `_()` every user-facing sentence passes through.

The interface is written in French; a catalogue under `store/locale/` would translate it.
"""

import gettext
from pathlib import Path

_catalogue = gettext.translation(
    "comite", localedir=Path(__file__).with_name("locale"), fallback=True
)
_ = _catalogue.gettext
