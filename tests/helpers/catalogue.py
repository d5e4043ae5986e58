"""Rows of the in-memory placements list, built by hand."""

from __future__ import annotations

from datetime import date

from vipdesk.models import Mode, Status
from vipdesk.services.placements.catalogue import PlacementRow


def row(pid: int, **kw: object) -> PlacementRow:
    values: dict[str, object] = {
        "id": pid,
        "reference": f"VIP-2026-{pid:05d}",
        "student": "Anna Nowak",
        "host": "Acme",
        "country": "Germany",
        "mode": Mode.VIRTUAL,
        "status": Status.DRAFT,
        "start": date(2026, 3, 1),
        "end": date(2026, 6, 1),
        "mentor": "",
        "title": "Intern",
    }
    values.update(kw)
    return PlacementRow(**values)  # type: ignore[arg-type]
