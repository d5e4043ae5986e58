"""The work list worded without Qt, in every language, as the Today tab words it."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from tests.helpers.translations import check_same_texts
from vipdesk.languages import ENGLISH, LANGUAGES
from vipdesk.models import Status
from vipdesk.resources import load_json, resources_dir
from vipdesk.services.worklist.due import Urgency, WorkItem
from vipdesk.services.worklist.wording import Wording, details, translations

TRANSLATED = sorted(code for code in LANGUAGES if code != ENGLISH)
RULE_TEXTS = resources_dir().parent / "vipdesk" / "ui" / "today" / "rule_texts.py"


def _interface_texts() -> list[str]:
    """Every text the Today tab words (`tr("…")` without a plural in rule_texts.py)."""
    tree = ast.parse(RULE_TEXTS.read_text(encoding="utf-8"))
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "tr"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ]


def _interface_catalogue(language: str) -> dict[str, str]:
    path = resources_dir() / "translations" / f"vipdesk_{language}.ts"
    return {
        str(message.findtext("source")): message.findtext("translation") or ""
        for message in ET.parse(path).getroot().iter("message")
        if message.get("numerus") != "yes" and message.find("comment") is None
    }


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_language_says_what_the_interface_catalogue_says(language: str) -> None:
    interface, ours = _interface_catalogue(language), translations(language)
    texts = _interface_texts()
    assert len(texts) > 40  # the parse found the texts, not nothing
    assert {text: ours.get(text) for text in texts} == {text: interface[text] for text in texts}
    shared = {text for text in ours if text in interface}
    assert {text: ours[text] for text in shared} == {text: interface[text] for text in shared}


def test_every_language_has_the_same_texts_with_the_same_placeholders() -> None:
    check_same_texts({code: translations(code) for code in TRANSLATED})
    rules = load_json("worklist.json")["rules"]
    assert {r[k] for r in rules for k in ("what", "action")} <= set(translations("de"))


def _item(rule_key: str, particulars: tuple[str, ...]) -> WorkItem:
    return WorkItem(
        rule_key=rule_key, placement_id=1, reference="VIP-2027-00001", student="Ana Kowalska",
        host="Acme GmbH", status=Status.AGREEMENT_SENT, what="", details="", action="",
        since=date(2027, 1, 4), due=date(2027, 1, 18), urgency=Urgency.THIS_WEEK, tab="agreement",
        particulars=particulars, institution="Uni Gent", start=date(2027, 2, 1),
        end=date(2027, 6, 30),
    )  # fmt: skip


def test_details_are_worded_in_the_language_with_its_dates() -> None:
    unsigned = _item("agreement_unsigned", ("sending:pending", "host:declined"))
    assert details(unsigned, Wording()) == (
        "Sent 4 Jan 2027; not signed yet by your institution (Uni Gent); declined by the host "
        "(Acme GmbH)."
    )
    polish = details(unsigned, Wording("pl"))
    assert polish.startswith("Wysłano 4 sty 2027;") and "(Acme GmbH)" in polish
    blocked = _item("start_blocked", ("readiness_student", "protocol", "tools_tested"))
    assert details(blocked, Wording("de")) == (
        "Beginnt am 01.02.2027; noch offen: Bereitschaft der/des Studierenden, "
        "Kommunikationsprotokoll und Tool-Tests."
    )


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(Exception, match="cannot be written in 'xx'"):
        Wording("xx")
