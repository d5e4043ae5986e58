"""The placements list and the work list: next step, needs-attention filter, default order."""

from __future__ import annotations

from datetime import date

from tests.helpers.catalogue import row
from tests.helpers.worklist import AS_OF, make_work_list, work_item
from vipdesk.models import Status
from vipdesk.services.placements.attention import NextSteps
from vipdesk.services.placements.catalogue import Column, Filter, PlacementCatalogue

ROWS = [
    row(1, start=date(2027, 9, 6)),  # a draft for next autumn: not first any more
    row(2, start=date(2027, 2, 1)),  # starts soonest
    row(3, start=date(2026, 3, 2), status=Status.EVALUATING),  # evaluation overdue
    row(4, start=date(2027, 3, 1)),
    row(5, start=date(2025, 3, 3), status=Status.COMPLETED),
    row(6, start=date(2026, 9, 7), status=Status.AGREEMENT_SENT),  # signatures overdue
    row(7, start=date(2026, 10, 5), status=Status.COMPLETED),
]
STEPS = NextSteps.of(
    make_work_list(
        work_item(3, date(2027, 1, 5), "evaluation_missing"),
        work_item(6, date(2027, 1, 15)),
        work_item(3, date(2027, 1, 18), "certificate_missing"),
    )
)


def order(catalogue: PlacementCatalogue, flt: Filter = Filter()) -> list[int]:  # noqa: B008
    found, _counts = catalogue.query(flt)
    return [catalogue.row(i).id for i in found]


def test_needs_attention_first_then_soonest_start_then_the_newest_past() -> None:
    catalogue = PlacementCatalogue(ROWS, (Column.NEXT_STEP, False), STEPS)
    assert order(catalogue) == [3, 6, 2, 4, 1, 7, 5]


def test_the_next_step_is_the_most_urgent_item() -> None:
    assert STEPS.describe(3) == "Evaluation missing · 15 days overdue"
    assert STEPS.items[3].rule_key == "evaluation_missing"
    assert STEPS.describe(2) == ""
    assert STEPS.today == AS_OF


def test_the_needs_attention_filter() -> None:
    catalogue = PlacementCatalogue(ROWS, (Column.NEXT_STEP, False), STEPS)
    assert order(catalogue, Filter(attention=True)) == [3, 6]
    assert order(catalogue, Filter(attention=True, status=Status.EVALUATING)) == [3]
    _found, counts = catalogue.query(Filter(attention=True))
    assert counts == {Status.EVALUATING: 1, Status.AGREEMENT_SENT: 1}


def test_a_new_work_list_reorders_and_refilters() -> None:
    catalogue = PlacementCatalogue(ROWS, (Column.NEXT_STEP, False), STEPS)
    assert order(catalogue, Filter(attention=True)) == [3, 6]
    catalogue.set_next_steps(NextSteps.of(make_work_list(work_item(4, date(2027, 1, 22)))))
    assert order(catalogue, Filter(attention=True)) == [4]
    assert order(catalogue)[:3] == [4, 2, 1]


def test_a_saved_row_keeps_its_place_by_its_next_step() -> None:
    catalogue = PlacementCatalogue(ROWS, (Column.NEXT_STEP, False), STEPS)
    catalogue.upsert(row(8, start=date(2027, 1, 25)))
    assert order(catalogue)[:3] == [3, 6, 8]
