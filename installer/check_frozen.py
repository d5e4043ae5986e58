"""Check the frozen vipdesk the way a coordinator meets it: no Python, no source tree.

    python installer/check_frozen.py [dist/vipdesk]

Runs the bundled program from an empty temporary folder, with a temporary data folder
(VIPDESK_DATA_DIR) and settings folder, on Qt's offscreen platform, and checks that:

1. `--version` names the version in pyproject.toml (the bundled package metadata);
2. `demo --placements 50` fills a new database (the migrations ran from the bundle) and
   `--screenshot` renders the main window on it to a PNG (kept as build/frozen-demo.png);
3. a first start with no database creates and migrates vipdesk.sqlite3 in the data folder, and a
   second start opens that same file;
4. a postgresql+psycopg URL fails with vipdesk's "cannot be reached" message, which shows that the
   PostgreSQL driver, with its own libpq, is in the bundle (the address is a closed port on
   this machine).

Prints one line per check and stops at the first failure with exit status 1. Uses only the
standard library, so any Python 3.11 or newer can run it.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 180  # seconds for one run of the program; a first start on a slow machine takes ~2
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MIN_SCREENSHOT = (800, 600)
SCREENSHOT_COPY = ROOT / "build" / "frozen-demo.png"  # kept for a person to look at
CLOSED_PORT_URL = "postgresql+psycopg://vipdesk@127.0.0.1:9/vipdesk"


class FrozenCheckError(Exception):
    """What the frozen program got wrong, in one message."""


class Frozen:
    """The bundled program, run in a sandbox of temporary folders."""

    def __init__(self, program: Path, sandbox: Path) -> None:
        self.program = program
        self.sandbox = sandbox
        self.data = sandbox / "data"
        self.last_seconds = 0.0
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("VIPDESK_DATABASE_URL", "PYTHONPATH", "PYTHONHOME")
        }
        self.env.update(
            VIPDESK_DATA_DIR=str(self.data),
            XDG_CONFIG_HOME=str(sandbox / "config"),  # QSettings: leave the user's alone
            QT_QPA_PLATFORM="offscreen",
        )

    def run(
        self, *args: str, expect: int = 0, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        started = time.perf_counter()
        try:
            result = subprocess.run(
                [str(self.program), *args],
                cwd=self.sandbox,
                env={**self.env, **(env or {})},
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise FrozenCheckError(
                f"`vipdesk {' '.join(args)}` did not finish in {TIMEOUT} s"
            ) from exc
        self.last_seconds = time.perf_counter() - started
        if result.returncode != expect:
            raise FrozenCheckError(
                f"`vipdesk {' '.join(args)}` exited with {result.returncode}, not {expect}:\n"
                f"{result.stdout}{result.stderr}".rstrip()
            )
        return result


def png_size(path: Path) -> tuple[int, int]:
    """Width and height of a PNG file; fails unless it is one."""
    if not path.is_file():
        raise FrozenCheckError(f"{path.name} was not written")
    header = path.read_bytes()[:24]
    if len(header) < 24 or not header.startswith(PNG_SIGNATURE) or header[12:16] != b"IHDR":
        raise FrozenCheckError(f"{path.name} is not a PNG image ({path.stat().st_size} bytes)")
    width, height = struct.unpack(">II", header[16:24])
    if width < MIN_SCREENSHOT[0] or height < MIN_SCREENSHOT[1]:
        raise FrozenCheckError(f"{path.name} is only {width}×{height} pixels")
    return width, height


def schema_revision(database: Path) -> str:
    if not database.is_file():
        raise FrozenCheckError(f"{database} was not created")
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error as exc:
        raise FrozenCheckError(f"{database.name} has no schema revision: {exc}") from exc
    finally:
        connection.close()
    if len(rows) != 1:
        raise FrozenCheckError(f"{database.name} has {len(rows)} schema revisions, not one")
    return str(rows[0][0])


def check_version(app: Frozen, version: str) -> str:
    output = app.run("--version").stdout.strip()
    if output != f"vipdesk {version}":
        raise FrozenCheckError(f"--version printed {output!r}, not 'vipdesk {version}'")
    return output


def check_demo_screenshot(app: Frozen) -> str:
    database = app.sandbox / "demo.sqlite3"
    url = f"sqlite:///{database}"
    # The default demo, as `make run` shows it: its Today tab lists a few dozen items.
    app.run("--database", url, "demo")
    seconds = app.last_seconds
    revision = schema_revision(database)
    app.run("--database", url, "--screenshot", "demo.png")
    width, height = png_size(app.sandbox / "demo.png")
    SCREENSHOT_COPY.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(app.sandbox / "demo.png", SCREENSHOT_COPY)
    return (
        f"demo database (schema {revision}) in {seconds:.1f} s, screenshot {width}×{height} "
        f"in {app.last_seconds:.1f} s"
    )


def check_interface_language(app: Frozen) -> str:
    """The compiled catalogues are bundled: the demo window in German is not the English one."""
    url = f"sqlite:///{app.sandbox / 'demo.sqlite3'}"
    app.run("--database", url, "--interface-language", "de", "--screenshot", "demo-de.png")
    png_size(app.sandbox / "demo-de.png")
    log = app.data / "vipdesk.log"
    if log.is_file() and "No compiled catalogue" in log.read_text(encoding="utf-8"):
        raise FrozenCheckError("the German catalogue (vipdesk_de.qm) is not in the bundle")
    if (app.sandbox / "demo-de.png").read_bytes() == (app.sandbox / "demo.png").read_bytes():
        raise FrozenCheckError("the window in German looks exactly like the English one")
    return f"the demo window in German in {app.last_seconds:.1f} s"


def check_first_and_second_start(app: Frozen) -> str:
    database = app.data / "vipdesk.sqlite3"
    if database.exists():
        raise FrozenCheckError(f"{database} exists before the first start")
    app.run("--screenshot", "first.png")
    first_seconds = app.last_seconds
    png_size(app.sandbox / "first.png")
    # An empty window compresses to a tenth of one with a screenful of work-list rows in it.
    if (app.sandbox / "demo.png").stat().st_size < 2 * (app.sandbox / "first.png").stat().st_size:
        raise FrozenCheckError(
            "the demo screenshot looks like an empty window: are its rows missing?"
        )
    revision = schema_revision(database)
    inode = database.stat().st_ino
    app.run("--screenshot", "second.png")
    png_size(app.sandbox / "second.png")
    if database.stat().st_ino != inode or schema_revision(database) != revision:
        raise FrozenCheckError("the second start did not open the database the first one created")
    backups = sorted(path.name for path in app.data.glob("*.bak"))
    if backups:
        raise FrozenCheckError(f"a start on a current database made a backup: {backups}")
    return (
        f"first start created {database.name} (schema {revision}) in {first_seconds:.1f} s, "
        f"second start opened it in {app.last_seconds:.1f} s"
    )


def check_agreement(app: Frozen) -> str:
    # reportlab, pyHanko, Pillow and the bundled fonts: export a fillable agreement of a
    # placement still in preparation and read it back; export a signed one (stored by the demo).
    database = app.sandbox / "demo.sqlite3"
    url = f"sqlite:///{database}"
    with contextlib.closing(sqlite3.connect(database)) as conn:
        open_ids = conn.execute(
            "SELECT id FROM placement WHERE status IN ('draft', 'preparing') ORDER BY id LIMIT 1"
        ).fetchone()
        signed = conn.execute(
            "SELECT placement_id FROM agreement_document WHERE state = 'signed' LIMIT 1"
        ).fetchone()
    if open_ids is None or signed is None:
        raise FrozenCheckError("the demo has no placement in preparation or no signed agreement")
    export = ("--database", url, "agreement", "export")
    app.run(*export, str(open_ids[0]), "--out", "agreement.pdf", "--fillable")
    pdf = (app.sandbox / "agreement.pdf").read_bytes()
    if not pdf.startswith(b"%PDF") or b"DejaVu" not in pdf:
        raise FrozenCheckError("the exported agreement is not a PDF with the bundled fonts")
    app.run("--database", url, "agreement", "import", "agreement.pdf")
    app.run(*export, str(signed[0]), "--out", "signed.pdf")
    if b"DejaVu" not in (app.sandbox / "signed.pdf").read_bytes():
        raise FrozenCheckError("the signed agreement stored by the demo is not a vipdesk PDF")
    return f"agreement PDF exported ({len(pdf) // 1024} KB) and read back; signed one exported"


def check_mail(app: Frozen) -> str:
    # smtplib, email and keyring in the bundle, the templates among the resources: the demo's
    # outbox lists, and an agreement out for signature becomes an .eml with its PDF attached.
    database = app.sandbox / "demo.sqlite3"
    url = f"sqlite:///{database}"
    with contextlib.closing(sqlite3.connect(database)) as conn:
        out = conn.execute(
            "SELECT placement_id FROM agreement_document WHERE state = 'sent' LIMIT 1"
        ).fetchone()
        conn.execute(
            "INSERT INTO setting (key, value) VALUES ('mail_sender_address', 'io@uni.example')"
        )
        conn.commit()
    if out is None:
        raise FrozenCheckError("the demo has no agreement out for signature")
    listed = app.run("--database", url, "mail", "outbox").stdout
    if "Sent" not in listed:
        raise FrozenCheckError("the demo's outbox lists no sent message")
    app.run("--database", url, "mail", "send-agreement", str(out[0]), "--party", "host",
            "--eml", "to-host.eml")  # fmt: skip
    message = email.message_from_bytes(
        (app.sandbox / "to-host.eml").read_bytes(), policy=email.policy.default
    )
    attached = [part.get_content() for part in message.iter_attachments()]
    if len(attached) != 1 or not bytes(attached[0]).startswith(b"%PDF"):
        raise FrozenCheckError("the agreement's message does not carry its PDF")
    return "the outbox lists the demo's mail; an agreement's .eml carries its PDF"


def check_report(app: Frozen) -> str:
    # openpyxl, babel's locale data and the report texts in the bundle: a German costs report
    # of the demo, its sheets named in German and its detail rows streamed into the file.
    url = f"sqlite:///{app.sandbox / 'demo.sqlite3'}"
    app.run("--database", url, "report", "costs", "--out", "kosten.xlsx", "--language", "de")
    german = json.loads((ROOT / "resources" / "reports" / "de.json").read_text(encoding="utf-8"))
    with zipfile.ZipFile(app.sandbox / "kosten.xlsx") as book:
        names = book.read("xl/workbook.xml").decode("utf-8")
        detail = book.read("xl/worksheets/sheet3.xml").decode("utf-8")
    if f'name="{german["Summary"]}"' not in names:
        raise FrozenCheckError("the German costs report has no German summary sheet")
    if '<row r="2">' not in detail:
        raise FrozenCheckError("the costs report's detail sheet holds no rows")
    return f"a German costs report written ({detail.count('<row ') - 1} placements)"


def check_postgresql_driver(app: Frozen) -> str:
    # psycopg would fall back to the machine's own libpq, which a coordinator's PC lacks:
    # insist on the libpq bundled with psycopg-binary.
    stderr = app.run(
        "--database",
        CLOSED_PORT_URL,
        "demo",
        "--placements",
        "1",
        expect=1,
        env={"PSYCOPG_IMPL": "binary"},
    ).stderr
    if "cannot be reached" not in stderr:
        raise FrozenCheckError(f"a PostgreSQL URL failed in an unexpected way:\n{stderr.rstrip()}")
    return "the bundled PostgreSQL driver loads (a closed port gives 'cannot be reached')"


def check_log(app: Frozen) -> str:
    log = app.data / "vipdesk.log"
    text = log.read_text(encoding="utf-8") if log.is_file() else ""
    if "Traceback" in text or " ERROR " in text:
        raise FrozenCheckError(f"{log.name} records an error:\n{text.rstrip()}")
    return "vipdesk.log records no error"


def main(argv: list[str]) -> int:
    bundle = Path(argv[0]) if argv else ROOT / "dist" / "vipdesk"
    # On Windows the windowed vipdesk.exe prints nothing; its console twin does.
    program = bundle / ("vipdesk-cli.exe" if os.name == "nt" else "vipdesk")
    if not program.is_file():
        print(f"check_frozen: {program} is missing; build it with `make dist`", file=sys.stderr)
        return 1
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="vipdesk-frozen-") as folder:
        app = Frozen(program.resolve(), Path(folder))
        for check in (
            lambda: check_version(app, version),
            lambda: check_demo_screenshot(app),
            lambda: check_interface_language(app),
            lambda: check_first_and_second_start(app),
            lambda: check_agreement(app),
            lambda: check_mail(app),
            lambda: check_report(app),
            lambda: check_postgresql_driver(app),
            lambda: check_log(app),
        ):
            try:
                print(f"ok: {check()}")
            except FrozenCheckError as exc:
                print(f"FAILED: {exc}", file=sys.stderr)
                return 1
    seconds = time.perf_counter() - started
    print(f"The frozen vipdesk in {bundle} passed its checks in {seconds:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
