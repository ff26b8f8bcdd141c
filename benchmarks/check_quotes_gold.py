"""Validate the hand-annotated quotation gold against the article bodies it points into.

Why: the gold is only worth something if every offset still lands on the exact characters the
annotator read. This checks every invariant of ``benchmarks/data/quotes-zyte-gold.json`` (see
``benchmarks/data/QUOTES-GUIDE.md``) and prints the set's make-up as JSON; it exits 1 and
lists the problems when anything is off (an edited source, a hand-edited offset).

    python benchmarks/check_quotes_gold.py [--gold PATH] [--source PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from itertools import pairwise
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "data" / "quotes-zyte-gold.json"
SOURCE = ROOT.parent / "shared" / "data" / "extraction" / "zyte-dev" / "ground-truth.json"
QUOTE_MARKS = "“”\"‘’'«»„‹›"
# Russian convention: attribution inside the marks, set off by dashes ("«..., – сказал он. — ...»")
DASHES = "–—"
KINDS = {"full", "partial"}


def _before(body: str, start: int) -> str:
    text = body[:start].rstrip(" ")
    return text[-1] if text else ""


def _after(body: str, end: int) -> str:
    text = body[end:].lstrip(" ")
    return text[0] if text else ""


def _check_article(article: dict[str, Any], body: str, errors: list[str]) -> None:
    aid = article["id"][:12]
    quotes = article["quotes"]
    parts: dict[int, list[int]] = defaultdict(list)
    for i, q in enumerate(quotes):
        parts[q["utterance"]].append(i)
    spans = [(q["start"], q["end"]) for q in quotes]
    for i, q in enumerate(quotes):
        where = f"{aid} quote {i} [{q['start']}:{q['end']}]"
        start, end = q["start"], q["end"]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(body)):
            errors.append(f"{where}: offsets out of range")
            continue
        if body[start:end] != q["text"]:
            errors.append(f"{where}: text differs from articleBody[start:end]")
        if q["text"] != q["text"].strip() or "\n" in q["text"]:
            errors.append(f"{where}: span has edge whitespace or crosses a paragraph")
        if q["kind"] not in KINDS:
            errors.append(f"{where}: kind {q['kind']!r}")
        if not (q["speaker"] is None or (isinstance(q["speaker"], str) and q["speaker"].strip())):
            errors.append(f"{where}: speaker must be a name or null")
        group = parts[q["utterance"]]
        first, last = group[0] == i, group[-1] == i
        opening, closing = _before(body, start), _after(body, end)
        if not (opening in QUOTE_MARKS or (opening in DASHES and not first)):
            errors.append(f"{where}: not opened by a quote mark ({opening!r})")
        paragraph_end = closing in ("", "\n")
        if not (closing in QUOTE_MARKS or ((paragraph_end or closing in DASHES) and not last)):
            errors.append(f"{where}: not closed by a quote mark ({closing!r})")
        mention = q["speaker_mention"]
        if mention is not None:
            ms, me = mention["start"], mention["end"]
            if body[ms:me] != mention["text"] or not mention["text"]:
                errors.append(f"{where}: speaker_mention text differs from articleBody")
            if any(s < me and ms < e for s, e in spans):
                errors.append(f"{where}: speaker_mention lies inside a quote span")
    ordered = sorted(spans)
    if ordered != spans:
        errors.append(f"{aid}: quotes not in text order")
    for (s1, e1), (s2, e2) in pairwise(ordered):
        if s2 < e1:
            errors.append(f"{aid}: spans [{s1}:{e1}] and [{s2}:{e2}] overlap")
    for utterance, group in parts.items():
        if group != list(range(group[0], group[-1] + 1)):
            errors.append(f"{aid}: utterance {utterance} parts are not consecutive")
        if len({quotes[i]["speaker"] for i in group}) > 1:
            errors.append(f"{aid}: utterance {utterance} parts name different speakers")


def check(gold_path: Path = GOLD, source_path: Path = SOURCE) -> tuple[dict[str, Any], list[str]]:
    """Return the set's counts and the list of violated invariants (empty when valid)."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    source = json.loads(source_path.read_text(encoding="utf-8"))
    errors: list[str] = []
    counts: Counter[str] = Counter()
    marks: Counter[str] = Counter()
    seen: set[str] = set()
    for article in gold["articles"]:
        aid = article["id"]
        if aid in seen:
            errors.append(f"{aid[:12]}: article listed twice")
        seen.add(aid)
        if aid not in source:
            errors.append(f"{aid[:12]}: not in the source")
            continue
        body = source[aid]["articleBody"]
        if hashlib.sha1(body.encode("utf-8")).hexdigest() != article["body_sha1"]:
            errors.append(f"{aid[:12]}: body_sha1 differs (source changed)")
            continue
        if article["url"] != source[aid]["url"]:
            errors.append(f"{aid[:12]}: url differs")
        _check_article(article, body, errors)
        quotes = article["quotes"]
        per_utterance = Counter(q["utterance"] for q in quotes)
        counts["articles"] += 1
        counts["quotes"] += len(quotes)
        counts["utterances"] += len(per_utterance)
        counts["utterances_with_several_parts"] += sum(1 for n in per_utterance.values() if n > 1)
        for q in quotes:
            counts[q["kind"]] += 1
            counts["with_speaker" if q["speaker"] else "without_speaker"] += 1
            counts[
                "with_speaker_mention" if q["speaker_mention"] else "without_speaker_mention"
            ] += 1
            counts["parts_ending_at_paragraph_end"] += _after(body, q["end"]) in ("", "\n")
            marks[_before(body, q["start"])] += 1
    report: dict[str, Any] = {
        key: counts[key]
        for key in (
            "articles",
            "quotes",
            "full",
            "partial",
            "with_speaker",
            "without_speaker",
            "with_speaker_mention",
            "without_speaker_mention",
            "utterances",
            "utterances_with_several_parts",
            "parts_ending_at_paragraph_end",
        )
    }
    report["speakers"] = len(
        {q["speaker"] for a in gold["articles"] for q in a["quotes"] if q["speaker"]}
    )
    report["opening_marks"] = dict(marks.most_common())
    report["errors"] = len(errors)
    return report, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--source", type=Path, default=SOURCE)
    args = parser.parse_args()
    report, errors = check(args.gold, args.source)
    for error in errors:
        sys.stderr.write(error + "\n")
    sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
