from decimal import Decimal

import pytest

from vipdesk.services.funding.allocation import AllocationError, allocate, allocate_equally

D = Decimal


@pytest.mark.parametrize(
    ("total", "count"),
    [(D("100.00"), 3), (D("0.05"), 7), (D("0.01"), 2), (D("1000000.01"), 9), (D("0.00"), 4)],
)
def test_equal_parts_add_up_to_the_cent(total: Decimal, count: int) -> None:
    parts = allocate_equally(total, count)
    assert sum(parts) == total
    assert len(parts) == count
    assert max(parts) - min(parts) <= D("0.01")


def test_100_over_3_gives_the_extra_cent_to_the_first() -> None:
    assert allocate_equally(D("100.00"), 3) == [D("33.34"), D("33.33"), D("33.33")]


def test_5_cents_over_7_gives_one_cent_to_five() -> None:
    assert allocate_equally(D("0.05"), 7) == [D("0.01")] * 5 + [D("0.00")] * 2


def test_by_days_follows_the_largest_remainders() -> None:
    parts = allocate(D("1000.00"), [D(31), D(59), D(90)])
    assert parts == [D("172.22"), D("327.78"), D("500.00")]
    assert sum(parts) == D("1000.00")


def test_by_credits_gives_nothing_to_zero_credit_placements() -> None:
    parts = allocate(D("99.99"), [D("7.5"), D(0), D(15), D(0)])
    assert parts == [D("33.33"), D("0.00"), D("66.66"), D("0.00")]
    assert sum(parts) == D("99.99")


def test_all_zero_weights_or_nobody_is_a_clear_error() -> None:
    with pytest.raises(AllocationError, match="zero"):
        allocate(D("10.00"), [D(0), D(0)])
    with pytest.raises(AllocationError, match="nobody"):
        allocate(D("10.00"), [])


def test_sub_cent_amounts_are_refused() -> None:
    with pytest.raises(AllocationError, match="to the cent"):
        allocate(D("10.005"), [1, 1])
