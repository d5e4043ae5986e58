"""The languages vipdesk writes its documents in: those of the EU-VIP quick guide.

A plain list, importing no library, so that the command line can offer it without loading
the libraries that write the documents.
"""

from __future__ import annotations

from vipdesk.errors import VipdeskError

ENGLISH = "en"
# Each language by its own name, in the order of those names: what a language menu shows.
LANGUAGES: dict[str, str] = {
    "da": "Dansk",
    "de": "Deutsch",
    "en": "English",
    "it": "Italiano",
    "nl": "Nederlands",
    "pl": "Polski",
    "fi": "Suomi",
}

# Each language by its English name, as people write it in a spreadsheet column.
IN_ENGLISH: dict[str, str] = {
    "da": "Danish",
    "de": "German",
    "en": "English",
    "fi": "Finnish",
    "it": "Italian",
    "nl": "Dutch",
    "pl": "Polish",
}


def check_language(language: str, what: str) -> str:
    """`language` as a code of `LANGUAGES` ("DE " gives "de"); `what` names what is written in
    it, for the message ("Reports", "Questionnaires").

    Raises:
        VipdeskError: vipdesk has no such language.
    """
    code = language.strip().lower()
    if code not in LANGUAGES:
        raise VipdeskError(
            f"{what} cannot be written in '{language}'; choose one of "
            f"{', '.join(sorted(LANGUAGES))}."
        )
    return code
