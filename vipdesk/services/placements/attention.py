"""What the placements list knows of the work list: each placement's next step, and the order
that puts what needs attention and what starts soonest first."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from vipdesk.services.worklist.due import WorkItem, WorkList


@dataclass(frozen=True)
class NextSteps:
    """The most urgent open item of each placement that has one, as of `today`."""

    items: Mapping[int, WorkItem] = field(default_factory=dict)
    today: date = field(default_factory=date.today)

    @classmethod
    def of(cls, worklist: WorkList) -> NextSteps:
        return cls(worklist.next_steps(), worklist.as_of)

    def describe(self, placement_id: int) -> str:
        """ "Agreement waiting for signatures · 3 days overdue", or "" when nothing is due."""
        item = self.items.get(placement_id)
        return f"{item.what} · {item.when(self.today)}" if item is not None else ""


AttentionKey = tuple[int, int, int]


def attention_key(steps: NextSteps) -> Callable[[int, date], AttentionKey]:
    """A sort key for (placement id, planned start): placements with an open item first, most
    urgent first; then those starting from today on, soonest first; then the rest, newest
    first (a finished placement of last year before one of five years ago)."""
    items, today = steps.items, steps.today.toordinal()

    def key(placement_id: int, start: date) -> AttentionKey:
        item = items.get(placement_id)
        if item is not None:
            return (0, item.urgency, item.due.toordinal())
        day = start.toordinal()
        return (1, 0, day) if day >= today else (2, 0, -day)

    return key
