"""The checklist's labels on screen are the items' own labels, written for the catalogue."""

from __future__ import annotations

import json

from vipdesk.resources import resources_dir
from vipdesk.ui.placements.checklist_texts import item_label, item_labels


def test_every_item_is_written_the_same_as_in_the_data() -> None:
    data = json.loads((resources_dir() / "checklists.json").read_bytes())
    assert item_labels() == {item["key"]: item["label"] for item in data["items"]}


def test_an_item_the_interface_does_not_know_keeps_its_label() -> None:
    assert item_label("new_item", "Something new") == "Something new"
