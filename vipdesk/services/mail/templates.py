"""Message templates: shipped as data in `resources/mail/templates.json`, reworded by the office.

Each is shipped in the seven languages too (`templates.<language>.json`: the same keys and
placeholders). The office's own wording is of the English text; a message in another language
uses the shipped translation, and the office's signature when it has one.

A template's subject and body hold `{placeholders}` filled from the records. The office's own
wording of a template (and of the signature that ends every message) is a `MailTemplate` row
in the shared database, so that every coordinator sends the same words; removing the row
restores the shipped text. A wording that names an unknown placeholder is refused when it is
saved, not when a message is made.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vipdesk.db import Database
from vipdesk.errors import FieldProblem, NotFoundError, ValidationError
from vipdesk.languages import ENGLISH, check_language
from vipdesk.models import MailTemplate
from vipdesk.resources import load_json
from vipdesk.services.mail.settings import MailSettings

SIGNATURE = "signature"  # the key of the signature's row; its placeholders are below
SIGNATURE_PLACEHOLDERS = ("sender", "institution", "address")


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    subject: str
    body: str
    customised: bool = False  # the office's wording, not the shipped one


@cache
def _shipped() -> dict[str, Any]:
    return dict(load_json("mail/templates.json"))


@cache
def _translated(language: str) -> dict[str, Any]:
    return dict(load_json(f"mail/templates.{language}.json"))


def placeholders() -> dict[str, str]:
    """Every placeholder a template may use, with what it is filled with."""
    return dict(_shipped()["placeholders"])


def shipped_templates(language: str = ENGLISH) -> dict[str, Template]:
    """The templates as vipdesk ships them, in `language`."""
    english = {
        t["key"]: Template(t["key"], t["title"], t["subject"], t["body"])
        for t in _shipped()["templates"]
    }
    if check_language(language, "Messages") == ENGLISH:
        return english
    texts = _translated(language)["templates"]
    return {
        key: Template(key, texts[key]["title"], texts[key]["subject"], texts[key]["body"])
        for key in english
    }


def shipped_signature(language: str = ENGLISH) -> str:
    chosen = _shipped() if language == ENGLISH else _translated(language)
    return str(chosen["default_signature"])


def how_to_sign(language: str, fillable: bool) -> str:
    """The sentence on how to sign that a request for signatures carries."""
    chosen = _shipped() if language == ENGLISH else _translated(language)
    return str(chosen["how_to_sign"]["fillable" if fillable else "pdf"])


def _named(text: str) -> list[str]:
    """The placeholders `text` names; ValueError on a lone brace or a format spec."""
    names = []
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if spec or conversion or not name.isidentifier():
            raise ValueError(name)
        names.append(name)
    return names


def check_wording(key: str, subject: str, body: str) -> None:
    """Raises ValidationError naming the field with an unknown placeholder or a stray brace."""
    allowed = set(SIGNATURE_PLACEHOLDERS if key == SIGNATURE else placeholders())
    problems = []
    for field, text in (("subject", subject), ("body", body)):
        try:
            unknown = [name for name in _named(text) if name not in allowed]
        except ValueError:
            problems.append(
                FieldProblem.said(
                    field,
                    "A brace must enclose a placeholder, like {example}.",
                    example="{student}",
                )
            )
            continue
        if unknown:
            problems.append(
                FieldProblem.said(
                    field,
                    "Unknown placeholder {name}: use one of the list.",
                    name=f"{{{unknown[0]}}}",
                )
            )
    if key != SIGNATURE and not body.strip():
        problems.append(FieldProblem.said("body", "The message needs a text."))
    if "\n" in subject or "\r" in subject:
        problems.append(FieldProblem.said("subject", "The subject is one line."))
    if problems:
        raise ValidationError(problems)


def templates(session: Session, language: str = ENGLISH) -> dict[str, Template]:
    """Every template as the office words it (its own wording where it has one); in another
    language than English, as shipped."""
    found = shipped_templates(language)
    if language != ENGLISH:
        return found
    for row in session.scalars(select(MailTemplate).where(MailTemplate.key != SIGNATURE)):
        if row.key in found:
            found[row.key] = Template(row.key, found[row.key].title, row.subject, row.body, True)
    return found


def template(session: Session, key: str, language: str = ENGLISH) -> Template:
    found = templates(session, language).get(key)
    if found is None:
        raise NotFoundError.said("There is no mail template '{key}'.", key=key)
    return found


def signature_text(session: Session, language: str = ENGLISH) -> str:
    """The office's signature (whatever the message's language), else the shipped one."""
    row = session.scalar(select(MailTemplate.body).where(MailTemplate.key == SIGNATURE))
    return shipped_signature(language) if row is None else row


def save_wording(db: Database, key: str, subject: str, body: str, user: str | None = None) -> None:
    """Store the office's wording of `key` (a template's, or the signature's)."""
    if key != SIGNATURE and key not in shipped_templates():
        raise NotFoundError.said("There is no mail template '{key}'.", key=key)
    check_wording(key, subject, body)
    with db.session(user) as session:
        row = session.scalar(select(MailTemplate).where(MailTemplate.key == key))
        if row is None:
            session.add(MailTemplate(key=key, subject=subject, body=body))
        else:
            row.subject, row.body = subject, body


def restore_shipped(db: Database, key: str, user: str | None = None) -> None:
    """Forget the office's wording of `key`: the shipped text applies again."""
    with db.session(user) as session:
        row = session.scalar(select(MailTemplate).where(MailTemplate.key == key))
        if row is not None:
            session.delete(row)


def fill_signature(text: str, settings: MailSettings, institution: str) -> str:
    """The signature with its placeholders filled; a line left empty by an empty value (no
    sender name set) is dropped rather than printed as a blank line."""
    values = {
        "sender": settings.sender_name or settings.sender_address,
        "institution": institution,
        "address": settings.sender_address,
    }
    lines = []
    for line in text.split("\n"):
        filled = fill(line, values)
        if filled.strip() or not line.strip():
            lines.append(filled)
    return "\n".join(lines)


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with its placeholders replaced; one without a value is left visible as {name},
    for the coordinator to see in the message before it goes."""

    class _Keep(dict[str, str]):
        def __missing__(self, name: str) -> str:
            return "{" + name + "}"

    try:
        return text.format_map(_Keep(values))
    except (ValueError, IndexError, AttributeError):  # a stored wording from before the check
        return text
