"""`vipdesk questionnaire export|import`: questionnaires that travel, from the command line.

    vipdesk questionnaire export REF --party student|host|tutor --kind readiness|midterm|final
                                     --out FILE.pdf [--language de]
    vipdesk questionnaire import FILE.pdf [--dry-run]

The import prints every question with its answer, then stores them (a readiness response or
an evaluation); with `--dry-run` it only prints. A refused file is one line on stderr, exit 1,
nothing stored. Loaded by `vipdesk.cli` only when `questionnaire` runs (reportlab, pyHanko).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from vipdesk.db import open_database
from vipdesk.documents.agreement.form import read_pdf_bytes
from vipdesk.documents.files import write_atomically
from vipdesk.languages import LANGUAGES
from vipdesk.services.agreements.prefill import find_placement
from vipdesk.services.evaluations.forms import export_questionnaire, review_returned, store_returned
from vipdesk.services.evaluations.questionnaires import (
    RESPONDENT_LABELS,
    Kind,
    party_named,
)


def run(args: argparse.Namespace, database_url: str) -> int:
    if args.action == "export":
        return export(
            args.ref, args.party, args.kind, args.out, database_url=database_url,
            language=args.language,
        )  # fmt: skip
    return read_back(args.file, dry_run=args.dry_run, database_url=database_url)


def export(
    ref: str, party_name: str, kind_name: str, out: Path, *, database_url: str,
    language: str = "en",
) -> int:  # fmt: skip
    party, kind = party_named(party_name), Kind(kind_name)
    database = open_database(database_url)
    try:
        placement = find_placement(database, ref)
        exported = export_questionnaire(database, placement, kind, party, language)
    finally:
        database.dispose()
    write_atomically(out, exported.pdf)
    form = exported.form
    title = form.title.lower() if form.language == "en" else f"“{form.title}”"
    print(
        f"Wrote the {title} ({form.questionnaire_id} v{form.version}, {len(form.questions)} "
        f"questions, {LANGUAGES[form.language]}) of placement {form.reference} to {out}."
    )
    if form.language != language:
        print(f"It is not translated into {LANGUAGES[language]} yet: it is in English.")
    return 0


def read_back(path: Path, *, dry_run: bool, database_url: str) -> int:
    return import_returned_pdf(
        read_pdf_bytes(path), path.name, dry_run=dry_run, database_url=database_url
    )


def import_returned_pdf(pdf: bytes, name: str, *, dry_run: bool, database_url: str) -> int:
    """Print a returned questionnaire's answers, then store them (not with `dry_run`)."""
    database = open_database(database_url)
    try:
        review = review_returned(database, pdf, name)
        print(
            f"{name}: {review.questionnaire.title} of placement {review.reference}, "
            f"answered by {review.respondent} ({RESPONDENT_LABELS[review.party].lower()})."
        )
        for number, line in enumerate(review.lines, 1):
            print(f"{number:>3}. {line.question}")
            print(f"     {line.answer or '(no answer)'}")
        if dry_run:
            print("Nothing was stored (--dry-run).")
            return 0
        store_returned(database, review)
    finally:
        database.dispose()
    what = "readiness response" if review.kind is Kind.READINESS else "evaluation"
    print(f"Stored as a completed {what} of placement {review.reference}.")
    return 0
