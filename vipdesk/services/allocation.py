"""Split an amount into parts that add up exactly to the whole, to the cent.

Largest-remainder method on cents: each part first gets its exact share rounded down to the
cent, then the cents left over go one by one to the parts whose shares lost the most in that
rounding (the earlier part wins a tie, so the same input always gives the same split).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from vipdesk.errors import VipdeskError

CENT = Decimal("0.01")


class AllocationError(VipdeskError):
    """An amount cannot be split by the rule chosen (for example: nobody has any credits)."""


def to_cents(amount: Decimal) -> int:
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise AllocationError(f"{amount} has more than two decimals; enter it to the cent.")
    return int(cents)


def allocate(total: Decimal, weights: Sequence[Decimal | int]) -> list[Decimal]:
    """Parts of `total` in proportion to `weights`; the parts sum to `total` exactly.

    Raises:
        AllocationError: no weights, a negative weight, or all weights zero.
    """
    if not weights:
        raise AllocationError("There is nobody to share this cost among.")
    exact = [Fraction(Decimal(w)) for w in weights]
    if any(w < 0 for w in exact):
        raise AllocationError("A share cannot be negative.")
    whole = sum(exact, Fraction(0))
    if whole == 0:
        raise AllocationError("Every share is zero, so the cost cannot be split this way.")
    cents = to_cents(total)
    sign = -1 if cents < 0 else 1
    quotas = [abs(cents) * w / whole for w in exact]
    parts = [int(q) for q in quotas]  # floor: quotas are never negative
    left = abs(cents) - sum(parts)
    by_remainder = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - parts[i]), i))
    for i in by_remainder[:left]:
        parts[i] += 1
    return [(Decimal(sign * p) / 100).quantize(CENT) for p in parts]


def allocate_equally(total: Decimal, count: int) -> list[Decimal]:
    return allocate(total, [1] * count)
