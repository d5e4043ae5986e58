"""Many agreements at once: one PDF per placement into a folder, all or nothing.

    result = export_agreements(db, ids, Path("~/Agreements"), progress=..., should_cancel=...)

File names are `<reference>.pdf` (e.g. `VIP-2026-00042.pdf`): the reference is unique, printed
on every page of the agreement and searchable in the placements list, and a name without the
student's name keeps personal data out of folder listings, sync logs and mail attachments'
names (and out of trouble with names in scripts some file systems or zip tools mangle). A
reference that is not a portable name as it stands (`A/1`, `a-1`, `CON`) gets a safe form and
a fingerprint of itself (`A_1 (3f9a2c1d).pdf`), so that no two references share a file on any
system, Windows and macOS (which ignore case) included, and each keeps its name from one
export to the next.

All or nothing, as with every other export: the files are written, each through a temporary
name, into a hidden folder beside them and moved into the chosen folder only once every one
is complete. Cancelling (or a failure such as a full disk) removes that hidden folder, so the
chosen folder is left exactly as it was: no half of a batch, no temporary file. A file of the
same name already in the folder is replaced at the end (a newer export of the same agreement).

`agreement_for_export` / `agreements_for_export` are the one place that says which content an
exported agreement has.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from vipdesk.db import Database
from vipdesk.documents.agreement.content import AgreementData
from vipdesk.documents.agreement.pdf import render_agreement
from vipdesk.documents.files import write_atomically
from vipdesk.errors import NotFoundError, VipdeskError
from vipdesk.phrase import Count
from vipdesk.services.agreements.export import sent_or_signed, stored_agreements, stored_pdfs
from vipdesk.services.agreements.prefill import agreements_from_placements
from vipdesk.services.jobs import Progress, ShouldCancel, Steps

CHUNK = 50  # placements read per round: a few queries each, and little held in memory
STAGING_PREFIX = ".vipdesk-agreements-"
# A staging folder is touched with every agreement written into it: one untouched this long
# belongs to a batch that was killed.
STAGING_LEFTOVER_AGE = 600.0


@dataclass(frozen=True)
class BatchResult:
    folder: Path
    written: tuple[Path, ...]  # in the order of the placements asked for
    replaced: int  # of them, files that existed before and were replaced
    missing: int  # placements deleted by someone since the list was shown


def agreement_for_export(db: Database, placement_id: int) -> AgreementData:
    """The content of one placement's agreement as it is exported.

    Raises:
        NotFoundError: the placement does not exist (any more).
    """
    found = agreements_for_export(db, [placement_id])
    if placement_id not in found:
        raise NotFoundError.said("This placement no longer exists: someone may have deleted it.")
    return found[placement_id]


def agreements_for_export(
    db: Database, placement_ids: Iterable[int], *, today: date | None = None
) -> dict[int, AgreementData]:
    """`agreement_for_export` for many placements at once (absent ones are left out).

    A placement whose agreement is stored (a draft, a version out for signature, a signed
    one) exports that version; the others the agreement as their records say it."""

    found = agreements_from_placements(db, placement_ids, today=today)
    stored = stored_agreements(db, list(found))
    return {placement_id: stored.get(placement_id, data) for placement_id, data in found.items()}


# Names Windows keeps for devices, with any extension: `CON.pdf` cannot be a file there.
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{port}{n}" for port in ("COM", "LPT") for n in range(10)
}
_MAX_STEM = 100


def file_name(reference: str, taken: Container[str] = ()) -> str:
    """`VIP-2026-00042.pdf` for a reference that is a portable name as it stands (capitals,
    digits, '.', '_', '-'); for any other, its safe form and a fingerprint of it, longer only
    if the short one is among `taken` (names already used, case-folded)."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", reference).strip("._")[:_MAX_STEM] or "agreement"
    device = safe.split(".")[0].upper() in _RESERVED
    if safe == reference == reference.upper() and not device:
        return f"{safe}.pdf"
    if device:  # `AUX.2026 (…).pdf` would still be the device AUX
        safe = f"_{safe}"
    digest = hashlib.sha256(reference.encode("utf-8")).hexdigest()
    for size in (8, 16):
        name = f"{safe} ({digest[:size]}).pdf"
        if name.casefold() not in taken:
            return name
    return f"{safe} ({digest}).pdf"


def export_agreements(
    db: Database,
    placement_ids: Sequence[int],
    folder: Path,
    *,
    fillable: bool = False,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
    today: date | None = None,
) -> BatchResult:
    """Write the agreement of each placement as `<reference>.pdf` into `folder`.

    Raises:
        VipdeskError: the folder does not exist or cannot be written to, or the disk is full;
            the folder is left as it was.
        CancelledError: `should_cancel` said stop; the folder is left as it was.
    """

    folder = Path(folder).expanduser()
    ids = list(dict.fromkeys(placement_ids))
    steps = Steps(len(ids), "Writing agreements", progress, should_cancel, every=1)
    staging = _staging_folder(folder)
    try:
        names: list[str] = []
        taken: set[str] = set()
        for at in range(0, len(ids), CHUNK):
            chunk = ids[at : at + CHUNK]
            found = agreements_for_export(db, chunk, today=today)
            # Sent and signed agreements go out as stored: the PDF as sent with its digital
            # signatures, the archived final PDF (also when fillable ones were asked for: a
            # locked agreement has nothing left to fill in).
            as_stored = stored_pdfs(db, list(found), sent_too=not fillable)
            not_drafts = sent_or_signed(db, list(found))
            steps.step(len(chunk) - len(found))  # deleted meanwhile: counted, nothing to write
            for placement_id, data in found.items():
                name = file_name(data.reference, taken)
                taken.add(name.casefold())
                pdf = as_stored.get(placement_id) or render_agreement(
                    data, fillable=fillable, draft=placement_id not in not_drafts
                )
                write_atomically(staging / name, pdf)
                names.append(name)
                steps.step()
        steps.check()  # a last chance to stop before anything in `folder` changes
        replaced = _move_in(staging, folder, names)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    steps.finish()
    return BatchResult(
        folder=folder,
        written=tuple(folder / name for name in names),
        replaced=replaced,
        missing=len(ids) - len(names),
    )


def _staging_folder(folder: Path) -> Path:
    """A hidden folder inside `folder` (same disk: moving out of it is a rename); those of
    batches killed earlier, untouched for a while, are removed first."""
    if not folder.is_dir():
        raise VipdeskError.said(
            "The folder {folder} does not exist; no agreement was written.", folder=str(folder)
        )
    for leftover in folder.glob(f"{STAGING_PREFIX}*"):
        with contextlib.suppress(OSError):
            if time.time() - leftover.stat().st_mtime > STAGING_LEFTOVER_AGE:
                shutil.rmtree(leftover)
    try:
        return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
    except OSError as exc:
        raise VipdeskError.said(
            "Cannot write to the folder {folder}: {reason}. Choose another folder; no agreement "
            "was written.",
            folder=str(folder),
            reason=exc.strerror or str(exc),
        ) from exc


def _move_in(staging: Path, folder: Path, names: list[str]) -> int:
    """Rename the finished files into `folder`; returns how many replaced an older file."""
    replaced = 0
    moved: list[str] = []
    try:
        for name in names:
            target = folder / name
            replaced += target.exists()
            os.replace(staging / name, target)
            moved.append(name)
    except OSError as exc:
        # Rare (a file open in a program that locks it): say what happened, keep what moved.
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
        raise VipdeskError.said(
            "Cannot write {file} into {folder} ({reason}): it may be open in another program. "
            "{written} of {count} agreements were written.",
            file=name,
            folder=str(folder),
            reason=exc.strerror or str(exc),
            written=Count(len(moved)),
            count=Count(len(names)),
        ) from exc
    return replaced
