"""Fixtures for the command tests: the throwaway certificates of the document tests."""

from __future__ import annotations

import pytest

from tests.documents.certificates import Certificates, make_certificates


@pytest.fixture(scope="session")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    return make_certificates(tmp_path_factory.mktemp("certificates"))
