"""Form fields are typed in an embedded DejaVu Sans, whole: a reader that redraws a field
after someone typed Greek or Cyrillic in it shows the letters (with Helvetica, poppler
dropped them)."""

from __future__ import annotations

import io
import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from tests.helpers.pdf_tools import fill_fields, ink, needing_appearances, poppler
from tests.helpers.questionnaires import sample_questionnaire_form
from tests.helpers.samples import sample_agreement
from vipdesk.documents.agreement.pdf import render_agreement
from vipdesk.documents.questionnaire.pdf import render_questionnaire
from vipdesk.resources import resources_dir

FORMS: dict[str, Callable[[], bytes]] = {
    "questionnaire": lambda: render_questionnaire(sample_questionnaire_form()),
    "agreement form": lambda: render_agreement(sample_agreement(), fillable=True),
}
TYPED = "Ελένη Олена Łukasz"


@pytest.mark.parametrize("form", list(FORMS))
def test_every_text_field_names_the_whole_embedded_face(form: str) -> None:
    reader = PdfFileReader(io.BytesIO(FORMS[form]()))
    acro_form = reader.root["/AcroForm"]
    fonts = acro_form["/DR"]["/Font"]
    assert all("Helvetica" not in str(f.get_object()["/BaseFont"]) for f in fonts.values())
    text_fields = [f.get_object() for f in acro_form["/Fields"] if f.get_object()["/FT"] == "/Tx"]
    assert text_fields
    for field in text_fields:
        name = str(field["/DA"]).split()[0]
        font = fonts[name].get_object()
        assert (font["/Subtype"], font["/Encoding"]) == ("/Type0", "/Identity-H")
        [descendant] = font["/DescendantFonts"]
        descriptor = descendant.get_object()["/FontDescriptor"].get_object()
        embedded = zlib.decompress(descriptor["/FontFile2"].get_object().encoded_data)
        assert embedded == (resources_dir() / "fonts" / "DejaVuSans.ttf").read_bytes()
        assert "/ToUnicode" in font


def test_letters_typed_in_any_of_dejavus_scripts_show_when_the_reader_redraws(
    tmp_path: Path,
) -> None:
    pdf = render_questionnaire(sample_questionnaire_form(""))
    reader = PdfFileReader(io.BytesIO(pdf))
    [field] = [
        f.get_object()
        for f in reader.root["/AcroForm"]["/Fields"]
        if f.get_object()["/T"] == "respondent"
    ]
    x0, y0, x1, y1 = (float(v) for v in field["/Rect"])
    height = float(reader.root["/Pages"]["/Kids"][0].get_object()["/MediaBox"][3])
    box = (x0, height - y1, x1, height - y0)
    empty = ink(needing_appearances(pdf), tmp_path, 1, box)

    typed = needing_appearances(fill_fields(pdf, {"respondent": TYPED}))
    path = tmp_path / "typed.pdf"
    path.write_bytes(typed)
    drawn = subprocess.run(
        [poppler("pdftoppm"), "-r", "72", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")],
        capture_output=True,
        check=True,
        timeout=60,
    )
    assert b"couldn't find a font" not in drawn.stderr, drawn.stderr.decode()
    assert ink(typed, tmp_path, 1, box) > empty + 5 * len(TYPED.replace(" ", ""))
