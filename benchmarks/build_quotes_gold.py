"""Build the hand-annotated direct-quotation gold ``benchmarks/data/quotes-zyte-gold.json``.

Why a builder and not a hand-edited JSON file: character offsets typed by hand are error-prone,
so the annotator writes each quotation as the *text* read off the article (an anchor) and this
script turns it into offsets, refusing anything that does not sit exactly inside quote marks.
The labels themselves are human judgements made by reading each article (see
``benchmarks/data/QUOTES-GUIDE.md``); no quote extractor was run to produce or pre-fill them.

Annotation rows, in article order: ``(anchor, kind, speaker, mention)`` or with a fifth item
``True`` meaning "continues the previous row's utterance" (a quote broken by attribution or
spanning paragraphs).

* ``anchor``: the quoted text, or ``"first words~~last words"``; searched from the end of the
  previous row, so repeated phrases resolve in reading order.
* ``kind``: ``"f"`` full, ``"p"`` partial.
* ``speaker``: canonical name or ``None``.
* ``mention``: the cue-linked mention text or ``None``; resolved to the occurrence (whole word,
  outside every quote span) nearest to the quote; a ``"<"`` or ``">"`` prefix restricts the
  search to before or after the quote.

    python benchmarks/build_quotes_gold.py [--source PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "data" / "extraction" / "zyte-dev" / "ground-truth.json"
OUT = ROOT / "benchmarks" / "data" / "quotes-zyte-gold.json"
QUOTE_MARKS = "“”\"‘’'«»„‹›"
# Russian convention: an attribution inside the marks, set off by dashes ("«..., – сказал он. — ...»")
DASHES = "–—"

ORIGIN = (
    "Article bodies: Zyte (Scrapinghub) Article Extraction Benchmark, development split as "
    "stored in shared/data/extraction/zyte-dev/ground-truth.json (github.com/scrapinghub/"
    "article-extraction-benchmark, commit 4a3bc97, MIT licence; the texts belong to their "
    "publishers). Quotation labels: annotated by hand by a StoryLens engineer (issue #6) by "
    "reading each article, 2026-11-23, following benchmarks/data/QUOTES-GUIDE.md; offsets "
    "computed from the annotated text by benchmarks/build_quotes_gold.py. No quote extractor "
    "(StoryLens, textacy or other) was used to produce or pre-fill labels."
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quotes_gold_rows import ANNOTATIONS  # noqa: E402  (the hand-written rows live beside this file)


class AnnotationError(ValueError):
    pass


def _span(body: str, anchor: str, cursor: int) -> tuple[int, int]:
    head, _, tail = anchor.partition("~~")
    start = cursor
    while True:
        start = body.find(head, start)
        if start < 0:
            raise AnnotationError(f"anchor start not found after {cursor}: {anchor!r}")
        before = body[:start].rstrip(" ")
        if before and (before[-1] in QUOTE_MARKS or before[-1] in DASHES):
            break
        start += 1
    if tail:
        end = body.find(tail, start + len(head))
        if end < 0:
            raise AnnotationError(f"anchor end not found: {anchor!r}")
        end += len(tail)
    else:
        end = start + len(head)
    if "\n" in body[start:end]:
        raise AnnotationError(f"span crosses a paragraph: {anchor!r}")
    after = body[end:].lstrip(" ")
    if not (after == "" or after[0] in QUOTE_MARKS + DASHES or after[0] == "\n"):
        raise AnnotationError(f"span not closed by a quote mark or paragraph end: {anchor!r}")
    return start, end


def _mention(
    body: str, text: str, span: tuple[int, int], taken: list[tuple[int, int]]
) -> dict[str, Any]:
    side = ""
    if text[:1] in "<>":
        side, text = text[0], text[1:]
    best: tuple[int, int, int] | None = None
    for m in re.finditer(r"(?<!\w)" + re.escape(text) + r"(?!\w)", body):
        if any(a <= m.start() < b for a, b in taken):
            continue
        if (side == "<" and m.end() > span[0]) or (side == ">" and m.start() < span[1]):
            continue
        dist = span[0] - m.end() if m.end() <= span[0] else m.start() - span[1]
        if best is None or abs(dist) < best[0]:
            best = (abs(dist), m.start(), m.end())
    if best is None:
        raise AnnotationError(f"mention not found: {text!r} near {span}")
    return {"start": best[1], "end": best[2], "text": body[best[1] : best[2]]}


def build(source: Path) -> dict[str, Any]:
    data = json.loads(source.read_text(encoding="utf-8"))
    articles = []
    for prefix, rows in ANNOTATIONS.items():
        ids = [k for k in data if k.startswith(prefix)]
        if len(ids) != 1:
            raise AnnotationError(f"article prefix {prefix!r} matches {len(ids)} ids")
        aid = ids[0]
        body = data[aid]["articleBody"]
        cursor, utterance = 0, -1
        spans: list[tuple[int, int]] = []
        for row in rows:
            spans.append(_span(body, row[0], cursor))
            cursor = spans[-1][1]
        quotes = []
        for row, span in zip(rows, spans, strict=True):
            _anchor, kind, speaker, mention, *cont = row
            if not (cont and cont[0]):
                utterance += 1
            quotes.append(
                {
                    "start": span[0],
                    "end": span[1],
                    "text": body[span[0] : span[1]],
                    "kind": {"f": "full", "p": "partial"}[kind],
                    "utterance": utterance,
                    "speaker": speaker,
                    "speaker_mention": _mention(body, mention, span, spans) if mention else None,
                }
            )
        articles.append(
            {
                "id": aid,
                "url": data[aid]["url"],
                "body_sha1": hashlib.sha1(body.encode("utf-8")).hexdigest(),
                "quotes": quotes,
            }
        )
    return {"origin": ORIGIN, "guide": "benchmarks/data/QUOTES-GUIDE.md", "articles": articles}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    gold = build(args.source)
    args.out.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    n = sum(len(a["quotes"]) for a in gold["articles"])
    sys.stdout.write(json.dumps({"articles": len(gold["articles"]), "quotes": n}) + "\n")


if __name__ == "__main__":
    main()
