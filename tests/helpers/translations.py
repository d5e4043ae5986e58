"""The interface catalogues compiled for a test run, as `make` compiles them at set-up."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from vipdesk.ui.i18n import CATALOGUE, catalogue_dir

LRELEASE = Path(sys.executable).with_name("pyside6-lrelease")


@contextmanager
def interface_in(language: str, folder: Path) -> Iterator[None]:
    """The interface in `language` while the block runs, as `install_language` makes it: its
    catalogue compiled into `folder` and installed, its locale the default for dates and
    numbers, the names of states, kinds and countries in it, and the phrases' templates looked
    up again on the way in and out."""
    from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

    from vipdesk.ui import labels

    translator = QTranslator()
    compiled = str(compile_catalogues(folder, [language]))
    assert translator.load(CATALOGUE.format(language=language), compiled)
    QCoreApplication.installTranslator(translator)
    forget_translated_texts()
    before, locale = labels.language(), QLocale()
    labels.use_language(language)
    QLocale.setDefault(QLocale(language))
    try:
        yield
    finally:
        QCoreApplication.removeTranslator(translator)
        QLocale.setDefault(locale)
        labels.use_language(before)
        forget_translated_texts()


def forget_translated_texts() -> None:
    """Empty every cache of the interface's modules: the app reads its texts once, in the
    one language it started with (a new language applies on restart), so texts a test read
    in another language would stay."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("vipdesk.ui"):
            continue
        for value in list(vars(module).values()):
            if (
                callable(getattr(value, "cache_clear", None))
                and getattr(value, "__module__", None) == name
            ):
                value.cache_clear()


def compile_catalogues(directory: Path, languages: Iterable[str]) -> Path:
    """`languages`' `.ts` catalogues compiled to `.qm` in `directory`; returns `directory`."""
    for language in languages:
        name = CATALOGUE.format(language=language)
        subprocess.run(
            [
                str(LRELEASE),
                "-silent",
                str(catalogue_dir() / f"{name}.ts"),
                "-qm",
                str(directory / f"{name}.qm"),
            ],
            check=True,
        )
    return directory


PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def check_same_texts(catalogues: Mapping[str, Mapping[str, str]]) -> None:
    """Every language's catalogue (English text → translation) has the same texts, none empty,
    each translation with the placeholders of its English."""
    reference = set(next(iter(catalogues.values())))
    for code, texts in catalogues.items():
        assert set(texts) == reference, code
        for source, translated in texts.items():
            assert translated.strip(), (code, source)
            found = sorted(PLACEHOLDER.findall(translated))
            assert found == sorted(PLACEHOLDER.findall(source)), (code, source)
