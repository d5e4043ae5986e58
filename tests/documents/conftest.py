"""Fixtures for the documents: throwaway certificates, and reading PDFs back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.documents.certificates import Certificates, make_certificates


@pytest.fixture(scope="session")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    return make_certificates(tmp_path_factory.mktemp("certificates"))


def poppler(tool: str) -> str:
    """The path of a poppler-utils program, or skip (CI installs poppler-utils)."""
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} is not installed (apt-get install poppler-utils)")
    return found


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The text a reader copies out of the PDF (poppler's pdftotext, layout order)."""
    path = tmp_path / "text.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        [poppler("pdftotext"), "-layout", str(path), "-"],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return result.stdout.decode("utf-8")
