"""The tool catalogue and the guide's advice on a choice of tools."""

from __future__ import annotations

import pytest

from vipdesk.services.preparation.tool_catalogue import (
    MAX_TOOLS,
    Purpose,
    purposes,
    selection_warnings,
    tool,
    tool_name,
    tools,
    tools_for,
)

GOOD = {
    "meetings": "teams",
    "questions": "teams",
    "reporting": "email",
    "documents": "sharepoint",
    "reflection": "mahara",
    "social": "teams",
    "fallback": "phone",
}


def test_the_catalogue_has_tools_for_every_purpose() -> None:
    assert len({t.key for t in tools()}) == len(tools())
    for purpose in purposes():
        assert tools_for(purpose), purpose.key
    used = {kind for p in purposes() for kind in p.kinds}
    assert all(set(t.kinds) & used for t in tools())


def test_the_guides_rules() -> None:
    empty = selection_warnings({})
    assert any("Meetings face to face" in w for w in empty)
    assert any("non-task talk" in w for w in empty)
    assert any("low-bandwidth fallback" in w for w in empty)
    good = selection_warnings(GOOD)
    assert all("needs an account from one organisation" in w for w in good)  # advice only
    risky = selection_warnings({**GOOD, "social": "whatsapp", "fallback": "zoom"})
    assert any("WhatsApp is a private app" in w for w in risky)
    assert any("Zoom is not made for “Fallback" in w for w in risky)
    assert any("Zoom needs a good connection: a poor fallback" in w for w in risky)
    weak = selection_warnings({**GOOD, "meetings": "zoom"}, weak_connection=True)
    assert any("connection is weak" in w and "Zoom" in w for w in weak)
    many = dict(
        zip(
            list(GOOD)[:6],
            ["zoom", "slack", "email", "google_drive", "blog", "whatsapp"],
            strict=True,
        )
    )
    assert any("6 different tools" in w for w in selection_warnings(many))


def purpose(key: str) -> Purpose:
    return next(p for p in purposes() if p.key == key)


def test_tools_by_key_and_a_retired_key_by_its_name() -> None:
    assert tool("zoom") is not None and tool_name("zoom") == "Zoom"
    assert tool("李小龙") is None
    assert tool_name("icq") == "icq (no longer in the catalogue)"


def test_tools_for_a_purpose_keep_the_catalogue_order() -> None:
    keys = [t.key for t in tools_for(purpose("fallback"))]
    order = [t.key for t in tools()]
    assert keys == sorted(keys, key=order.index)
    assert "phone" in keys and "zoom" not in keys


def test_a_complete_choice_of_organisation_tools_gets_only_the_account_advice() -> None:
    warnings = selection_warnings(GOOD)
    assert warnings == [
        "Microsoft Teams needs an account from one organisation: arrange guest access "
        "for the others before the start.",
        "SharePoint / OneDrive needs an account from one organisation: arrange guest access "
        "for the others before the start.",
        "Mahara e-portfolio needs an account from one organisation: arrange guest access "
        "for the others before the start.",
    ]  # each tool once, although Teams serves three purposes


def test_every_required_purpose_left_open_is_named() -> None:
    empty = selection_warnings({})
    required = [p for p in purposes() if p.required]
    assert [w for w in empty if w.startswith("Say which tool")] == [
        f"Say which tool serves “{p.label}”: {p.hint}" for p in required
    ]


def test_an_unknown_tool_key_is_ignored_not_a_crash() -> None:
    warnings = selection_warnings({**GOOD, "social": "myspace"})
    assert not any("myspace" in w for w in warnings)


@pytest.mark.parametrize(("count", "warned"), [(MAX_TOOLS, False), (MAX_TOOLS + 1, True)])
def test_more_than_the_maximum_of_tools_is_too_many(count: int, warned: bool) -> None:
    keys = ["jitsi", "email", "slack", "google_drive", "blog", "phone"][:count]
    choices = dict(zip(list(GOOD)[:count], keys, strict=True))
    assert any("different tools" in w for w in selection_warnings(choices)) is warned


def test_a_weak_connection_warns_only_about_heavy_tools() -> None:
    light = {**GOOD, "meetings": "jitsi", "questions": "slack", "social": "slack"}
    assert not any("weak" in w for w in selection_warnings(light, weak_connection=True))
    assert not any("weak" in w for w in selection_warnings(GOOD))
