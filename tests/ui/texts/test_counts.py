"""A sentence whose count decides its words reads with the language's own plural forms:
Polish "1 praktyka", "2 praktyki", "5 praktyk"; English as the services say it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.translations import interface_in
from vipdesk.phrase import Count, Phrase
from vipdesk.services.people.rules import counted, in_use_message
from vipdesk.ui.phrases import all_templates, phrase_text
from vipdesk.ui.texts.counts import counted_templates

QUESTIONS = "{count} question(s) still need an answer, the first: “{question}”"


def questions(n: int) -> Phrase:
    return Phrase(QUESTIONS, {"count": Count(n), "question": "Do you have a quiet room?"})


def test_every_counted_template_is_one_the_services_say() -> None:
    assert set(counted_templates()) <= set(all_templates())


@pytest.mark.parametrize("n", [1, 2, 5, 22, 1500])
def test_in_english_a_count_reads_as_the_service_says_it(n: int) -> None:
    for noun in ("placement", "student", "contact"):
        assert phrase_text(counted(n, noun)) == counted(n, noun).english()
    assert phrase_text(questions(n)) == questions(n).english()


def test_polish_takes_the_form_its_number_asks_for(tmp_path: Path) -> None:
    with interface_in("pl", tmp_path):
        placements = [phrase_text(counted(n, "placement")) for n in (1, 2, 5, 22, 25)]
        contacts = phrase_text(counted(5, "contact"))
        asked = phrase_text(questions(3))
        in_use = phrase_text(
            in_use_message("Acme", [(5, "placement"), (1, "contact")]) or Phrase("")
        )
    assert placements == ["1 praktyka", "2 praktyki", "5 praktyk", "22 praktyki", "25 praktyk"]
    assert contacts == "5 kontaktów"
    assert asked == "3 pytania czekają na odpowiedź, pierwsze: „Do you have a quiet room?”"
    assert "5 praktyk i 1 kontakt" in in_use


def test_finnish_counts_in_the_partitive(tmp_path: Path) -> None:
    with interface_in("fi", tmp_path):
        one, more = (phrase_text(counted(n, "student")) for n in (1, 4))
    assert (one, more) == ("1 opiskelija", "4 opiskelijaa")
