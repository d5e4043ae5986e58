"""`vipdesk agreement export|import|sign|verify`: agreements from the command line.

    vipdesk agreement export REF --out FILE.pdf [--fillable]
    vipdesk agreement import FILE.pdf
    vipdesk agreement sign FILE.pdf --pkcs12 P12 [--passphrase-file F] --party PARTY --out OUT.pdf
    vipdesk agreement trust [CA.pem] [--list]             trusted authorities, kept in the database
    vipdesk agreement verify FILE.pdf [--trust CA.pem]    exit 0 intact and confirmed, 3 intact
                                                          but a signer unconfirmed, 1 altered

Errors are `VipdeskError`s with one line for the user; `vipdesk.cli` prints them and exits 1.
Loaded by `vipdesk.cli` only when `agreement` runs (its options are in `parsers`), so that
`vipdesk --help`, the app and the other commands do not pay for reportlab and pyHanko.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from vipdesk.db import open_database
from vipdesk.documents.agreement.form import read_pdf_bytes, read_returned_bytes
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.documents.files import write_atomically
from vipdesk.documents.signatures.signing import load_signer, sign_agreement
from vipdesk.errors import VipdeskError
from vipdesk.services.agreements.export import export_agreement
from vipdesk.services.agreements.prefill import find_placement
from vipdesk.services.agreements.returns import returned_changes
from vipdesk.services.signatures.trust import (
    check_signed_file,
    trust_certificates,
    trusted_certificates,
)

PARTY_NAMES = {
    "student": "the trainee",
    "sending": "the sending institution",
    "host": "the receiving organisation",
}


def run(args: argparse.Namespace, database_url: str) -> int:
    if args.action == "export":
        return export(
            args.ref,
            args.out,
            fillable=args.fillable,
            language=args.language,
            database_url=database_url,
        )
    if args.action == "import":
        return read_back(args.file, database_url=database_url)
    if args.action == "trust":
        return trust_authority(args.file, listing=args.list, database_url=database_url)
    if args.action == "sign":
        return sign(args.file, args.pkcs12, args.passphrase_file, args.party, args.out)
    return verify(args.file, args.trust, database_url=database_url)


def export(
    ref: str, out: Path, *, fillable: bool, database_url: str, language: str | None = None
) -> int:

    database = open_database(database_url)
    try:
        exported = export_agreement(
            database, find_placement(database, ref), fillable=fillable, language=language
        )
    finally:
        database.dispose()
    write_atomically(out, exported.pdf)
    data = exported.data
    kind = "fillable agreement" if fillable else "agreement"
    print(
        f"Wrote the {kind} {data.reference} (version {data.version}, {exported.state}) of "
        f"{data.trainee.name} at {data.receiving.name} to {out}."
    )
    return 0


def read_back(path: Path, *, database_url: str) -> int:
    return review_returned_pdf(read_pdf_bytes(path), path.name, database_url=database_url)


def review_returned_pdf(pdf: bytes, name: str, *, database_url: str) -> int:
    """Print what a returned agreement says against the stored version; stores nothing."""
    returned = read_returned_bytes(pdf, name)  # refuses what is not ours, before opening
    database = open_database(database_url)
    try:
        placement_id = find_placement(database, returned.reference)
        review = returned_changes(database, placement_id, pdf, name)
    finally:
        database.dispose()
    print(
        f"{name}: agreement {review.reference}, version {review.version}, of "
        f"{review.trainee_name} at {review.host_name}."
    )
    if review.made_from_older_draft:
        print(
            "The agreement changed since this file was exported; the differences below are "
            "against the agreement as it is now."
        )
    for signer in review.signers:
        party = PARTY_NAMES[signer.check.party.value] if signer.check.party else "no party"
        print(f"Signed digitally for {party} by {signer.check.signer}: {signer.verdict}.")
    if not review.signers:
        print("Not signed digitally.")
    changes = review.changes
    if not review.values:
        print(
            "This file has none of the host's form fields (they were removed, or it is not "
            "the fillable PDF): there is nothing to compare."
        )
    elif review.missing_fields:
        print(f"Removed from the host's part: {', '.join(review.missing_fields)}.")
    if not changes and review.values:
        rest = "otherwise " if review.missing_fields else ""
        print(f"The host's part is {rest}unchanged.")
    elif changes:
        print(f"{len(changes)} change{'s' if len(changes) != 1 else ''} in the host's part:")
        for change in changes:
            print(f"  {change.label}")
            print(_indented("was: ", change.ours or "(empty)"))
            print(_indented("now: ", change.theirs or "(empty)"))
    print(
        "Nothing was stored; accept the changes in the placement's Agreement tab to make "
        "them a new version."
    )
    return 0


def _indented(prefix: str, text: str) -> str:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    pad = " " * (4 + len(prefix))
    return "\n".join(
        f"    {prefix}{line}" if n == 0 else f"{pad}{line}" for n, line in enumerate(lines)
    )


def _passphrase(key: Path, passphrase_file: Path | None, pkcs12: bytes) -> bytes | None:
    """The passphrase: from the file, else none if the key needs none, else typed in."""

    if passphrase_file is not None:
        try:
            text = passphrase_file.read_bytes()
        except OSError as exc:
            raise VipdeskError(f"Cannot read {passphrase_file}: {exc.strerror or exc}.") from exc
        return text.rstrip(b"\r\n") or None
    try:
        load_signer(pkcs12, None, key.name)
        return None  # a key file without a passphrase
    except VipdeskError:
        pass
    if not sys.stdin.isatty():
        raise VipdeskError(
            f"{key.name} needs a passphrase: give --passphrase-file, or run the command in a "
            "terminal to type it."
        )
    return getpass.getpass(f"Passphrase for {key.name}: ").encode("utf-8")


def sign(file: Path, key: Path, passphrase_file: Path | None, party_name: str, out: Path) -> int:

    pdf = read_pdf_bytes(file)
    pkcs12 = read_pdf_bytes(key)
    party = Party(party_name)
    signed = sign_agreement(
        pdf,
        party=party,
        pkcs12=pkcs12,
        passphrase=_passphrase(key, passphrase_file, pkcs12),
        name=file.name,
        key_name=key.name,
    )
    write_atomically(out, signed.pdf)
    print(f"Signed {file.name} for {party.label} as {signed.signer}; wrote {out}.")
    return 0


def verify(file: Path, trust: list[Path], *, database_url: str) -> int:
    """Each signature: intact or altered, and its signer against the person on record."""

    pdf = read_pdf_bytes(file)
    roots = [read_pdf_bytes(path) for path in trust]
    database = open_database(database_url)
    try:
        checked = check_signed_file(database, pdf, file.name, extra_roots=roots)
    finally:
        database.dispose()
    if not checked.signers:
        raise VipdeskError(f"{file.name} carries no digital signature.")
    for signer in checked.signers:
        check = signer.check
        who = check.party.value if check.party else "signature"
        when = f"{check.signed_at:%Y-%m-%d %H:%M} UTC" if check.signed_at else "time not stated"
        print(f"{who} ({check.field}): signed by {check.signer}, {when}: {signer.verdict}")
        if check.certificate is not None:
            print(f"    certificate: {check.certificate.describe()}")
        if signer.expected:
            print(f"    on record: {signer.expected}")
    count = len(checked.signers)
    failing = checked.failing
    if failing:
        first = failing[0].check
        raise VipdeskError(
            f"{file.name}: {len(failing)} of {count} signatures do not hold; "
            f"{first.field}: {first.verdict}."
        )
    unconfirmed = checked.unconfirmed
    if unconfirmed:
        first_signer = unconfirmed[0]
        print(
            f"vipdesk: {file.name}: the signatures are intact, but {len(unconfirmed)} of "
            f"{count} signers are not confirmed; {first_signer.check.field}: "
            f"{'; '.join(reason.english() for reason in first_signer.reasons)}.",
            file=sys.stderr,
        )
        return 3
    subject = "The signature is" if count == 1 else f"All {count} signatures are"
    print(f"{subject} intact and every signer confirmed; nothing was changed after signing.")
    return 0


def trust_authority(file: Path | None, *, listing: bool, database_url: str) -> int:
    """Trust the certificates of `file` for verifying signers; list the trusted ones."""
    if file is None and not listing:
        raise VipdeskError("Give the certificate file to trust (CA.pem), or --list.")
    data = read_pdf_bytes(file) if file is not None else b""
    database = open_database(database_url)
    try:
        if file is not None:
            for certificate in trust_certificates(database, data, file.name):
                print(f"Trusted: {certificate.describe()}")
        if listing:
            for certificate in trusted_certificates(database):
                print(certificate.describe())
    finally:
        database.dispose()
    return 0
