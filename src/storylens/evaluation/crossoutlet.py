"""Who said it, what outlets agree on, where they differ: ``storylens eval crossoutlet --data DIR``.

``DIR`` holds hand-made gold (``*-gold.json``, the shape of ``shared/data/crossoutlet/GUIDE.md``)
and the articles it was made on (``*-articles.jsonl``: ``story``, ``article``, ``text``, optional
``url``). Each gold story is analysed as a user would analyse it: its articles are written as
``ARTICLE.txt`` files (with a ``NAME.meta.json`` sidecar when there is a url) into a temporary
folder and read back through :func:`storylens.pipeline.analyze` with the settings ``storylens
analyze`` uses, so ingest, cleaning and clustering all count. Every story of the report counts.

The metric is the one of ``score.py`` beside the gold, ported line for line so the figures are
identical; only the models are loaded once for all stories instead of once per process.
Matching is by text, never by id: a report item matches a gold mention in the same article
when at least half of the shorter one's word tokens fall inside the longer one.

* quotes — recall (gold quotes some reported variant in that article covers), speaker accuracy
  (found quotes with a gold speaker whose reported speaker names the same person or body), and
  the wrong-speaker rate (a named but wrong speaker; no speaker is not wrong, only not right).
* corroboration — row precision (claims with 2+ supporting articles and a support of 2+ whose
  sources all state one gold fact), link precision, recall of gold facts of 2+ articles.
* conflicts — precision (two different values from two articles match two different values of
  one gold conflict) and recall of the gold conflicts.

``explain=True`` adds ``explain``: every miss and error, item by item, as ``score.py --explain``
prints it.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storylens.config import Config
from storylens.evaluation import EvaluationError
from storylens.nlp import Models

TOKEN = re.compile(r"\w+")
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "rep",
        "gov",
        "gen",
        "president",
        "the",
        "of",
        "and",
        "prime",
        "minister",
        "secretary",
        "senator",
        "spokesman",
        "spokeswoman",
        "jr",
        "sr",
    ]
)

Json = dict[str, Any]


def tokens(text: str) -> list[str]:
    return [t.lower() for t in TOKEN.findall(text)]


def overlaps(a: str, b: str) -> bool:
    """Half of the shorter text's tokens (as a multiset) occur in the longer one."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return False
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    pool: dict[str, int] = defaultdict(int)
    for t in long_:
        pool[t] += 1
    hit = 0
    for t in short:
        if pool[t] > 0:
            pool[t] -= 1
            hit += 1
    return hit * 2 >= len(short)


def name_words(name: str) -> set[str]:
    return {t for t in tokens(name) if t not in TITLES and len(t) > 1}


def same_speaker(gold: str, said: str) -> bool:
    """One shared name word, or the reported name is the gold name's initials ("DIA")."""
    g, s = name_words(gold), name_words(said)
    if not g or not s:
        return False
    if g & s:
        return True
    initials = "".join(w[0] for w in tokens(gold) if w not in {"the", "of", "and"})
    return "".join(sorted(s)) == initials or any(w == initials for w in s)


def gold_article(report_article: Json) -> str:
    """The gold id of a report article, from the file name it was read from."""
    src = str(report_article.get("source", ""))
    name = src.split("#", 1)[0].rsplit("/", 1)[-1]
    return name[:-4] if name.endswith(".txt") else name


@dataclass
class _StoryScore:
    """One gold story against its report: each judgement adds its counts to ``tally``."""

    gold: Json
    report: Json
    id_map: dict[str, str]
    tally: dict[str, int]
    say: Callable[[str], None]

    def quotes(self) -> None:
        sid = self.gold["id"]
        reported: list[tuple[str, str, str | None]] = []  # (gold article, text, speaker)
        for st in self.report.get("stories", []):
            for q in st.get("quotes", []):
                for v in q.get("variants", []):
                    reported.append(
                        (self.id_map.get(v["article"], ""), v.get("text", ""), q.get("speaker"))
                    )
        for gq in self.gold.get("quotes", []):
            self.tally["gold_quotes"] += 1
            found = [r for r in reported if r[0] == gq["article"] and overlaps(gq["quote"], r[1])]
            if not found:
                self.say(f"{sid} quote missed in {gq['article']}: {gq['quote'][:90]!r}")
                continue
            self.tally["quotes_found"] += 1
            if gq.get("speaker"):
                self.tally["found_with_speaker"] += 1
                said = found[0][2]
                if said and same_speaker(gq["speaker"], said):
                    self.tally["speaker_right"] += 1
                elif said:
                    self.tally["speaker_wrong"] += 1
                    self.say(
                        f"{sid} speaker wrong in {gq['article']}: gold {gq['speaker']!r}, "
                        f"reported {said!r}: {gq['quote'][:80]!r}"
                    )
                else:
                    self.say(
                        f"{sid} speaker missing in {gq['article']}: gold {gq['speaker']!r}: "
                        f"{gq['quote'][:80]!r}"
                    )

    def claims(self) -> None:
        sid = self.gold["id"]
        facts: list[Json] = self.gold.get("facts", [])

        def states(fact: Json, article: str, text: str) -> bool:
            return any(
                m["article"] == article and overlaps(m["quote"], text) for m in fact["mentions"]
            )

        linked: set[int] = set()
        for st in self.report.get("stories", []):
            for claim in st.get("claims", []):
                sources = [
                    (self.id_map.get(s["article"], ""), s.get("text", ""))
                    for s in claim.get("sources", [])
                ]
                support = claim.get("support", len({a for a, _ in sources}))
                if len({a for a, _ in sources}) < 2 or (isinstance(support, int) and support < 2):
                    continue  # not shown as corroborated: fewer than two independent outlets
                self.tally["rows"] += 1
                self.tally["links"] += len(sources)
                best, best_hits = None, 0
                for i, fact in enumerate(facts):
                    hits = sum(1 for a, t in sources if states(fact, a, t))
                    if hits > best_hits:
                        best, best_hits = i, hits
                self.tally["links_right"] += best_hits
                if best is not None and best_hits == len(sources):
                    self.tally["rows_right"] += 1
                else:
                    about = facts[best]["about"] if best is not None else None
                    wrong = [
                        f"{a}: {t[:90]!r}"
                        for a, t in sources
                        if best is None or not states(facts[best], a, t)
                    ]
                    self.say(
                        f"{sid} corroborated row not one fact (best gold fact {about!r}); "
                        "sources not stating it: " + " | ".join(wrong)
                    )
                for i, fact in enumerate(facts):
                    if len({a for a, t in sources if states(fact, a, t)}) >= 2:
                        linked.add(i)
        self.tally["gold_facts"] += len(facts)
        self.tally["facts_linked"] += len(linked)

    def conflicts(self) -> None:
        sid = self.gold["id"]
        gold_conflicts: list[Json] = self.gold.get("conflicts", [])
        matched_gold: set[int] = set()
        for st in self.report.get("stories", []):
            texts = {a["id"]: a.get("text", "") for a in st.get("articles", [])}
            for c in st.get("conflicts", []):
                self.tally["conflicts"] += 1
                values: list[tuple[int, str, str]] = []  # (value index, gold article, span text)
                for vi, v in enumerate(c.get("values", [])):
                    for sp in v.get("spans", []):
                        start, end = sp["span"]
                        span_text = sp.get("text") or texts.get(sp["article"], "")[start:end]
                        values.append((vi, self.id_map.get(sp["article"], ""), span_text))
                hit = False
                for gi, gc in enumerate(gold_conflicts):
                    cands = [(vi, a, _gold_values(gc, a, t)) for vi, a, t in values]
                    hit = any(
                        x[0] != y[0] and x[1] != y[1] and any(p != q for p in x[2] for q in y[2])
                        for x in cands
                        for y in cands
                    )
                    if hit:
                        matched_gold.add(gi)
                        break
                if hit:
                    self.tally["conflicts_right"] += 1
                else:
                    vals = " vs ".join(f"{v.get('value')!r}" for v in c.get("values", []))
                    self.say(
                        f"{sid} conflict not in gold: {c.get('kind')} about "
                        f"{str(c.get('about'))[:60]!r}: {vals[:160]}"
                    )
        for gi, gc in enumerate(gold_conflicts):
            if gi not in matched_gold:
                vals = " vs ".join(
                    f"{v['value']!r} ({', '.join(m['article'] for m in v['mentions'])})"
                    for v in gc["values"]
                )
                self.say(f"{sid} gold conflict missed: {gc['kind']} {gc['about']!r}: {vals}")
        self.tally["gold_conflicts"] += len(gold_conflicts)
        self.tally["conflicts_found"] += len(matched_gold)


def _gold_values(conflict: Json, article: str, text: str) -> set[int]:
    return {
        k
        for k, value in enumerate(conflict["values"])
        for m in value["mentions"]
        if m["article"] == article and overlaps(m["quote"], text)
    }


def score_story(
    gold: Json, report: Json, tally: dict[str, int], explain: list[str] | None = None
) -> None:
    """Add this story's counts to ``tally``; with ``explain``, also say what went wrong, item by item."""
    say: Callable[[str], None] = explain.append if explain is not None else (lambda _line: None)
    id_map: dict[str, str] = {}
    for st in report.get("stories", []):
        for a in st.get("articles", []):
            id_map[a["id"]] = gold_article(a)
    scoring = _StoryScore(gold, report, id_map, tally, say)
    scoring.quotes()
    scoring.claims()
    scoring.conflicts()


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def figures(t: dict[str, int]) -> Json:
    return {
        "quotes": {
            "gold": t["gold_quotes"],
            "recall": _ratio(t["quotes_found"], t["gold_quotes"]),
            "speaker_accuracy": _ratio(t["speaker_right"], t["found_with_speaker"]),
            "wrong_speaker_rate": _ratio(t["speaker_wrong"], t["found_with_speaker"]),
        },
        "corroboration": {
            "rows": t["rows"],
            "row_precision": _ratio(t["rows_right"], t["rows"]),
            "link_precision": _ratio(t["links_right"], t["links"]),
            "gold_facts": t["gold_facts"],
            "recall": _ratio(t["facts_linked"], t["gold_facts"]),
        },
        "conflicts": {
            "reported": t["conflicts"],
            "precision": _ratio(t["conflicts_right"], t["conflicts"]),
            "gold": t["gold_conflicts"],
            "recall": _ratio(t["conflicts_found"], t["gold_conflicts"]),
        },
    }


def _write_inputs(folder: Path, articles: Iterable[Json]) -> None:
    """The story's articles as a user's folder: ``ARTICLE.txt`` and, with a url, its sidecar."""
    folder.mkdir()
    for row in articles:
        (folder / f"{row['article']}.txt").write_text(row["text"], encoding="utf-8")
        if row.get("url"):
            meta = json.dumps({"url": row["url"]})
            (folder / f"{row['article']}.meta.json").write_text(meta, encoding="utf-8")


def analyse_as_user(articles: Iterable[Json], models: Models | None = None) -> Json:
    """The report ``storylens analyze FOLDER --format json`` writes for these articles."""
    from storylens.pipeline import analyze
    from storylens.report.jsonreport import render_json

    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "in"
        _write_inputs(inputs, articles)
        report = analyze([inputs], Config(), models=models)
    result: Json = json.loads(render_json(report))
    return result


def _load(data: Path) -> tuple[list[Json], dict[str, dict[str, Json]]]:
    if not data.is_dir():
        raise EvaluationError(f"{data} is not a directory")
    gold_files = sorted(data.glob("*-gold.json"))
    article_files = sorted(data.glob("*-articles.jsonl"))
    if not gold_files or not article_files:
        raise EvaluationError(
            f"{data} needs *-gold.json and *-articles.jsonl files (see shared/data/crossoutlet)"
        )
    rows: dict[str, dict[str, Json]] = defaultdict(dict)
    for path in article_files:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    row = json.loads(line)
                    rows[row["story"]][row["article"]] = row
    stories = [s for p in gold_files for s in json.loads(p.read_text(encoding="utf-8"))["stories"]]
    return stories, rows


def evaluate(data: Path, *, only: Iterable[str] = (), explain: bool = False) -> Json:
    stories, rows = _load(data)
    chosen = set(only)
    models = Models(Config())
    tally: dict[str, int] = defaultdict(int)
    per_story: dict[str, Json] = {}
    lines: list[str] = []
    for story in stories:
        if chosen and story["id"] not in chosen:
            continue
        articles = [rows[story["id"]][a] for a in story["articles"] if a in rows[story["id"]]]
        report = analyse_as_user(articles, models)
        one: dict[str, int] = defaultdict(int)
        score_story(story, report, one, lines if explain else None)
        for key, value in one.items():
            tally[key] += value
        per_story[story["id"]] = figures(one)
    if chosen and not per_story:
        raise EvaluationError(f"no gold story with id {', '.join(sorted(chosen))}")
    result: Json = {"stories": len(per_story), **figures(tally), "per_story": per_story}
    if explain:
        result["explain"] = lines
    return result
