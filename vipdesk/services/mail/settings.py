"""The office's e-mail settings: the SMTP server and who the messages come from.

The settings are shared by everyone using the database (one office, one server, one sender
address such as the international office's), stored as `Setting` rows. The password is never
stored there, nor in a settings file or a log: it lives in the operating system's credential
store (the `keyring` package: Windows Credential Manager, macOS Keychain, the Secret Service on
Linux). Where the system has no credential store, it is kept in memory for this session only.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from email.headerregistry import Address

import keyring
import keyring.errors

from vipdesk.db import Database
from vipdesk.errors import FieldProblem, ValidationError, VipdeskError
from vipdesk.services.settings import read_settings, store_settings

KEYRING_SERVICE = "vipdesk-mail"
_PREFIX = "mail_"
_session_passwords: dict[str, str] = {}  # where the system has no credential store


class Security(enum.StrEnum):
    STARTTLS = "starttls"  # port 587: plain connection upgraded to TLS before logging in
    TLS = "tls"  # port 465: TLS from the first byte
    NONE = "none"  # only for a server on this computer or the office's own relay

    @property
    def label(self) -> str:
        return {"starttls": "STARTTLS", "tls": "TLS (SSL)", "none": "None"}[self.value]

    @property
    def default_port(self) -> int:
        return {"starttls": 587, "tls": 465, "none": 25}[self.value]


@dataclass(frozen=True)
class MailSettings:
    host: str = ""
    port: int = 587
    security: Security = Security.STARTTLS
    username: str = ""
    sender_name: str = ""
    sender_address: str = ""
    reply_to: str = ""

    @property
    def configured(self) -> bool:
        """A server and a sender are set: messages can be sent, not only saved as .eml."""
        return bool(self.host and self.sender_address)

    @property
    def sender(self) -> Address:
        return make_address(self.sender_name, self.sender_address, "sender_address")

    @property
    def reply_address(self) -> Address | None:
        """The Reply-To header's address, if one is set."""
        return make_address("", self.reply_to, "reply_to") if self.reply_to else None

    def addresses(self) -> tuple[Address, Address | None]:
        """From and Reply-To, for a message going out.

        Raises:
            VipdeskError: no sender address is set.
        """
        if not self.sender_address:
            raise VipdeskError.said(
                "Set the address messages come from in Settings → E-mail first."
            )
        return self.sender, self.reply_address

    @property
    def credential_key(self) -> str:
        return f"{self.username}@{self.host}:{self.port}"


_FIELDS = ("host", "port", "security", "username", "sender_name", "sender_address", "reply_to")


def make_address(name: str, address: str, field: str = "recipients") -> Address:
    """An address for a header, refused if it could break the header (CR, LF) or is malformed.

    Raises:
        ValidationError: beside `field`, in one line.
    """
    for part in (name, address):
        if any(ch in part for ch in "\r\n\0"):
            raise ValidationError.on(field, "A name or address may not hold a line break.")
    address = address.strip()
    if not address:
        raise ValidationError.on(field, "An empty address is not an e-mail address.")
    if address.count("@") != 1 or " " in address or "<" in address or ">" in address:
        raise ValidationError.on(field, "{address} is not an e-mail address.", address=address)
    local, domain = address.split("@")
    if not local or "." not in domain or domain.startswith(".") or domain.endswith("."):
        raise ValidationError.on(field, "{address} is not an e-mail address.", address=address)
    try:
        return Address(display_name=name.strip(), username=local, domain=domain)
    except (ValueError, IndexError) as exc:
        raise ValidationError.on(
            field, "{address} is not an e-mail address.", address=address
        ) from exc


def load_mail_settings(db: Database) -> MailSettings:
    with db.session() as session:
        stored = read_settings(session, [_PREFIX + f for f in _FIELDS])
    values = {f: stored[_PREFIX + f] for f in _FIELDS if _PREFIX + f in stored}
    settings = MailSettings()
    try:
        port = int(values.pop("port", settings.port))
    except ValueError:
        port = settings.port
    security = values.pop("security", settings.security.value)
    return replace(
        settings,
        port=port,
        security=Security(security)
        if security in Security._value2member_map_
        else settings.security,
        **values,
    )


def check_mail_settings(settings: MailSettings) -> None:
    """Raises ValidationError listing every field that is wrong."""
    problems: list[FieldProblem] = []
    if settings.host and (" " in settings.host.strip() or "/" in settings.host):
        problems.append(FieldProblem.said("host", "Give the server's name, like smtp.example.edu."))
    if not 1 <= settings.port <= 65535:
        problems.append(FieldProblem.said("port", "The port is a number from 1 to 65535."))
    if settings.host and not settings.sender_address:
        problems.append(FieldProblem.said("sender_address", "Give the address messages come from."))
    for field, name, address in (
        ("sender_address", settings.sender_name, settings.sender_address),
        ("reply_to", "", settings.reply_to),
    ):
        if not address:
            continue
        try:
            make_address(name, address, field)
        except ValidationError as exc:
            problems.extend(exc.problems)
    if any(
        len(getattr(settings, f) if f != "port" else "") > 200 for f in _FIELDS if f != "security"
    ):
        problems.append(FieldProblem.said("host", "A setting is longer than 200 characters."))
    if problems:
        raise ValidationError(problems)


def save_mail_settings(db: Database, settings: MailSettings, user: str | None = None) -> None:
    check_mail_settings(settings)
    values: dict[str, str | None] = {}
    for field in _FIELDS:
        value = getattr(settings, field)
        text = str(value.value if isinstance(value, Security) else value).strip()
        values[_PREFIX + field] = text or None
    store_settings(db, values, user, what="e-mail setup")


def password(settings: MailSettings) -> str | None:
    """The stored password of the settings' login, or None (none stored, or no login)."""
    if not settings.username:
        return None
    if settings.credential_key in _session_passwords:
        return _session_passwords[settings.credential_key]
    try:
        return keyring.get_password(KEYRING_SERVICE, settings.credential_key)
    except keyring.errors.KeyringError:
        return None


def store_password(settings: MailSettings, secret: str) -> bool:
    """Keep the password in the credential store; False: only for this session (none there)."""
    if not settings.username:
        raise VipdeskError.said("Give the user name the password belongs to.")
    try:
        keyring.set_password(KEYRING_SERVICE, settings.credential_key, secret)
    except keyring.errors.KeyringError:
        _session_passwords[settings.credential_key] = secret
        return False
    _session_passwords.pop(settings.credential_key, None)
    return True
