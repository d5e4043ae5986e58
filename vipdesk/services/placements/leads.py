"""Office leads: the coordinators who may move a placement past open checks, with a reason.

Who they are is a setting shared by everyone using the database (`office_leads` in the
Setting table): the login names, as `vipdesk.db.current_user()` gives them, separated by
commas and compared without regard to case. While the list is empty anyone may set it; after
that only an office lead may change it, so nobody makes themselves one.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from vipdesk.db import Database, current_user
from vipdesk.errors import ValidationError
from vipdesk.models import Setting
from vipdesk.phrase import Count
from vipdesk.services.settings import store_settings

OFFICE_LEADS_KEY = "office_leads"
_VALUE_LIMIT = 200  # Setting.value


def _stored(session: Session) -> list[str]:
    value = session.scalar(select(Setting.value).where(Setting.key == OFFICE_LEADS_KEY))
    return [login.strip() for login in (value or "").split(",") if login.strip()]


def office_leads(db: Database) -> list[str]:
    """The login names of the office leads, as stored."""
    with db.session() as session:
        return _stored(session)


def is_office_lead(session: Session, user: str) -> bool:
    return user.casefold() in {login.casefold() for login in _stored(session)}


def set_office_leads(db: Database, logins: Iterable[str], user: str | None = None) -> list[str]:
    """Store the office leads' logins (an empty list removes them all).

    Raises:
        ValidationError: a login with a comma, a list too long to store, or a change by
            someone who is not an office lead while there are office leads.
    """
    cleaned = list(dict.fromkeys(login.strip() for login in logins if login.strip()))
    if any("," in login for login in cleaned):
        raise ValidationError.on("office_leads", "A login name cannot contain a comma.")
    value = ",".join(cleaned)
    if len(value) > _VALUE_LIMIT:
        raise ValidationError.on(
            "office_leads",
            "The list of office leads is longer than {limit} characters.",
            limit=Count(_VALUE_LIMIT),
        )

    def only_a_lead(session: Session) -> None:
        if _stored(session) and not is_office_lead(session, str(session.info["user"])):
            raise ValidationError.on(
                "office_leads", "Only an office lead can change who the office leads are."
            )

    store_settings(
        db, {OFFICE_LEADS_KEY: value}, user, what="list of office leads", check=only_a_lead
    )
    return cleaned


def current_user_is_lead(db: Database) -> bool:
    """Whoever is at the keyboard (`vipdesk.db.current_user`) is an office lead."""
    with db.session() as session:
        return is_office_lead(session, current_user())
