"""Logos as a coordinator would hand them over: a PNG with a transparent background drawn by
Pillow (the structure's initials in the shipped font beside a round mark), or the same as a
JPEG, or one too heavy to take."""

import os
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from comite.exports.pdf.document import FONTS
from comite.store.committee_models import Letterhead

LETTERHEAD = Letterhead(name="MSP des Tilleuls", address="12 rue des Tilleuls\n42990 Valmont-sur-Loire",
                        city="Valmont-sur-Loire", phone="04 65 71 20 10",
                        email="accueil@msp-tilleuls.example.org")
ADDRESS_LINE = "12 rue des Tilleuls"


def make_logo(path: Path, size: tuple[int, int] = (600, 240), kind: str = "PNG") -> Path:
    """A green round mark and « MSP » beside it; `kind` « PNG » (transparent) or « JPEG »."""
    width, height = size
    mode, background = ("RGBA", (0, 0, 0, 0)) if kind == "PNG" else ("RGB", "white")
    image = Image.new(mode, size, background)
    draw = ImageDraw.Draw(image)
    side = min(width, height) - 20
    draw.ellipse((10, 10, 10 + side, 10 + side), fill=(46, 125, 80))
    draw.ellipse((10 + side // 4, 10 + side // 4, 10 + 3 * side // 4, 10 + 3 * side // 4), fill="white")
    font = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), int(height * 0.45))
    draw.text((side + 40, height // 2), "MSP", font=font, fill=(46, 125, 80), anchor="lm")
    image.save(path, kind)
    return path


def make_heavy_png(path: Path) -> Path:
    """A real PNG of random pixels, over 2 MB: noise does not compress."""
    Image.frombytes("RGB", (1000, 1000), os.urandom(3_000_000)).save(path, "PNG")
    return path
