"""Benchmark the terminal UI headless: start-up to the first screen, note to updated card, and
the SQL statements and transactions one note costs.

Runs the real app (`make_app`) on a fresh SQLite file with the offline rules extractor,
under Textual's headless test driver. Prints, over several runs, the time from building
the app to the first screen with the lead list loaded, and from pressing enter on a
~200-word pasted note to the lead card showing its verdict; then the statements a note
costs, counted with an SQLAlchemy event listener on the app's engine (BEGIN included),
for the first note (a new lead) and a follow-up note on the open lead. The app's poll for
other processes' writes is off while it counts (it is no part of a note).
Targets (issues 6 and 11): under 1.0 s, under 0.3 s, at most 15 statements and 3
transactions a note.

    .venv/bin/python benchmarks/tui_bench.py [--runs 5] [--show-sql]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

NOTE = (
    "Call notes, Tuesday. Spoke with Helena Marsh, Head of Marketing at Copperfield Outdoor, an online "
    "retailer of camping gear based in Leeds with about 230 employees. They run campaigns across email, "
    "paid social and search, and their team of six marketers spends most of Monday building reports by hand "
    "from four different tools. She downloaded our attribution guide last week and attended the webinar on "
    "multi-touch models yesterday, then visited the pricing page twice this morning. She asked for a live demo "
    "for her and the head of e-commerce, ideally next week. Budget: they set aside money for a reporting tool "
    "in this year's plan, around 40k, and she says the CMO signs off on anything above 25k, so she will need "
    "his approval. They would like to have something running before the summer sales in June. Competitors "
    "they looked at: two, both too expensive for a team their size. She mentioned they tried a free trial of "
    "another product last year but nobody used it after the first week because setting it up took too long. "
    "Next step: book the demo, send the security questionnaire, and share two case studies from retail. "
    "Her email is helena.marsh@copperfield-outdoor.co.uk and her direct line is +44 113 496 0000."
)
FOLLOW_UP = "Helena Marsh replied to our email today and booked a call for Thursday with the CMO."


@dataclass
class Counter:
    """SQL statements and transactions on an engine while `on`."""

    on: bool = False
    statements: list[str] = field(default_factory=list)
    transactions: int = 0

    def listen(self, engine) -> None:
        from sqlalchemy import event

        def statement(_conn, _cursor, sql, *_args) -> None:
            if self.on:
                self.statements.append(sql)

        def begin(_conn) -> None:
            if self.on:
                self.transactions += 1

        event.listen(engine, "before_cursor_execute", statement)
        event.listen(engine, "begin", begin)

    def take(self) -> tuple[list[str], int]:
        out = (self.statements, self.transactions)
        self.statements, self.transactions = [], 0
        return out


async def _send(app, pilot, text: str, counter: Counter) -> float:
    from textual import events

    from assistant.tui.widgets.composer import Composer
    from assistant.tui.widgets.lead_card import LeadCard

    card = app.query_one(LeadCard)
    before = card.view
    app.query_one(Composer).focus()
    app.post_message(events.Paste(text))  # as a terminal sends it: to the app, forwarded to the focus
    await pilot.pause()
    counter.on = True
    sent = time.perf_counter()
    await pilot.press("enter")
    while card.view is before or card.view is None or card.view.verdict is None:
        await app.workers.wait_for_complete()
        await pilot.pause()
    took = time.perf_counter() - sent
    counter.on = False
    return took


async def one_run(tmp: Path) -> tuple[float, float, tuple[list[str], int], tuple[list[str], int]]:
    from assistant.config import load_settings
    from assistant.tui.app import make_app

    settings = load_settings(database_url=f"sqlite:///{tmp / 'bench.db'}", data_dir=tmp, extractor="rules")
    started = time.perf_counter()
    app = make_app(settings, poll_seconds=None)
    counter = Counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        first_screen = time.perf_counter() - started
        counter.listen(app.pipeline.engine)
        note_to_card = await _send(app, pilot, NOTE, counter)
        first = counter.take()
        await _send(app, pilot, FOLLOW_UP, counter)
        follow = counter.take()
    return first_screen, note_to_card, first, follow


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--show-sql", action="store_true", help="print the statements of one note")
    args = parser.parse_args()
    os.environ["LEADQUAL_CONFIG_FILE"] = "/nonexistent/leadqual-bench.toml"
    for name in ("LEADQUAL_LLM_API_KEY", "OPENAI_API_KEY", "LEADQUAL_LLM_BASE_URL", "LEADQUAL_AZURE_ENDPOINT",
                 "LEADQUAL_DATABASE_URL", "LEADQUAL_EXTRACTOR", "LEADQUAL_LANGUAGE"):
        os.environ.pop(name, None)
    print(f"note: {len(NOTE.split())} words; {args.runs} runs, each on a fresh SQLite file")
    starts, replies = [], []
    counts = None
    for n in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            first, reply, sql_first, sql_follow = asyncio.run(one_run(Path(tmp)))
        label = " (cold: imports and migrations included)" if n == 0 else ""
        print(f"run {n + 1}: first screen {first * 1000:.0f} ms, note -> card {reply * 1000:.0f} ms{label}")
        starts.append(first)
        replies.append(reply)
        counts = (sql_first, sql_follow)
    first_median, reply_median = statistics.median(starts), statistics.median(replies)
    print(f"median: start to first screen {first_median * 1000:.0f} ms (target < 1000 ms) "
          f"{'OK' if first_median < 1.0 else 'MISSED'}; 200-word note to updated card "
          f"{reply_median * 1000:.0f} ms (target < 300 ms) {'OK' if reply_median < 0.3 else 'MISSED'}")
    assert counts is not None
    for label, (statements, transactions) in zip(("first note (a new lead)", "follow-up note (the open lead)"),
                                                 counts, strict=True):
        ok = len(statements) <= 15 and transactions <= 3
        print(f"SQL per note, {label}: {len(statements)} statements (BEGIN included) in {transactions} "
              f"transactions (target <= 15 in <= 3) {'OK' if ok else 'MISSED'}")
        if args.show_sql:
            for sql in statements:
                print("    " + " ".join(sql.split())[:110])


if __name__ == "__main__":
    main()
