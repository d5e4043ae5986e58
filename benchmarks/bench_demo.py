"""Speed of the demo data (issue 17: ≤ 60 s for 100,000 placements): prints figures, asserts
nothing.

    python benchmarks/bench_demo.py                  # 10,000 placements
    python benchmarks/bench_demo.py 100000 --seed 3

`generate_demo` fills a new SQLite file in a temporary folder. CPU seconds are the figure to
compare: on a shared machine the wall time moves with the other work. The stages are timed by
wrapping the functions `generate_demo` calls (the placements' batches up to the last progress
report, then each part added after them, then the commit).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vipdesk.db import open_database  # noqa: E402
from vipdesk.services.demo import generate  # noqa: E402
from vipdesk.services.demo.answers import AnswerSets  # noqa: E402

_AFTER_PLACEMENTS = (
    "add_demo_funding",
    "add_demo_evaluations",
    "add_demo_monitoring",
    "add_demo_history",
)


class Clock:
    """CPU and wall seconds of each stage, in the order they ran."""

    def __init__(self) -> None:
        self.stages: list[tuple[str, float, float]] = []
        self._mark = (time.process_time(), time.perf_counter())

    def lap(self, stage: str) -> None:
        cpu, wall = time.process_time(), time.perf_counter()
        self.stages.append((stage, cpu - self._mark[0], wall - self._mark[1]))
        self._mark = (cpu, wall)

    def timed(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            self.lap("(between stages)")
            result = function(*args, **kwargs)
            self.lap(stage)
            return result

        return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("placements", type=int, nargs="?", default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 12, 4))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(f"sqlite:///{Path(folder) / 'demo.sqlite3'}")
        clock = Clock()
        for name in _AFTER_PLACEMENTS:
            stage = name.removeprefix("add_demo_")
            setattr(generate, name, clock.timed(stage, getattr(generate, name)))
        AnswerSets.write = clock.timed("answers", AnswerSets.write)  # type: ignore[method-assign]

        def progress(done: int, total: int) -> None:
            if done == 0:
                clock.lap("parties")
            elif done == total:
                clock.lap("placements and agreements")

        started_cpu, started_wall = time.process_time(), time.perf_counter()
        summary = generate.generate_demo(db, args.placements, args.seed, progress, today=args.today)
        clock.lap("commit")
        cpu, wall = time.process_time() - started_cpu, time.perf_counter() - started_wall
        size = (Path(folder) / "demo.sqlite3").stat().st_size
        db.dispose()
    print(f"{summary.placements:,} placements, {summary.agreements:,} agreements and certificates, "
          f"{size / 2**20:,.0f} MB file")  # fmt: skip
    for stage, stage_cpu, stage_wall in clock.stages:
        if stage_wall >= 0.05:
            print(f"  {stage:<28} {stage_cpu:7.1f} s CPU {stage_wall:7.1f} s wall")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"total: {cpu:.1f} s CPU, {wall:.1f} s wall, peak RSS {peak:,.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
