"""A Unicode font for the PDF's text, found among the usual system fonts, with a plain fallback."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

# (regular, bold) pairs: Debian/Ubuntu, Fedora, Arch, macOS, Windows. All cover the deck's symbols but ✱.
CANDIDATES: tuple[tuple[str, str], ...] = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf", "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
    ("/System/Library/Fonts/Supplemental/Arial.ttf", "/System/Library/Fonts/Supplemental/Arial Bold.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
)
# What a symbol becomes when the font has no glyph for it.
SUBSTITUTES = {"✱": "*", "≥": ">=", "≤": "<=", "−": "-", "—": "-", "–": "-", "…": "...", "·": "-", "•": "-"}
LATIN_1 = frozenset(range(256))


@dataclass(frozen=True)
class DeckFont:
    """Font files for regular and bold text (None: the PDF's built-in Helvetica) and the characters they cover."""

    regular: str | None
    bold: str | None
    covers: frozenset[int]

    def safe(self, text: str) -> str:
        """The text with every character the font lacks replaced by a plain equivalent (or "?")."""
        return "".join(ch if ord(ch) in self.covers or ch in "\n\t" else self._substitute(ch) for ch in text)

    def _substitute(self, ch: str) -> str:
        plain = SUBSTITUTES.get(ch, "?")
        return plain if all(ord(c) in self.covers for c in plain) else "?"


@cache
def deck_font() -> DeckFont:
    """The first installed candidate font, or Helvetica (Latin-1 only) when none is."""
    for regular, bold in CANDIDATES:
        if Path(regular).is_file() and Path(bold).is_file():
            cmap = TTFont(regular, lazy=True).getBestCmap()
            return DeckFont(regular, bold, frozenset(cmap))
    return DeckFont(None, None, LATIN_1)
