"""Build the statement-alignment gold of ``storylens eval claims`` from ECB+ event coreference.

Origin: the ECB+ corpus (Cybulska & Vossen, LREC 2014; CC BY 3.0, NewsReader project), the
development topics in ``shared/data/clustering/ecbplus-dev/ecbplus-dev-xml.tar.gz``. Its
annotators marked event mentions in real news articles and linked the mentions of one real
event across articles (``CROSS_DOC_COREF``). That is a gold for aligning statements made by
different outlets:

* **positive** — two sentences of different articles about the same event that mention the
  same coreferent action (both report "the fall", "the arrest", "the check-in" of that event);
  marked *strong* when they also share a coreferent participant, place or time (closer to
  "the same statement" than a mere mention of the event);
* **negative** — two sentences of different articles that each mention an annotated action but
  no action in common; either about the same event (they report different things of it), or
  about the *other* event of the same topic (ECB+ pairs two similar events per topic: two
  earthquakes, two rehab check-ins), which are the merely topical look-alikes alignment must
  keep apart.

Sentences are the corpus's own sentence numbers, joined back from tokens with light
detokenisation (spaces before punctuation removed); the URL line of ``ecbplus`` files is
skipped. Article ids are the corpus file names, as in ``ecbplus-dev/articles.jsonl``.

    python benchmarks/build_claims_gold.py [--tar PATH] [--out benchmarks/data/claims-ecbplus-dev.json]

Deterministic: same input, same file (negatives are sampled with a fixed seed, at most
``--negatives-per-positive`` times the positives of each topic, positives capped at
``--positives-per-topic`` per topic so that no topic dominates).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import tarfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TAR = (
    ROOT.parent / "shared" / "data" / "clustering" / "ecbplus-dev" / "ecbplus-dev-xml.tar.gz"
)
DEFAULT_OUT = ROOT / "benchmarks" / "data" / "claims-ecbplus-dev.json"

_NO_SPACE_BEFORE = re.compile(r"\s+([,.;:!?%)\]}]|'s\b|’s\b|n't\b|'re\b|'ll\b|'ve\b|'d\b|'m\b)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$])\s+")


@dataclass
class Doc:
    name: str
    sentences: dict[int, str]
    actions: dict[int, set[str]] = field(default_factory=dict)
    arguments: dict[int, set[str]] = field(default_factory=dict)


def detokenise(tokens: list[str]) -> str:
    text = " ".join('"' if t in {"``", "''"} else t for t in tokens)
    text = re.sub(r"(\w) - (\w)", r"\1-\2", text)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    text = _NO_SPACE_AFTER.sub(r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def parse(name: str, data: bytes) -> Doc:
    root = ET.fromstring(data)
    tokens: dict[str, tuple[int, str]] = {}
    by_sentence: dict[int, list[str]] = defaultdict(list)
    for tok in root.iter("token"):
        sent = int(tok.get("sentence", "0"))
        tokens[tok.get("t_id", "")] = (sent, tok.text or "")
        by_sentence[sent].append(tok.text or "")
    sentences = {k: detokenise(v) for k, v in by_sentence.items()}
    mention_sentences: dict[str, set[int]] = {}
    markables = root.find("Markables")
    for m in markables if markables is not None else []:
        anchors = [a.get("t_id", "") for a in m.iter("token_anchor")]
        if anchors:
            mention_sentences[m.get("m_id", "")] = {tokens[a][0] for a in anchors if a in tokens}
    doc = Doc(name=name, sentences=sentences)
    relations = root.find("Relations")
    for rel in relations if relations is not None else []:
        if rel.tag != "CROSS_DOC_COREF":
            continue
        chain = rel.get("note", "")
        for src in rel.iter("source"):
            for sent in mention_sentences.get(src.get("m_id", ""), set()):
                # chain ids name their type: ACT/NEG events, HUM/NON participants, LOC, TIM
                if chain.startswith(("ACT", "NEG")):
                    doc.actions.setdefault(sent, set()).add(chain)
                else:
                    doc.arguments.setdefault(sent, set()).add(chain)
    return doc


def usable(doc: Doc, sent: int) -> bool:
    text = doc.sentences[sent]
    return len(text.split()) >= 6 and not text.lower().startswith("http")


def build(tar_path: Path, ratio: float, seed: int, max_positives: int) -> dict[str, object]:
    docs: list[Doc] = []
    with tarfile.open(tar_path) as tar:
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            if member.isfile() and member.name.endswith(".xml"):
                fh = tar.extractfile(member)
                if fh is not None:
                    docs.append(parse(Path(member.name).stem, fh.read()))
    sentences: dict[str, dict[str, object]] = {}
    by_topic: dict[str, list[tuple[Doc, int]]] = defaultdict(list)
    for doc in docs:
        topic = doc.name.split("_")[0]
        event = topic + ("_ecbplus" if doc.name.endswith("ecbplus") else "_ecb")
        for sent in sorted(doc.actions):
            if not usable(doc, sent):
                continue
            key = f"{doc.name}#{sent}"
            sentences[key] = {
                "article": doc.name,
                "event": event,
                "sentence": sent,
                "text": doc.sentences[sent],
            }
            by_topic[topic].append((doc, sent))
    rng = random.Random(seed)
    pairs: list[dict[str, object]] = []
    for topic in sorted(by_topic, key=int):
        items = by_topic[topic]
        pos: list[dict[str, object]] = []
        neg_same: list[dict[str, object]] = []
        neg_other: list[dict[str, object]] = []
        for i, (da, sa) in enumerate(items):
            for db, sb in items[i + 1 :]:
                if da.name == db.name:
                    continue
                a, b = f"{da.name}#{sa}", f"{db.name}#{sb}"
                same_event = sentences[a]["event"] == sentences[b]["event"]
                shared = da.actions[sa] & db.actions[sb]
                if shared:
                    args = da.arguments.get(sa, set()) & db.arguments.get(sb, set())
                    why = "shared action and participant/place/time" if args else "shared action"
                    pos.append({"a": a, "b": b, "label": 1, "why": "same event, " + why})
                elif same_event:
                    neg_same.append(
                        {"a": a, "b": b, "label": 0, "why": "same event, no shared action"}
                    )
                else:
                    neg_other.append(
                        {"a": a, "b": b, "label": 0, "why": "other event of the topic"}
                    )
        pos = rng.sample(pos, min(max_positives, len(pos)))
        budget = max(1, int(len(pos) * ratio / 2))
        pairs += pos
        pairs += rng.sample(neg_same, min(budget, len(neg_same)))
        pairs += rng.sample(neg_other, min(budget, len(neg_other)))
    used = {p[k] for p in pairs for k in ("a", "b")}
    return {
        "origin": (
            "ECB+ corpus (Cybulska & Vossen, LREC 2014), CC BY 3.0, NewsReader project; dev "
            "topics of shared/data/clustering/ecbplus-dev; built by "
            "benchmarks/build_claims_gold.py from CROSS_DOC_COREF event chains"
        ),
        "definition": (
            "positive: sentences of different articles mentioning the same coreferent action; "
            "negative: no shared action (same event, or the other event of the same topic)"
        ),
        "sentences": {k: v for k, v in sentences.items() if k in used},
        "pairs": pairs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tar", type=Path, default=DEFAULT_TAR)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--negatives-per-positive", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--positives-per-topic", type=int, default=40)
    args = parser.parse_args()
    gold = build(args.tar, args.negatives_per_positive, args.seed, args.positives_per_topic)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    labels = [p["label"] for p in gold["pairs"]]  # type: ignore[index, union-attr]
    summary = {"sentences": len(gold["sentences"]), "pairs": len(labels), "positive": sum(labels)}  # type: ignore[arg-type]
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
