"""Where a long e-mail or web address may wrap: after '@' or '/', never in the middle of a word.

reportlab wraps only at spaces; a word wider than its column is cut wherever the column ends
("maximili" / "ane@…", "exampl" / "e"). A company's lawyer reads that as a wrong address.
`break_addresses` puts line breaks into such addresses before reportlab sees them: after '@'
or '/' where it can, else before a '.', '-', '_', '?', '&', '=' or '#' inside a part still too
wide (a line ending in '-' reads as a hyphenated word, and readers such as poppler join it
without the hyphen; one ending in '.' reads as the end of a sentence); only a part with none of
these and wider than the whole column is cut where it must be.
"""

from __future__ import annotations

import re

from vipdesk.documents.pdf.fonts import text_width

# A URL with a scheme or starting with www., or an e-mail address; case does not matter.
_ADDRESS = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://|www\.)\S+|[^\s@,;<>()]+@[^\s@,;<>()]+\.[^\s@,;<>()]+", re.IGNORECASE
)
_FIRST_CHOICE = "@/"
_SECOND_CHOICE = ".-_?&=#"


def break_addresses(text: str, font: str, size: float, width: float) -> str:
    """`text` with a line break inside each address wider than `width` (in points), at the
    points named in the module docstring; other text and narrower addresses stay as they are."""
    if "@" not in text and "/" not in text and "www." not in text.lower():
        return text  # the usual case: no address at all

    def broken(match: re.Match[str]) -> str:
        address = match.group()
        if text_width(address, font, size) <= width:
            return address
        return "\n".join(_pieces(address, font, size, width))

    return _ADDRESS.sub(broken, text)


def _pieces(address: str, font: str, size: float, width: float) -> list[str]:
    pieces = []
    start = 0
    while text_width(address[start:], font, size) > width:
        end = (
            _last_fitting(
                address, start, _ends(address, start, _FIRST_CHOICE, after=True), font, size, width
            )
            or _last_fitting(
                address,
                start,
                _ends(address, start, _SECOND_CHOICE, after=False),
                font,
                size,
                width,
            )
            or _last_fitting(address, start, range(start + 2, len(address)), font, size, width)
            or start + 1
        )
        pieces.append(address[start:end])
        start = end
    pieces.append(address[start:])
    return pieces


def _ends(address: str, start: int, marks: str, *, after: bool) -> list[int]:
    """Positions just after (or before) one of the characters `marks`, but not inside or
    right after '//' (a scheme alone on a line)."""
    ends = []
    for i in range(start + 1, len(address) - 1):
        if address[i] in marks and "//" not in address[i - 1 : i + 2]:
            ends.append(i + 1 if after else i)
    return ends


def _last_fitting(
    address: str, start: int, ends: list[int] | range, font: str, size: float, width: float
) -> int | None:
    fitting = [end for end in ends if text_width(address[start:end], font, size) <= width]
    return fitting[-1] if fitting else None
