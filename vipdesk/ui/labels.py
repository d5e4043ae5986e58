"""The services' names of states and kinds (a status, a mode, an urgency, a party…) in the
interface's language.

The services name them in English (`Status.DRAFT.label` is "Draft"); their translations are
those of the report catalogues (resources/reports/<language>.json), so that a status reads
the same on screen as in an exported report, else the interface catalogue's when the same
words are an interface text too. A name no catalogue holds stays as it is.
"""

from __future__ import annotations

from vipdesk.documents.report_language import catalogue
from vipdesk.languages import ENGLISH
from vipdesk.services.refdata import Names, country_name
from vipdesk.ui import i18n

# Languages that write nouns with a capital inside a sentence too.
_CAPITAL_NOUNS = frozenset({"de"})
_language = ENGLISH


def use_language(language: str) -> None:
    """Show names in `language` from now on (set once, with the interface language)."""
    global _language
    _language = language


def language() -> str:
    """The interface language (English until one is installed)."""
    return _language


def shown(label: str) -> str:
    """`label` as the interface shows it on its own: "Entwurf" for "Draft" in German; a name
    the reports do not use is looked up in the interface's own catalogue."""
    return catalogue(_language).get(label) or i18n.tr(label)


def country(code: str | None) -> str:
    """A country by its ISO code, as the interface's language names it ("Deutschland")."""
    return country_name(code, _language)


# What the services write into lists and pickers, in the interface's language.
NAMES = Names(country=country, label=shown)


def in_sentence(label: str, *, noun: bool = True) -> str:
    """`label` inside a sentence: lower-case, except where the language capitalises nouns and
    `label` is one ("Praktikant/in"; not "wöchentlich", "kombiniert", "bestanden")."""
    text = shown(label)
    return sentence_case(text) if noun else text.lower()


def sentence_case(text: str) -> str:
    """A translated name inside a sentence: lower-case, unless the language capitalises nouns."""
    return text if _language in _CAPITAL_NOUNS else text.lower()
