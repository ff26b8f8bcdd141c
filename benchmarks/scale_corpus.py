"""A corpus of any size made from real full-text articles with small perturbations.

Real articles (ECB+ and Multi-News dev, the flattened Zyte pages; ../shared/data) are the
base. Replica ``r`` of the base is dated ``r * REPLICA_DAYS`` days later and has 15 % of its
words dropped: about half of its 4-word shingles survive, so a replica is not a copy of its
original (containment < 0.7) but reads like a new report of a similar event with the same
names, far enough in time to be another story. Within each replica, a share of the articles is
syndicated: a copy with its last paragraph trimmed from another outlet an hour later (a near
duplicate), and a few byte-identical reprints (an exact duplicate with its own raw record).

Articles of one gold event (ECB+ event, Multi-News cluster) get dates within the same day, as
coverage of one event does; the gold is used only to date the corpus, never to measure.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
REPLICA_DAYS = 30
DROP = 0.15
COPY_SHARE = 0.08
EXACT_SHARE = 0.02
START = datetime(2024, 1, 1, tzinfo=UTC)
OUTLETS = [f"outlet-{i:02d}.example" for i in range(40)]


def base_articles() -> list[dict[str, Any]]:
    """The real articles: text, an event key (for dating only) and a headline when there is one."""
    out: list[dict[str, Any]] = []
    for name in ("ecbplus-dev", "multinews-dev"):
        folder = DATA / "clustering" / name
        gold = json.loads((folder / "gold.json").read_text())
        for line in (folder / "articles.jsonl").read_text().splitlines():
            row = json.loads(line)
            out.append({"text": row["text"], "event": f"{name}:{gold.get(row['id'], row['id'])}"})
    for path in sorted((DATA / "extraction" / "zyte-dev" / "text").glob("*.txt")):
        out.append({"text": path.read_text(errors="replace"), "event": f"zyte:{path.stem}"})
    for row in out:
        first = row["text"].strip().split("\n", 1)[0].strip()
        row["title"] = first if 3 <= len(first.split()) <= 20 else None
    return out


def _perturb(text: str, rng: random.Random) -> str:
    lines = []
    for line in text.split("\n"):
        words = line.split(" ")
        kept = [w for w in words if not w or rng.random() >= DROP] if len(words) > 3 else words
        lines.append(" ".join(kept))
    return "\n".join(lines)


def _trim(text: str) -> str:
    paragraphs = text.rstrip().split("\n\n")
    return "\n\n".join(paragraphs[:-1]) if len(paragraphs) > 2 else text[: int(len(text) * 0.8)]


def build(n: int, seed: int = 0) -> list[dict[str, Any]]:
    """``n`` JSONL records (``text, title, outlet, published, url``) in time order."""
    rng = random.Random(seed)
    base = base_articles()
    events = sorted({a["event"] for a in base})
    rows: list[dict[str, Any]] = []
    replica = 0
    while len(rows) < n:
        day_of = {e: rng.uniform(0, REPLICA_DAYS - 7) for e in events}
        origin = START + timedelta(days=replica * REPLICA_DAYS)
        for k, article in enumerate(base):
            if len(rows) >= n:
                break
            text = article["text"] if replica == 0 else _perturb(article["text"], rng)
            when = origin + timedelta(days=day_of[article["event"]], hours=rng.uniform(0, 12))
            record = {
                "text": text,
                "title": article["title"],
                "outlet": rng.choice(OUTLETS),
                "published": when.isoformat(),
                "url": f"https://{rng.choice(OUTLETS)}/r{replica}/a{k}",
            }
            rows.append(record)
            roll = rng.random()
            if roll < COPY_SHARE and len(rows) < n:
                copy = dict(record, text=_trim(text), outlet=rng.choice(OUTLETS))
                copy["published"] = (when + timedelta(hours=1)).isoformat()
                copy["url"] = record["url"] + "/copy"
                rows.append(copy)
            elif roll < COPY_SHARE + EXACT_SHARE and len(rows) < n:
                reprint = dict(record, outlet=rng.choice(OUTLETS), url=record["url"] + "/reprint")
                rows.append(reprint)
        replica += 1
    rows.sort(key=lambda r: r["published"])
    return rows


def write_shards(rows: list[dict[str, Any]], folder: Path, shards: int) -> list[Path]:
    """The records as ``shards`` JSONL files of consecutive records (a feed, day by day)."""
    folder.mkdir(parents=True, exist_ok=True)
    size = -(-len(rows) // max(1, shards))
    paths = []
    for i in range(0, len(rows), size):
        path = folder / f"shard-{i // size:04d}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows[i : i + size]))
        paths.append(path)
    return paths
