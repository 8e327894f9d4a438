"""Benchmark one very long note: the rules extractor on a note of 100,000 words.

Builds a rep's note of about 100,000 words from the sentences of qualify_bench.py's
English, Italian and Polish templates (each filled in anew, so names, numbers and dates
vary) and prints the seconds to extract it. Target (issue 12): <= 2 s.

    .venv/bin/python benchmarks/long_note_bench.py [--words 100000] [--seed 11]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from qualify_bench import AS_OF, generate

TARGET_S = 2.0


def build_note(words: int, seed: int) -> str:
    """About `words` words of rep-note paragraphs in the three languages, in a shuffled order."""
    rng = random.Random(seed)
    parts: list[str] = []
    count = 0
    batch = 0
    while count < words:
        notes = generate(300, seed + batch)
        rng.shuffle(notes)
        for note in notes:
            parts.append(note["text"])
            count += len(note["text"].split())
            if count >= words:
                break
        batch += 1
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    text = build_note(args.words, args.seed)
    from assistant.extract.rules import RulesExtractor

    extractor = RulesExtractor()
    extractor.extract("Call with Anna Kowalska, CEO at Polmar.", as_of=AS_OF)  # load the vocabularies first
    started = time.perf_counter()
    result = extractor.extract(text, as_of=AS_OF)
    elapsed = time.perf_counter() - started
    print(f"one note of {len(text.split())} words ({len(text)} characters): {elapsed:.2f} s to extract with the "
          f"rules extractor, {len(result.extraction.interactions)} interactions   (target: <= {TARGET_S:.0f} s) "
          f"{'OK' if elapsed <= TARGET_S else 'MISSED'}")


if __name__ == "__main__":
    main()
