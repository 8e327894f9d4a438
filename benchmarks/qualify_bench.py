"""Benchmark the offline path: rules extraction + scoring over generated notes.

Prints (1) the in-process median, p95 and mean per note of `qualify_text` with the rules
extractor and (2) notes per second through `leadqual qualify --jsonl` in a subprocess, the
way a batch user runs it (start-up included). Targets (issue 3): median < 5 ms in
process, >= 300 notes/s through the CLI.

    .venv/bin/python benchmarks/qualify_bench.py [--notes 5000] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

AS_OF = date(2026, 3, 16)

PEOPLE = ["Anna Kowalska", "Marco Bianchi", "Laura Smith", "Piotr Nowak", "Giulia Romano", "James O'Neill",
          "Katarzyna Wiśniewska", "Luca Ferrari", "Emily Clarke", "Tomasz Zieliński"]
COMPANIES = ["Nordwave", "Cartalia", "Brightpeak", "Vistula Tech", "Ferro Sistemi", "Oakline", "Polmar",
             "Lumen Retail", "Qubic", "Strada Logistica"]
EN = [
    "Call with {p}, {title} at {c} ({n} employees, {city}). She downloaded {k} whitepapers {when} and "
    "asked for a demo {when2}. Budget approved, around {money}. Wants to decide within {months} months.",
    "{p} ({title}, {c}) visited the pricing page {k} times {when}, opened {k2} newsletters and clicked the "
    "link in the last one. No demo asked yet. Email {email}.",
    "Met {p} at our booth at the trade show {when}. {title} at {c}, {city}, about {n} staff. Registered for "
    "the webinar but did not attend. Follows us on LinkedIn.",
    "{p} from {c} started a free trial {when} and is actively using it, invited {k} teammates. "
    "{title}. They need to replace spreadsheets; timeline end of next quarter.",
    "Student at the university, wrote to ask for an internship, not a buyer. {p}, {email}.",
]
IT = [
    "Chiamata con {p}, {title} di {c} ({n} dipendenti, {city}). Ha scaricato {k} whitepaper {when} e ha "
    "chiesto una demo {when2}. Budget approvato di {money}, decidono entro {months} mesi.",
    "{p} ({title} presso {c}) ha visitato la pagina prezzi {k} volte {when}, ha aperto {k2} newsletter. "
    "Non ha ancora chiesto un preventivo. Email {email}.",
    "Conosciuto {p} allo stand in fiera {when}, {title} in {c} a {city}, circa {n} persone. Si è registrato "
    "al webinar ma non ha partecipato.",
    "{p} di {c} ha attivato la prova gratuita {when} e la usa attivamente con {k} colleghi. Vuole un "
    "preventivo per il piano annuale.",
]
PL = [
    "Rozmowa z {p}, {title} w {c} ({n} pracowników, {city}). Pobrała {k} e-booki {when} i poprosiła o "
    "demo {when2}. Budżet zatwierdzony, ok. {money}. Decyzja w ciągu {months} miesięcy.",
    "{p} ({title}, {c}) odwiedził cennik {k} razy {when}, otworzył {k2} maile z newslettera. Nie prosił "
    "o wycenę. Mail {email}.",
    "Poznaliśmy {p} na stoisku na targach {when}. {title} w {c}, {city}, około {n} osób. Zarejestrował się "
    "na webinar, ale nie wziął udziału.",
    "{p} z {c} założył konto w wersji próbnej {when} i aktywnie korzysta, zaprosił {k} osoby z zespołu. "
    "Chce wycenę planu rocznego.",
]
FILL = {
    "en": dict(titles=["Head of Marketing", "CFO", "Sales Manager", "IT Director", "Marketing Specialist", "CEO"],
               cities=["London", "Dublin", "Berlin", "Boston", "Manchester"],
               when=["yesterday", "last week", "3 days ago", "on Monday", "today", "two weeks ago"],
               money=["€50k", "$120,000", "40k EUR"]),
    "it": dict(titles=["Responsabile Marketing", "Direttore IT", "Amministratore Delegato", "Direttore Vendite"],
               cities=["Milano", "Torino", "Bologna", "Roma"],
               when=["ieri", "la settimana scorsa", "tre giorni fa", "lunedì", "oggi"],
               money=["30.000 euro", "50k €", "1,2 mln di euro"]),
    "pl": dict(titles=["Dyrektor Marketingu", "Kierownik Sprzedaży", "Prezes", "Specjalista IT"],
               cities=["Kraków", "Warszawa", "Gdańsk", "Wrocław"],
               when=["wczoraj", "w zeszłym tygodniu", "trzy dni temu", "w poniedziałek", "dzisiaj"],
               money=["50 tys. zł", "200 000 PLN", "2,5 mln zł"]),
}


def generate(count: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    notes = []
    for n in range(count):
        lang = ("en", "it", "pl")[n % 3]
        template = rng.choice({"en": EN, "it": IT, "pl": PL}[lang])
        fill = FILL[lang]
        person = rng.choice(PEOPLE)
        company = rng.choice(COMPANIES)
        text = template.format(
            p=person, c=company, title=rng.choice(fill["titles"]), city=rng.choice(fill["cities"]),
            n=rng.choice(["45", "120", "1.200" if lang == "it" else "1 200" if lang == "pl" else "1,200", "3000"]),
            k=rng.randint(2, 5), k2=rng.randint(2, 9), when=rng.choice(fill["when"]),
            when2=rng.choice(fill["when"]), money=rng.choice(fill["money"]), months=rng.randint(2, 9),
            email=f"{person.split()[0].lower()}@{company.lower().replace(' ', '')}.com",
        )
        notes.append({"id": f"b{n}", "text": text, "as_of": AS_OF.isoformat()})
    return notes


def in_process(notes: list[dict]) -> list[float]:
    from assistant.extract.rules import RulesExtractor
    from assistant.qualify import qualify_text
    from assistant.scoring import load_scoring

    extractor, scoring = RulesExtractor(), load_scoring()
    for note in notes[:50]:  # warm caches (vocabularies, compiled patterns)
        qualify_text(note["text"], as_of=AS_OF, extractor=extractor, scoring=scoring)
    timings = []
    for note in notes:
        started = time.perf_counter()
        qualify_text(note["text"], as_of=AS_OF, extractor=extractor, scoring=scoring)
        timings.append(time.perf_counter() - started)
    return timings


def through_cli(notes: list[dict]) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "notes.jsonl"
        path.write_text("".join(json.dumps(n, ensure_ascii=False) + "\n" for n in notes), encoding="utf-8")
        leadqual = Path(sys.executable).with_name("leadqual")
        command = [str(leadqual)] if leadqual.exists() else [sys.executable, "-m", "assistant"]
        env = {**os.environ, "LEADQUAL_CONFIG_FILE": str(Path(tmp) / "none.toml")}
        for name in ("LEADQUAL_LLM_API_KEY", "OPENAI_API_KEY", "LEADQUAL_LLM_BASE_URL", "LEADQUAL_AZURE_ENDPOINT"):
            env.pop(name, None)
        started = time.perf_counter()
        done = subprocess.run([*command, "qualify", "--jsonl", str(path), "--extractor", "rules", "--no-progress"],
                              capture_output=True, text=True, env=env, check=True)
        elapsed = time.perf_counter() - started
        lines = done.stdout.splitlines()
        errors = sum(1 for line in lines if '"error"' in line[:200] and json.loads(line).get("error"))
        return elapsed, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    notes = generate(args.notes, args.seed)
    words = statistics.mean(len(n["text"].split()) for n in notes)
    print(f"{len(notes)} generated notes (EN/IT/PL), {words:.0f} words on average")

    timings = in_process(notes)
    ms = sorted(t * 1000 for t in timings)
    median, p95 = statistics.median(ms), ms[int(len(ms) * 0.95) - 1]
    print(f"in process:   median {median:.2f} ms/note, p95 {p95:.2f} ms, mean {statistics.mean(ms):.2f} ms "
          f"-> {len(ms) / sum(timings):.0f} notes/s   (target: median < 5 ms) "
          f"{'OK' if median < 5 else 'MISSED'}")

    elapsed, errors = through_cli(notes)
    rate = len(notes) / elapsed
    print(f"leadqual qualify --jsonl: {elapsed:.2f} s for {len(notes)} notes, start-up included -> "
          f"{rate:.0f} notes/s, {errors} error lines   (target: >= 300 notes/s) "
          f"{'OK' if rate >= 300 else 'MISSED'}")


if __name__ == "__main__":
    main()
