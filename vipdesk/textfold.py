"""Folding text for search: lower case, no accents, so that 'lukasz' finds 'Łukasz'.

One rule for every search in vipdesk — the placements list, the pickers and the folded search
column kept on `student` — so that the same typed word finds the same people everywhere. It
lives here, below both the models and the services, because both need it. Migration 0007 holds
a frozen copy of it (migrations import nothing from vipdesk): change both together, and a new
migration must then re-fold the stored column.
"""

from __future__ import annotations

import unicodedata

# Combining marks (accents) to drop after NFKD decomposition: 'é' becomes 'e' + U+0301.
_ACCENTS: dict[int, str | int | None] = dict.fromkeys(
    [
        *range(0x300, 0x370),
        *range(0x1AB0, 0x1B00),
        *range(0x1DC0, 0x1E00),
        *range(0x20D0, 0x2100),
        *range(0xFE20, 0xFE30),
    ]
)
# Letters that Unicode does not decompose into a base letter and an accent.
_EXTRA_FOLDS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "\u0131": "i", "þ": "th"}
)
_ACCENTS.update(_EXTRA_FOLDS)


def fold(text: str) -> str:
    """Lower-case and strip accents, so that 'lukasz' finds 'Łukasz' and 'zoe' finds 'Zoë'."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text.casefold()).translate(_ACCENTS)
