"""The languages vipdesk writes its documents in: those of the EU-VIP quick guide.

A plain list, importing nothing, so that the command line can offer it without loading the
libraries that write the documents.
"""

from __future__ import annotations

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
