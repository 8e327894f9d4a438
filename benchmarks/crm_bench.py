"""Benchmark: `leadqual import` and `leadqual export` on generated CRM exports.

Writes a HubSpot contacts export and a Salesforce leads export (their real headers; 70% of
the Salesforce rows have a Description, read by the rules extractor), and their notes and
tasks exports (every row a note body, read by the rules extractor), with tests/crm_data.py;
imports them into a new SQLite database, then exports every lead in each format. Prints
rows/s of each step, timed in process after start-up (loading the extractor's vocabularies
takes about a second once per process; the figure with it is printed too), and how many
of the texts read were distinct (the same text on the same day is read once).

Target (issue 12): import >= 2,000 rows/s with the rules extractor on the Description and
notes columns.

    .venv/bin/python benchmarks/crm_bench.py [--rows 1000] [--dir DIR]
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

AS_OF = date(2026, 3, 2)


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (the readers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1000, help="contacts rows per CRM (notes: half as many)")
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--workers", type=int, default=None, help="reading processes (default: as leadqual import)")
    args = parser.parse_args()

    from assistant.config import load_settings
    from assistant.crm.exporter import export_leads
    from assistant.crm.importer import default_workers, import_file
    from assistant.pipeline import Pipeline
    from tests.crm_data import write_files

    work = args.dir or Path(tempfile.mkdtemp(prefix="leadqual-crm-bench-"))
    files = write_files(work / "in", rows=args.rows)
    db = work / "bench.db"
    for extra in ("", "-wal", "-shm"):
        Path(f"{db}{extra}").unlink(missing_ok=True)
    os.environ["LEADQUAL_CONFIG_FILE"] = str(work / "no-config.toml")
    settings = load_settings(database_url=f"sqlite:///{db}", extractor="rules")
    workers = args.workers or default_workers()
    print(f"machine: {os.cpu_count()} cores; {args.rows:,} contacts rows per CRM, {args.rows // 2:,} notes rows per CRM; "
          f"{workers} reading processes")
    started = time.perf_counter()
    with Pipeline.open(settings) as p:
        rules = p.extractor_for("rules")
        for text in ("Visited the pricing page.", "Ha scaricato la guida.", "Pobrał cennik."):
            rules.extract(text, as_of=AS_OF)  # loads the en, it and pl vocabularies
        startup = time.perf_counter() - started
        print(f"start-up (database, vocabularies): {startup:.2f} s")
        total_rows, total_s = 0, 0.0
        texts = 0
        total_cpu = 0.0
        for path in (files.hubspot, files.salesforce, files.hubspot_notes, files.salesforce_tasks):
            before = _cpu()
            report = import_file(p, path, as_of=AS_OF, workers=workers)
            cpu = _cpu() - before
            total_rows += report.rows
            total_s += report.seconds
            total_cpu += cpu
            print(f"import {path.name:<24} {report.rows:6,} rows in {report.seconds:5.2f} s = "
                  f"{report.rows / report.seconds:6,.0f} rows/s, CPU {cpu:4.2f} s  ({report.stored:,} stored, "
                  f"{report.notes_added:,} texts as notes, {report.texts_read:,} read by the extractor, "
                  f"{report.skipped} bad rows named)")
            texts += report.notes_added
        print(f"import, all four files: {total_rows:,} rows in {total_s:.2f} s = {total_rows / total_s:,.0f} rows/s "
              f"({(total_rows) / (total_s + startup):,.0f} rows/s counting start-up); CPU {total_cpu:.2f} s "
              f"(this process and its readers): {total_rows / total_cpu:,.0f} rows per CPU second")
        again = time.perf_counter()
        for path in (files.hubspot, files.salesforce, files.hubspot_notes, files.salesforce_tasks):
            import_file(p, path, as_of=AS_OF, workers=workers)
        seconds = time.perf_counter() - again
        print(f"re-import of the same four files (nothing changes): {total_rows / seconds:,.0f} rows/s")
        for fmt in ("hubspot", "salesforce", "csv", "jsonl"):
            out = io.StringIO()
            t = time.perf_counter()
            n = export_leads(p, out, format_id=fmt)
            seconds = time.perf_counter() - t
            print(f"export --format {fmt:<10} {n:6,} leads in {seconds:5.2f} s = {n / seconds:8,.0f} rows/s "
                  f"({len(out.getvalue()) / 2**20:.1f} MiB)")
    rate = total_rows / total_s
    print(f"import {rate:,.0f} rows/s (target >= 2,000 rows/s): {'OK' if rate >= 2000 else 'UNDER TARGET'}")


if __name__ == "__main__":
    main()
