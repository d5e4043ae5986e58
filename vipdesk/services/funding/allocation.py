"""Split an amount into parts that add up exactly to the whole, to the cent.

Largest-remainder method on cents: each part first gets its exact share rounded down to the
cent, then the cents left over go one by one to the parts whose shares lost the most in that
rounding (the earlier part wins a tie, so the same input always gives the same split).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from math import lcm

from vipdesk.errors import VipdeskError

CENT = Decimal("0.01")


class AllocationError(VipdeskError):
    """An amount cannot be split by the rule chosen (for example: nobody has any credits)."""


def to_cents(amount: Decimal) -> int:
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise AllocationError.said(
            "{amount} has more than two decimals; enter it to the cent.", amount=amount
        )
    return int(cents)


def _nobody() -> AllocationError:
    return AllocationError.said("There is nobody to share this cost among.")


def _negative() -> AllocationError:
    return AllocationError.said("A share cannot be negative.")


def _all_zero() -> AllocationError:
    return AllocationError.said("Every share is zero, so the cost cannot be split this way.")


def check_weights(weights: Sequence[Decimal | int]) -> None:
    """Raise what `allocate` would raise for these weights, without splitting anything: when
    every part is wanted, the whole amount is what they add up to.

    Raises:
        AllocationError: no weights, a negative weight, or all weights zero.
    """
    if not weights:
        raise _nobody()
    if any(w < 0 for w in weights):
        raise _negative()
    if not any(weights):
        raise _all_zero()


def allocate(total: Decimal, weights: Sequence[Decimal | int]) -> list[Decimal]:
    """Parts of `total` in proportion to `weights`; the parts sum to `total` exactly.

    Raises:
        AllocationError: no weights, a negative weight, or all weights zero.
    """
    if not weights:
        raise _nobody()
    if len(weights) == 1 and weights[0] > 0:
        # A direct cost, the usual case: all of it (a report splits 100,000s of items).
        return [(Decimal(to_cents(total)) / 100).quantize(CENT)]
    # Exact, in integers: every weight as a multiple of 1/common (fractions would be exact
    # too, but ten times slower when a cost is shared among tens of thousands).
    ratios = [Decimal(w).as_integer_ratio() for w in weights]
    common = lcm(*(d for _, d in ratios))
    exact = [n * (common // d) for n, d in ratios]
    if any(w < 0 for w in exact):
        raise _negative()
    whole = sum(exact)
    if whole == 0:
        raise _all_zero()
    cents = to_cents(total)
    sign = -1 if cents < 0 else 1
    # Each part's share rounded down to the cent, and what the rounding lost (over `whole`).
    split = [divmod(abs(cents) * w, whole) for w in exact]
    parts = [part for part, _ in split]
    left = abs(cents) - sum(parts)
    by_remainder = sorted(range(len(parts)), key=lambda i: (-split[i][1], i))
    for i in by_remainder[:left]:
        parts[i] += 1
    return [(Decimal(sign * p) / 100).quantize(CENT) for p in parts]


def allocate_equally(total: Decimal, count: int) -> list[Decimal]:
    return allocate(total, [1] * count)
