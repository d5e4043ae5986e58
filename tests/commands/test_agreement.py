"""`vipdesk agreement …` end to end, run as a user runs it: export, fill, import, sign, verify."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import forgeries
from tests.helpers.agreements import SENT_ON, ready_agreement
from tests.helpers.certificates import (
    PASSPHRASE,
    Certificates,
    make_certificates,
    self_signed_p12,
)
from tests.helpers.factories import make_placement, make_world
from tests.helpers.pdf_tools import fill_fields, pdf_text
from vipdesk.cli import main
from vipdesk.db import open_database
from vipdesk.documents.agreement.signature_block import Party
from vipdesk.documents.signatures.signing import sign_agreement
from vipdesk.services.agreements.render import document_pdf
from vipdesk.services.agreements.workflow import send_for_signature


def vipdesk(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vipdesk", *map(str, args)],
        capture_output=True,
        stdin=subprocess.DEVNULL,  # no terminal: a passphrase cannot be asked for
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )


def failed_with_one_line(result: subprocess.CompletedProcess[str], words: str) -> None:
    assert result.returncode == 1, result.stdout
    assert result.stderr.startswith("vipdesk: ")
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert words in result.stderr


@pytest.fixture
def placement(sqlite_url: str) -> str:
    """A database with one placement; returns its reference."""
    db = open_database(sqlite_url)
    try:
        form = make_placement(db, make_world(db))
    finally:
        db.dispose()
    assert form.reference is not None
    return form.reference


def test_export_fill_import_sign_verify(
    sqlite_url: str, placement: str, certificates: Certificates, tmp_path: Path
) -> None:
    exported = tmp_path / "for-hr.pdf"
    result = vipdesk(
        "--database", sqlite_url, "agreement", "export", placement, "--out", exported, "--fillable"
    )
    assert result.returncode == 0, result.stderr
    assert (
        f"Wrote the fillable agreement {placement} (version 1, not stored yet) of Łukasz Żółć"
        in result.stdout
    )

    # HR corrects the mentor's position in a PDF reader, then signs for the host.
    filled = tmp_path / "filled.pdf"
    filled.write_bytes(fill_fields(exported.read_bytes(), {"mentor_position": "Head of data"}))
    passphrase = certificates.folder / "passphrase.txt"
    from_hr = tmp_path / "from-hr.pdf"
    result = vipdesk(
        "agreement",
        "sign",
        filled,
        "--pkcs12",
        certificates.path("host"),
        "--passphrase-file",
        passphrase,
        "--party",
        "host",
        "--out",
        from_hr,
    )
    assert result.returncode == 0, result.stderr
    assert "for the receiving organisation as Олена Коваленко" in result.stdout
    assert PASSPHRASE not in from_hr.read_bytes()
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".*"))

    result = vipdesk("--database", sqlite_url, "agreement", "import", from_hr)
    assert result.returncode == 0, result.stderr
    assert f"agreement {placement}, version 1, of Łukasz Żółć at Nordlicht Analytics GmbH" in (
        result.stdout
    )
    # Not stored yet, so nobody on record to compare the signer with: intact, unconfirmed.
    assert (
        "Signed digitally for the receiving organisation by Олена Коваленко: intact, signer NOT "
        "CONFIRMED: the file is not a document stored in this database"
    ) in result.stdout
    assert "1 change in the host's part:" in result.stdout
    assert "Mentor: position" in result.stdout
    assert "was: Company mentor" in result.stdout
    assert "now: Head of data" in result.stdout

    # The trainee and the institution sign too (the command itself is tested above).
    pdf = from_hr.read_bytes()
    for party in (Party.STUDENT, Party.SENDING):
        pdf = sign_agreement(
            pdf, party=party, pkcs12=certificates.p12[party.value], passphrase=PASSPHRASE
        ).pdf
    signed = tmp_path / "signed.pdf"
    signed.write_bytes(pdf)

    result = vipdesk("agreement", "verify", signed)
    assert result.returncode == 3, result.stderr
    lines = [line for line in result.stdout.strip().splitlines() if not line.startswith(" ")]
    assert [line.split(" ")[0] for line in lines] == ["host", "student", "sending"]
    assert all("intact, signer NOT CONFIRMED" in line for line in lines)
    assert "Ελένη Παπαδοπούλου" in lines[2]
    assert "certificate: Ελένη Παπαδοπούλου, vipdesk tests; issued by vipdesk test CA" in (
        result.stdout
    )
    assert result.stderr.startswith("vipdesk: signed.pdf: the signatures are intact, but 3 of 3")

    data = signed.read_bytes()
    at = data.index(b"Learning Agreement for Traineeships")
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(data[:at] + b"l" + data[at + 1 :])
    failed_with_one_line(vipdesk("agreement", "verify", forged), "3 of 3 signatures do not hold")


def run_in_process(
    capsys: pytest.CaptureFixture[str], *args: str | Path
) -> subprocess.CompletedProcess[str]:
    """The same command line through `vipdesk.cli.main`, without starting a process."""
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, out, err)


def test_commands_fail_with_one_clear_line(
    sqlite_url: str,
    placement: str,
    certificates: Certificates,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO())  # not a terminal
    plain = tmp_path / "agreement.pdf"
    exported = run_in_process(
        capsys, "--database", sqlite_url, "agreement", "export", placement, "--out", plain
    )
    assert exported.returncode == 0, exported.stderr

    failed_with_one_line(
        run_in_process(
            capsys,
            *("--database", sqlite_url, "agreement", "export", "VIP-1999-00009"),
            *("--out", plain),
        ),
        "no placement 'VIP-1999-00009'",
    )
    failed_with_one_line(
        run_in_process(
            capsys,
            *("agreement", "sign", plain, "--pkcs12", certificates.path("student")),
            *("--party", "student", "--out", tmp_path / "out.pdf"),
        ),
        "needs a passphrase: give --passphrase-file",
    )
    assert not (tmp_path / "out.pdf").exists()
    failed_with_one_line(
        run_in_process(capsys, "agreement", "verify", plain), "carries no digital signature"
    )
    not_pdf = tmp_path / "notes.pdf"
    not_pdf.write_text("meeting notes")
    failed_with_one_line(
        run_in_process(capsys, "--database", sqlite_url, "agreement", "import", not_pdf),
        "is not a PDF file",
    )


def test_verify_exits_0_for_confirmed_3_for_unconfirmed_signers_and_1_for_altered(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keys = make_certificates(tmp_path, {"sending": "Anna Nowak", "host": "Jürgen Weiß"})
    db = open_database(sqlite_url)
    try:
        _, draft = ready_agreement(db)
        sent = send_for_signature(db, draft.id, draft.row_version, today=SENT_ON)
        pdf = document_pdf(db, sent.id)
    finally:
        db.dispose()

    def signed_by(host_key: bytes, passphrase: bytes | None) -> bytes:
        signed = pdf
        for party, key in (("student", keys.p12["student"]), ("sending", keys.p12["sending"])):
            signed = sign_agreement(
                signed, party=Party(party), pkcs12=key, passphrase=PASSPHRASE
            ).pdf
        return sign_agreement(signed, party=Party.HOST, pkcs12=host_key, passphrase=passphrase).pdf

    def verify(data: bytes, *trust: Path) -> subprocess.CompletedProcess[str]:
        path = tmp_path / "returned.pdf"
        path.write_bytes(data)
        options = [arg for ca in trust for arg in ("--trust", ca)]
        return run_in_process(
            capsys, "--database", sqlite_url, "agreement", "verify", path, *options
        )

    ca = keys.folder / "ca.pem"
    genuine = signed_by(keys.p12["host"], PASSPHRASE)
    result = verify(genuine, ca)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "All 3 signatures are intact and every signer confirmed; nothing was changed after signing."
    )
    assert "    on record: Jürgen Weiß" in result.stdout

    result = verify(genuine)  # nobody vouches for the test CA
    assert result.returncode == 3
    assert "not from an authority this office trusts" in result.stderr

    forged = signed_by(self_signed_p12("Jürgen Weiß"), None)  # the host's name, anyone's key
    result = verify(forged, ca)
    assert result.returncode == 3, result.stderr
    assert "host (sig_host): signed by Jürgen Weiß" in result.stdout
    assert "1 of 3 signers are not confirmed; sig_host" in result.stderr

    failed_with_one_line(
        verify(forgeries.redraw_field(genuine, "sig_student", "Approved: 40 h a week"), ca),
        "3 of 3 signatures do not hold; sig_student: ALTERED after signing by Łukasz Żółć: "
        "the signature in sig_student was replaced or redrawn",
    )
    for damage in (forgeries.rename_byte_range, forgeries.zero_contents):
        failed_with_one_line(verify(damage(genuine), ca), "sig_host: DAMAGED signature: ")


def test_import_never_reports_a_broken_signature_as_signed(
    sqlite_url: str,
    placement: str,
    certificates: Certificates,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    exported = tmp_path / "for-hr.pdf"
    run_in_process(
        capsys,
        *("--database", sqlite_url, "agreement", "export", placement),
        *("--out", exported, "--fillable"),
    )
    signed = sign_agreement(
        exported.read_bytes(),
        party=Party.HOST,
        pkcs12=certificates.p12["host"],
        passphrase=PASSPHRASE,
    ).pdf
    at = signed.index(b"Learning Agreement for Traineeships")
    flipped = tmp_path / "flipped.pdf"
    flipped.write_bytes(signed[:at] + b"l" + signed[at + 1 :])
    result = run_in_process(capsys, "--database", sqlite_url, "agreement", "import", flipped)
    failed_with_one_line(result, "the signature in sig_host does not hold: ALTERED")
    assert "Signed digitally" not in result.stdout


def test_import_says_when_the_host_fields_are_missing(
    sqlite_url: str, placement: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = tmp_path / "plain.pdf"
    run_in_process(
        capsys, "--database", sqlite_url, "agreement", "export", placement, "--out", plain
    )
    result = run_in_process(capsys, "--database", sqlite_url, "agreement", "import", plain)
    assert result.returncode == 0, result.stderr
    assert "none of the host's form fields" in result.stdout
    assert "unchanged" not in result.stdout


def test_trusted_authorities_are_kept_in_the_database(
    sqlite_url: str, certificates: Certificates, capsys: pytest.CaptureFixture[str]
) -> None:
    ca = certificates.folder / "ca.pem"
    result = run_in_process(capsys, "--database", sqlite_url, "agreement", "trust", ca)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Trusted: vipdesk test CA, vipdesk tests; issued by")
    listed = run_in_process(capsys, "--database", sqlite_url, "agreement", "trust", "--list")
    assert listed.stdout.startswith("vipdesk test CA, vipdesk tests;")
    failed_with_one_line(
        run_in_process(capsys, "--database", sqlite_url, "agreement", "trust"),
        "Give the certificate file to trust",
    )
    not_a_certificate = certificates.folder / "passphrase.txt"
    failed_with_one_line(
        run_in_process(capsys, "--database", sqlite_url, "agreement", "trust", not_a_certificate),
        "cannot be read as a certificate",
    )


def test_export_in_a_language(sqlite_url: str, placement: str, tmp_path: Path) -> None:
    out = tmp_path / "de.pdf"
    args = ("--database", sqlite_url, "agreement", "export", placement, "--out", out)
    result = vipdesk(*args, "--language", "de")
    assert result.returncode == 0, result.stderr
    assert "Die aufnehmende Organisation" in pdf_text(out.read_bytes(), tmp_path)

    # Without --language: the language last chosen for this host organisation.
    result = vipdesk(*args)
    assert result.returncode == 0, result.stderr
    assert "Die aufnehmende Organisation" in pdf_text(out.read_bytes(), tmp_path)

    result = vipdesk(*args, "--language", "en+de")
    assert result.returncode == 0, result.stderr
    assert "Die Parteien / The parties" in pdf_text(out.read_bytes(), tmp_path)

    failed_with_one_line(vipdesk(*args, "--language", "xx"), "cannot be written in 'xx'")
    failed_with_one_line(vipdesk(*args, "--language", "de+pl"), "English and one other")
