"""What the costs, funding, readiness and tools reports need in a benchmark database.

The demo has placements but no costs, questionnaire answers or tools, and a report of empty
tables measures nothing. `add_report_data` fills a copy of the benchmark database (SQLite) with
bulk inserts, at a coordinator office's proportions:

- exchange rates (GBP, CHF, SEK, PLN, monthly) and funding sources with budget lines: one
  Erasmus+ grant per year, national schemes in CHF and GBP, the university's own fund;
- one direct cost item per placement and a second for every third, charged mostly to a source,
  a fifth in another currency; per year, three items shared among that year's participants
  (equally, by funded days, by credits for the virtual ones);
- readiness: the student's questionnaire completed for 90 % of placements, the host's for half,
  the institution's for two in five, and one in ten of the institution's still in progress;
  answers mostly good, some weak, a few critical;
- tools for 60 % of placements (three to five purposes), each tested with the three actors:
  most passed, some failed with a reason or not yet tested.

Deterministic (a fixed seed), so that runs compare.
"""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTIONNAIRES = ROOT / "resources" / "questionnaires"
STAMP = "2026-01-05 09:00:00.000000"
FIREWALL = "Blocked by the company firewall; phone as fallback."
CURRENCIES = {"GBP": 0.86, "CHF": 0.95, "SEK": 11.4, "PLN": 4.3}
TOOLS = {
    "meetings": ["teams", "zoom", "google_meet", "jitsi", "webex"],
    "questions": ["teams", "slack", "whatsapp", "email"],
    "reporting": ["email", "moodle"],
    "documents": ["sharepoint", "google_drive", "moodle", "nextcloud"],
    "reflection": ["mahara", "moodle", "blog"],
    "social": ["teams", "slack", "whatsapp"],
}
DIRECT = {  # by mode: category, description, amount range
    "virtual": [
        ("equipment", "Laptop loan", 300, 1200),
        ("connectivity", "Mobile data package", 40, 200),
        ("student_grant", "Virtual mobility grant", 200, 900),
    ],
    "blended": [
        ("travel", "Train to the host", 120, 700),
        ("accommodation", "Accommodation, physical weeks", 400, 1800),
        ("student_grant", "Blended mobility grant", 300, 1500),
    ],
    "physical": [
        ("travel", "Flight to the host", 150, 1100),
        ("accommodation", "Accommodation", 900, 4200),
        ("insurance", "Travel insurance", 60, 240),
    ],
}


def _answers(rng: random.Random, items: list[dict[str, object]], scales: int) -> list[tuple]:
    """(item_key, text, number) for one completed response: mostly good answers."""
    out: list[tuple] = []
    for item in items:
        kind, key = item["type"], item["key"]
        if kind == "scale":
            out.append((key, None, rng.choices(range(1, scales + 1), (1, 2, 6, 14, 12))[0]))
        elif kind == "yes_no":
            no = 0.02 if item.get("critical") else 0.15
            out.append((key, "no" if rng.random() < no else "yes", None))
        elif kind == "choice":
            options = [o["key"] for o in item["options"]]  # type: ignore[attr-defined]
            out.append((key, rng.choice(options), None))
        elif rng.random() < 0.1:
            out.append((key, "Prefers meetings in the morning; asked for a test call.", None))
    return out


def add_report_data(path: Path, seed: int = 42) -> dict[str, int]:
    """Fill the (migrated) SQLite database at `path`; returns how many rows of each were added."""
    rng = random.Random(seed)
    con = sqlite3.connect(path)
    placements = con.execute(
        "SELECT p.id, p.mode, p.status, p.planned_start, s.given_name || ' ' || s.family_name, "
        "m.name, t.name FROM placement p JOIN student s ON s.id = p.student_id "
        "LEFT JOIN contact m ON m.id = p.mentor_id LEFT JOIN contact t ON t.id = p.tutor_id "
        "ORDER BY p.id"
    ).fetchall()
    years = sorted({date.fromisoformat(p[3]).year for p in placements})
    added: dict[str, int] = {}

    rates = [
        (code, date(year, month, 1).isoformat(), round(rate * (1 + rng.uniform(-0.04, 0.04)), 6))
        for code, rate in CURRENCIES.items()
        for year in range(years[0] - 1, years[-1] + 2)
        for month in range(1, 13)
    ]
    con.executemany("INSERT INTO exchange_rate (currency, valid_from, rate) VALUES (?,?,?)", rates)
    added["exchange rates"] = len(rates)

    sources = [(f"Erasmus+ KA131 {y}", "programme", "EUR", 4_000_000, y) for y in years]
    sources += [
        ("Swiss-European Mobility Programme", "government", "CHF", 1_500_000, None),
        ("Turing Scheme partnership", "government", "GBP", 1_200_000, None),
        ("University internationalisation fund", "institution", "EUR", 800_000, None),
        ("Host company contributions", "host_company", "EUR", 300_000, None),
    ]
    source_ids: dict[str, int] = {}
    lines = 0
    for name, kind, currency, awarded, year in sources:
        start, end = (year, year + 1) if year else (years[0], years[-1])
        cursor = con.execute(
            "INSERT INTO funding_source (name, kind, currency, amount_awarded, period_start, "
            "period_end, reference, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,1,?,?)",
            (name, kind, currency, awarded, f"{start}-06-01", f"{end}-09-30",
             f"KA131-HED-{year}" if year else None, STAMP, STAMP),
        )  # fmt: skip
        source_ids[name] = int(cursor.lastrowid or 0)
        for category, share in (("student_grant", 0.5), ("travel", 0.2), ("equipment", 0.15)):
            con.execute(
                "INSERT INTO budget_line (source_id, category, amount) VALUES (?,?,?)",
                (cursor.lastrowid, category, round(awarded * share, 2)),
            )
            lines += 1
    added["funding sources"], added["budget lines"] = len(sources), lines

    items = []
    for n, (pid, mode, _status, start, *_names) in enumerate(placements):
        begin = date.fromisoformat(start)
        for category, text, low, high in rng.sample(DIRECT[mode], 2 if n % 3 == 0 else 1):
            currency = rng.choice(list(CURRENCIES)) if rng.random() < 0.2 else "EUR"
            roll = rng.random()
            source = (
                f"Erasmus+ KA131 {begin.year}" if roll < 0.6
                else "Swiss-European Mobility Programme" if roll < 0.68 and currency == "CHF"
                else "Turing Scheme partnership" if roll < 0.76 and currency == "GBP"
                else "University internationalisation fund" if roll < 0.85
                else None
            )  # fmt: skip
            spent = begin - timedelta(days=rng.randint(0, 60))
            items.append(
                (category, text, round(rng.uniform(low, high), 2), currency, spent.isoformat(),
                 source_ids.get(source or ""), pid, "equally", None, None)
            )  # fmt: skip
    for year in years:
        for category, text, amount, rule, mode in (
            ("software", f"Collaboration licences {year}", 48_000, "equally", None),
            ("staff_time", f"Placement office staff {year}", 210_000, "funded_days", None),
            ("training", f"Online intercultural training {year}", 36_000, "credits", "virtual"),
        ):
            items.append(
                (category, text, amount, "EUR", f"{year}-01-15",
                 source_ids["University internationalisation fund"], None, rule, year, mode)
            )  # fmt: skip
    con.executemany(
        "INSERT INTO cost_item (category, description, amount, currency, spent_on, source_id, "
        "placement_id, rule, share_year, share_mode, version, created_at, updated_at) "
        f"VALUES (?,?,?,?,?,?,?,?,?,?,1,'{STAMP}','{STAMP}')",
        items,
    )
    added["cost items"] = len(items)

    questionnaires = {}
    for party in ("student", "company", "institution"):
        data = json.loads((QUESTIONNAIRES / f"{party}.v1.json").read_text(encoding="utf-8"))
        questionnaires[party] = data["items"]
    responses = answers = 0
    next_id = (con.execute("SELECT max(id) FROM readiness_response").fetchone()[0] or 0) + 1
    response_rows, answer_rows = [], []
    for pid, _mode, _status, start, student, mentor, tutor in placements:
        done = date.fromisoformat(start) - timedelta(days=rng.randint(10, 90))
        for party, share, who in (
            ("student", 0.9, student),
            ("company", 0.5, mentor),
            ("institution", 0.4, tutor),
        ):
            roll = rng.random()
            if roll >= share + (0.1 if party == "institution" else 0):
                continue
            completed = roll < share
            stamp = f"{done.isoformat()} 10:{rng.randint(10, 59)}:00.000000"
            response_rows.append(
                (next_id, pid, party, party, who or "Mentor", "completed" if completed
                 else "in_progress", stamp, stamp if completed else None, stamp, stamp)
            )  # fmt: skip
            given = _answers(rng, questionnaires[party], 5)
            answer_rows += [(next_id, *a) for a in (given if completed else given[:3])]
            next_id += 1
    con.executemany(
        "INSERT INTO readiness_response (id, placement_id, party, questionnaire_id, "
        "questionnaire_version, respondent, status, started_at, completed_at, version, "
        "created_at, updated_at) VALUES (?,?,?,?,1,?,?,?,?,1,?,?)",
        response_rows,
    )
    con.executemany(
        "INSERT INTO readiness_answer (response_id, item_key, value_text, value_number) "
        "VALUES (?,?,?,?)",
        answer_rows,
    )
    responses, answers = len(response_rows), len(answer_rows)
    added["readiness responses"], added["readiness answers"] = responses, answers

    choices, tests = [], []
    for pid, _mode, _status, start, *_names in placements:
        if rng.random() >= 0.6:
            continue
        chosen = {p: rng.choice(t) for p, t in list(TOOLS.items())[: rng.randint(3, 6)]}
        choices += [(pid, purpose, key) for purpose, key in chosen.items()]
        tested = date.fromisoformat(start) - timedelta(days=rng.randint(5, 30))
        for key in sorted(set(chosen.values())):
            for actor in ("student", "mentor", "tutor"):
                roll = rng.random()
                if roll < 0.15:
                    continue  # not recorded: not yet tested
                result = "passed" if roll < 0.85 else "failed" if roll < 0.9 else "not_yet"
                on = None if result == "not_yet" else tested.isoformat()
                reason = result == "failed" and roll < 0.88
                tests.append((pid, key, actor, result, on, FIREWALL if reason else None))
    con.executemany(
        "INSERT INTO tool_choice (placement_id, purpose, tool_key) VALUES (?,?,?)", choices
    )
    con.executemany(
        "INSERT INTO tool_test (placement_id, tool_key, actor, result, tested_on, note, "
        f"version, created_at, updated_at) VALUES (?,?,?,?,?,?,1,'{STAMP}','{STAMP}')",
        tests,
    )
    added["tool choices"], added["tool tests"] = len(choices), len(tests)
    con.commit()
    con.execute("ANALYZE")
    con.close()
    return added
