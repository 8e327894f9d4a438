"""Benchmark: re-score a SQLite database of 100,000 leads with 1,000,000 interactions.

Builds the database once (migrated schema, rows bulk-inserted with plain SQL), then
times, each in a fresh process so its peak memory is its own:

  1. `leadqual rescore` (apply) as of day A: every lead gets its first verdict;
  2. `leadqual rescore --dry-run` as of day B (90 days later): the backtest, nothing written;
  3. `leadqual rescore` (apply) as of day B;
  4. `leadqual rescore --dry-run --scoring EDITED.toml --summary`: the backtest of an edited
     scoring file against the one in force, each lead on its own last scoring date, to
     its stage-to-stage matrix.

Targets: (issue 5) runs 1-3 each under 60 s on SQLite on the 2-core machine, peak RSS under
1 GiB; (issue 12) the backtest prints its matrix in at most 30 s.

    .venv/bin/python benchmarks/rescore_bench.py [--leads 100000] [--per-lead 10] [--db FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DAY_A = date(2026, 6, 30)
DAY_B = DAY_A + timedelta(days=90)

KINDS = [
    "website_visit", "pricing_page_visit", "content_download", "newsletter_signup",
    "form_submission", "webinar_registration", "webinar_attendance", "event_attendance",
    "email_open", "email_click", "email_reply", "social_engagement", "ad_click", "cart_add",
    "wishlist_add", "free_trial_signup", "product_usage", "demo_request", "quote_request",
    "contact_sales", "meeting_booked", "upgrade_request", "unsubscribe", "email_bounce",
]
# hand-raises are rarer than visits and opens, as in real funnels
WEIGHTS = [20, 8, 10, 5, 4, 4, 4, 2, 20, 10, 4, 6, 4, 2, 2, 2, 2, 0.6, 0.6, 0.4, 0.4, 0.2, 1, 1]
SENIORITY = ["executive", "vp", "director", "manager", "individual", "entry", None]
DEPARTMENT = ["marketing", "sales", "it", "finance", "operations", "hr", "executive", None]
INDUSTRY = ["software", "it_services", "ecommerce", "retail", "manufacturing", "healthcare", None]
COUNTRY = ["IT", "PL", "DE", "US", "BR", "JP", None]
EMPLOYEES = [5, 30, 150, 800, 2500, 9000, None]


def build(db: Path, leads: int, per_lead: int, seed: int = 7) -> None:
    """A migrated database with `leads` leads and `leads * per_lead` interactions."""
    from storage import make_engine, upgrade

    if db.exists():
        db.unlink()
    for extra in ("-wal", "-shm"):
        Path(f"{db}{extra}").unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{db}")
    upgrade(engine)
    engine.dispose()

    rng = random.Random(seed)
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    started = time.perf_counter()
    chunk = 10_000
    lead_id = 0
    for start in range(0, leads, chunk):
        lead_rows, note_rows, ix_rows = [], [], []
        for _ in range(min(chunk, leads - start)):
            lead_id += 1
            name, company = f"Person {lead_id}", f"Company {lead_id % 9973}"
            dq = json.dumps([{"kind": "competitor", "evidence": "works for a competitor"}]) if rng.random() < 0.02 else None
            timeline = (DAY_A + timedelta(days=rng.randint(10, 400))).isoformat() if rng.random() < 0.3 else None
            lead_rows.append((
                lead_id, now, now, now, "en", name, f"p{lead_id}@example.com", rng.choice(SENIORITY),
                rng.choice(DEPARTMENT), company, rng.choice(INDUSTRY), rng.choice(EMPLOYEES),
                rng.choice(COUNTRY), rng.choice(["confirmed", "planned", None, None]),
                rng.choice(["decision_maker", "influencer", None, None]),
                "needs reporting" if rng.random() < 0.3 else None, timeline, dq,
                f"p{lead_id}@example.com", f"person {lead_id}|company {lead_id % 9973}",
            ))
            note_rows.append((lead_id, lead_id, "bench note", now, "qualified", "rules"))
            kinds = rng.choices(KINDS, WEIGHTS, k=per_lead)
            for n, kind in enumerate(kinds):
                occurred = DAY_A - timedelta(days=rng.randint(0, 200)) if rng.random() < 0.8 else None
                evidence = f"{kind} {n}"
                ix_rows.append((
                    lead_id, lead_id, kind, rng.choice([1, 1, 1, 2, 3]),
                    occurred.isoformat() if occurred else None, None, evidence, evidence,
                    "rules", "rejected" if rng.random() < 0.01 else None, now,
                ))
        con.executemany(
            "INSERT INTO lead (id, created_at, updated_at, last_activity, language, name, email,"
            " seniority, department, company_name, industry, employees, country, budget, authority,"
            " need, timeline_due, disqualifiers, email_key, name_key)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            lead_rows,
        )
        con.executemany(
            "INSERT INTO note (id, lead_id, text, created_at, status, extractor) VALUES (?,?,?,?,?,?)",
            note_rows,
        )
        con.executemany(
            "INSERT INTO interaction (lead_id, note_id, kind, count, occurred_on, detail, evidence,"
            " evidence_key, provenance, status, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            ix_rows,
        )
        con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    print(f"built {leads:,} leads / {leads * per_lead:,} interactions in {time.perf_counter() - started:.1f} s"
          f" ({db.stat().st_size / 2**20:.0f} MiB)")


def run(db: Path, as_of: date, dry_run: bool, label: str) -> dict:
    """`leadqual rescore --summary` in a fresh process: its wall time, peak RSS and summary."""
    cmd = [sys.executable, "-m", "assistant", "rescore", "--summary", "--as-of", as_of.isoformat()]
    if dry_run:
        cmd.append("--dry-run")
    env = dict(os.environ, LEADQUAL_DATABASE_URL=f"sqlite:///{db}",
               LEADQUAL_CONFIG_FILE=str(db.with_suffix(".no-config.toml")))
    env.pop("LEADQUAL_SCORING_FILE", None)
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err_file:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err_file, text=True, cwd=ROOT, env=env)
        assert proc.stdout is not None
        out = proc.stdout.read()
        # wait4: this child's own peak RSS (KiB on Linux), not the largest child's so far
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        if proc.returncode != 0:
            err_file.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err_file.read()}")
    rss_mib = usage.ru_maxrss // 1024
    cpu = usage.ru_utime + usage.ru_stime  # steadier than wall time on a shared machine
    lines = out.strip().splitlines()
    # "  SQL → LEAD: 12" lines: the same in an applied re-score and in a dry run's backtest
    moves = sorted(line.strip() for line in lines if re.fullmatch(r"  \S+ → \S+: \d+", line))
    counted = next(m for line in lines if (m := re.match(r"(\d+ of \d+) leads (would change|changed) stage", line)))
    print(f"{label:<44} {seconds:6.1f} s (CPU {cpu:5.1f} s)   peak RSS {rss_mib:4d} MiB   "
          f"{counted.group(1)} leads changed stage")
    return {"seconds": seconds, "peak_rss_mib": rss_mib, "moves": moves}


# the edit a marketer tries: MQL easier to reach, a demo worth less, downloads worth more
EDITS = (("min_engagement = 40", "min_engagement = 30"), ("demo_request = 40", "demo_request = 30"),
         ("content_download = 10", "content_download = 12"))


def edited_scoring(path: Path) -> Path:
    from importlib import resources

    text = resources.files("assistant.scoring").joinpath("default_scoring.toml").read_text("utf-8")
    for old, new in EDITS:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return path


def backtest(db: Path, scoring: Path) -> dict:
    """`leadqual rescore --dry-run --scoring FILE --summary`: time to the matrix, peak RSS."""
    cmd = [sys.executable, "-m", "assistant", "rescore", "--dry-run", "--summary", "--scoring", str(scoring)]
    env = dict(os.environ, LEADQUAL_DATABASE_URL=f"sqlite:///{db}",
               LEADQUAL_CONFIG_FILE=str(db.with_suffix(".no-config.toml")))
    env.pop("LEADQUAL_SCORING_FILE", None)
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err_file:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err_file, text=True, cwd=ROOT, env=env)
        assert proc.stdout is not None
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            err_file.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed:\n{err_file.read()}")
    lines = out.strip().splitlines()
    assert any(line.startswith("Stage to stage") for line in lines), out
    moved = next(line for line in lines if "would change stage" in line)
    print(f"{'leadqual rescore --dry-run --scoring edited.toml':<44} {seconds:6.1f} s (CPU "
          f"{usage.ru_utime + usage.ru_stime:5.1f} s)   peak RSS {usage.ru_maxrss // 1024:4d} MiB   "
          f"{moved.split(' leads')[0]} leads would move")
    for line in lines[lines.index(next(x for x in lines if x.startswith("Stage to stage"))):]:
        print("    " + line)
    return {"seconds": seconds, "peak_rss_mib": usage.ru_maxrss // 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--per-lead", type=int, default=10, help="interactions per lead")
    parser.add_argument("--db", type=Path, default=Path("/tmp/leadqual-rescore-bench.db"))
    args = parser.parse_args()
    # always rebuilt: the runs below change the database
    build(args.db, args.leads, args.per_lead)
    print(f"machine: {os.cpu_count()} cores; SQLite {sqlite3.sqlite_version}")
    first = run(args.db, DAY_A, False, f"leadqual rescore --as-of {DAY_A}")
    dry = run(args.db, DAY_B, True, f"leadqual rescore --dry-run --as-of {DAY_B}")
    second = run(args.db, DAY_B, False, f"leadqual rescore --as-of {DAY_B}")
    assert dry["moves"] == second["moves"], "a dry run must predict exactly what applying does"
    worst = max(first["seconds"], dry["seconds"], second["seconds"])
    rss = max(first["peak_rss_mib"], dry["peak_rss_mib"], second["peak_rss_mib"])
    verdict = "OK" if worst < 60 and rss < 1024 else "OVER TARGET"
    print(f"slowest {worst:.1f} s (target < 60 s), peak RSS {rss} MiB (target < 1024 MiB): {verdict}")
    test = backtest(args.db, edited_scoring(args.db.with_suffix(".edited.toml")))
    print(f"backtest to its matrix {test['seconds']:.1f} s (target <= 30 s): "
          f"{'OK' if test['seconds'] <= 30 else 'OVER TARGET'}")


if __name__ == "__main__":
    main()
