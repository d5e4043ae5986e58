"""Names in a line of other text: an Arabic or Hebrew name must not reorder the rest of it.

In "يوسف العلوي · yusuf@example.edu" the Unicode bidi algorithm takes the first strong letter
for the whole line's direction and moves the separator and the address around the name. Each
run from a record is wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE (UAX #9): inside
it reads in its own direction, outside it counts as one neutral character. Text without a
right-to-left letter is returned as it is, so labels of Latin, Greek or CJK names are unchanged.
"""

from __future__ import annotations

import unicodedata

FSI = "\u2068"  # FIRST STRONG ISOLATE
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def isolate(text: str) -> str:
    """`text` as a run that keeps its direction and leaves the line around it alone."""
    return f"{FSI}{text}{PDI}" if has_rtl(text) else text


def plain(text: str) -> str:
    """`text` without the isolation marks: for search, copying and comparing."""
    return text.replace(FSI, "").replace(PDI, "")
