"""The tool catalogue (resources/tools.json) and the guide's rules for choosing tools.

EU-VIP: choose technology that is accessible to all actors, user-friendly and reliable; support
synchronous contact as close as possible to face to face; define space for non-task talk; test
tools beforehand; say explicitly which tool is used for what. UNESCO adds: company security
policies may block platforms, and low connectivity needs low-bandwidth alternatives.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from vipdesk.resources import load_json

MAX_TOOLS = 5  # more than this many different tools confuses more than it helps


@dataclass(frozen=True)
class Purpose:
    key: str
    label: str
    kinds: tuple[str, ...]
    required: bool
    hint: str


@dataclass(frozen=True)
class Tool:
    key: str
    name: str
    kinds: tuple[str, ...]
    bandwidth: str  # low, medium, high
    account: str  # none, personal, organisation
    consumer: bool  # a private app that company policies often block
    notes: str

    def suits(self, purpose: Purpose) -> bool:
        return bool(set(self.kinds) & set(purpose.kinds))


@cache
def purposes() -> tuple[Purpose, ...]:
    return tuple(
        Purpose(p["key"], p["label"], tuple(p["kinds"]), bool(p["required"]), p["hint"])
        for p in load_json("tools.json")["purposes"]
    )


@cache
def tools() -> tuple[Tool, ...]:
    return tuple(
        Tool(
            t["key"],
            t["name"],
            tuple(t["kinds"]),
            t["bandwidth"],
            t["account"],
            bool(t["consumer"]),
            t["notes"],
        )
        for t in load_json("tools.json")["tools"]
    )


def tool(key: str) -> Tool | None:
    return next((t for t in tools() if t.key == key), None)


def tool_name(key: str) -> str:
    found = tool(key)
    return found.name if found else f"{key} (no longer in the catalogue)"


def tools_for(purpose: Purpose) -> tuple[Tool, ...]:
    """The tools made for a purpose, in catalogue order."""
    return tuple(t for t in tools() if t.suits(purpose))


def selection_warnings(choices: Mapping[str, str], *, weak_connection: bool = False) -> list[str]:
    """The guide's advice on a choice of tools (purpose key → tool key)."""
    out: list[str] = []
    by_key = {p.key: p for p in purposes()}
    for purpose in purposes():
        if purpose.required and purpose.key not in choices:
            out.append(f"Say which tool serves “{purpose.label}”: {purpose.hint}")
    if "social" not in choices:
        out.append(
            "Define a space for non-task talk (a team channel, a virtual coffee): "
            "a virtual intern misses the corridor."
        )
    for purpose_key, tool_key in choices.items():
        chosen, served = tool(tool_key), by_key.get(purpose_key)
        if chosen is not None and served is not None and not chosen.suits(served):
            out.append(f"{chosen.name} is not made for “{served.label}”.")
    chosen_tools = [t for t in (tool(k) for k in dict.fromkeys(choices.values())) if t]
    for item in chosen_tools:
        if item.consumer:
            out.append(
                f"{item.name} is a private app: company security policies often block it, "
                "and it mixes work with private life. Check with the host's IT."
            )
        if item.account == "organisation":
            out.append(
                f"{item.name} needs an account from one organisation: arrange guest access "
                "for the others before the start."
            )
    fallback = tool(choices.get("fallback", ""))
    if fallback is None:
        out.append(
            "Plan a low-bandwidth fallback for when the connection fails: a phone call can "
            "beat the trendy app."
        )
    elif fallback.bandwidth == "high":
        out.append(f"{fallback.name} needs a good connection: a poor fallback.")
    if weak_connection:
        heavy = [t.name for t in chosen_tools if t.bandwidth == "high"]
        if heavy:
            out.append(
                "The student's connection is weak (readiness questionnaire): "
                f"{', '.join(heavy)} need(s) a good one. Plan low-bandwidth alternatives."
            )
    if len(chosen_tools) > MAX_TOOLS:
        out.append(
            f"{len(chosen_tools)} different tools: fewer are easier to learn and to test. "
            "Prefer tools that everybody already uses."
        )
    return out
