"""``storylens eval summary``: ROUGE against human summaries, and what holds without references.

Two parts, both measured on whatever ``--data`` holds (a single set or the whole data root):

* **ROUGE** on multi-document clusters with a human summary (Multi-News or WCEP layouts, see
  :func:`load_reference_clusters`). StoryLens runs its real per-story pipeline (dedup, quotes,
  claims, conflicts, signals, summary) on each cluster, each document counting as one source
  since these sets name no outlets. Lead (round-robin over the documents), LexRank and
  TextRank (sumy) and a greedy extractive oracle get the very same sentences (spaCy's split of
  the same article texts) and the same length budget: the reference's word count. Every
  system's output goes through one :func:`fill`, so none gains from a looser length rule.
  Scores are rouge-score F1 with the Porter stemmer; ROUGE-L is over the whole summary,
  ROUGE-Lsum over newline-separated sentences (the summary-level variant).
* **Reference-free** measures of the full summary (lead, "where reports differ", "only
  reported by") on every labelled cluster set (``articles.jsonl`` + ``gold.json``: each gold
  cluster is analysed as one story), on the reference clusters, and on ``examples/``: the
  share of sentences whose every citation is exact, the share of lead sentences cited by 2+
  independent sources, redundancy (the largest cosine similarity between two sentences of a
  summary, static embeddings), and the share of sentences that lean on missing context.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

from storylens.evaluation import EvaluationError
from storylens.records import Article, RawDocument, Story, SummarySentence

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")
SYSTEMS = ("storylens", "lead", "lexrank", "textrank", "oracle")
ROOT = Path(__file__).resolve().parents[3]

_WORDS = re.compile(r"\w+(?:['’]\w+)*")
_LINE = re.compile(r"[^\n]+")


@dataclass
class Cluster:
    id: str
    documents: list[str]
    reference: str


# --- loading ---------------------------------------------------------------------------------


def load_reference_clusters(data: Path) -> dict[str, list[Cluster]]:
    """Every set of clusters with reference summaries under ``data``, by set name.

    Recognised layouts: ``clusters.jsonl`` (``documents`` list + ``summary``, as in
    shared/data), WCEP-style JSONL (``articles`` of ``{"text"}`` + ``summary``), and the
    original Multi-News pair ``X.src`` / ``X.tgt`` (documents split by ``|||||``, newlines
    written as ``NEWLINE_CHAR``).
    """
    found: dict[str, list[Cluster]] = {}
    for path in sorted(_walk(data, "*.jsonl")):
        clusters = list(_jsonl_clusters(path))
        if clusters:
            found[_name(data, path)] = clusters
    for src in sorted(_walk(data, "*.src*")):
        tgt = _target_of(src)
        if tgt is not None:
            found[_name(data, src)] = list(_multinews_pair(src, tgt))
    return found


def _walk(data: Path, pattern: str) -> Iterable[Path]:
    if data.is_file():
        return [data] if data.match(pattern) else []
    return data.rglob(pattern)


def _name(data: Path, path: Path) -> str:
    """A set is named by its folder for ``clusters.jsonl``/``articles.jsonl``, else by file."""
    base = data if data.is_dir() else data.parent
    folder = path.parent.relative_to(base)
    if path.stem in {"clusters", "articles"}:
        return str(folder) if folder != Path(".") else base.name
    return str(folder / path.stem.split(".")[0])


def _jsonl_clusters(path: Path) -> Iterator[Cluster]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                return
            if not isinstance(row, dict) or not isinstance(row.get("summary"), str):
                return
            docs = row.get("documents")
            if docs is None and isinstance(row.get("articles"), list):
                docs = [a.get("text", "") if isinstance(a, dict) else a for a in row["articles"]]
            if not isinstance(docs, list):
                return
            texts = [d for d in docs if isinstance(d, str) and d.strip()]
            yield Cluster(str(row.get("id", n)), texts, row["summary"])


def _target_of(src: Path) -> Path | None:
    for name in (src.name.replace(".src", ".tgt"), src.name.split(".src")[0] + ".tgt"):
        if (src.parent / name).is_file() and name != src.name:
            return src.parent / name
    return None


def _multinews_pair(src: Path, tgt: Path) -> Iterator[Cluster]:
    with src.open(encoding="utf-8") as fs, tgt.open(encoding="utf-8") as ft:
        for n, (line, ref) in enumerate(zip(fs, ft, strict=False)):
            docs = [d.replace("NEWLINE_CHAR", "\n").strip() for d in line.split("|||||")]
            yield Cluster(str(n), [d for d in docs if d], ref.replace("NEWLINE_CHAR", "\n"))


def load_labelled_sets(data: Path) -> dict[str, list[list[dict[str, Any]]]]:
    """Every ``articles.jsonl`` + ``gold.json`` set under ``data``: rows grouped by gold cluster."""
    found: dict[str, list[list[dict[str, Any]]]] = {}
    for path in sorted(_walk(data, "articles.jsonl")):
        gold_path = path.parent / "gold.json"
        if not gold_path.is_file():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    if str(row.get("id")) in gold:
                        groups[str(gold[str(row["id"])])].append(row)
        found[_name(data, path)] = [g for _, g in sorted(groups.items()) if len(g) > 1]
    return found


def document_article(text: str, source: str, **metadata: object) -> Article | None:
    """An Article of one plain document: its non-empty lines become paragraphs, and the offset
    map back to the document holds as for any cleaned input (the same route as the text
    cleaner, minus the boilerplate classifier: these sets hold body text only)."""
    from storylens.clean.text import assemble

    kept = []
    for m in _LINE.finditer(text):
        line = m.group()
        lead = len(line) - len(line.lstrip())
        if line.strip():
            kept.append((m.start() + lead, m.start() + len(line.rstrip())))
    if not kept:
        return None
    raw = RawDocument(source=source, raw=text)
    hints = {k: v for k, v in metadata.items() if v is not None}
    return assemble(raw, kept, **hints)


# --- the length rule and the baselines ----------------------------------------------------------


def words(text: str) -> int:
    return len(text.split())


def fill(ranked: Iterable[str], budget: int) -> list[str]:
    """Sentences in rank order, each kept if it still fits the word budget (the first always)."""
    out: list[str] = []
    used = 0
    for sent in ranked:
        n = words(sent)
        if out and used + n > budget:
            continue
        out.append(sent)
        used += n
        if used >= budget:
            break
    return out


def lead_ranking(doc_sentences: list[list[str]]) -> list[str]:
    """Round-robin: first sentence of every document, then every second, and so on."""
    ranked: list[str] = []
    for k in range(max((len(d) for d in doc_sentences), default=0)):
        ranked += [d[k] for d in doc_sentences if k < len(d)]
    return ranked


class RegexTokenizer:
    """What sumy asks of a tokenizer; the sentences come pre-split by spaCy, so no NLTK data."""

    language = "english"

    def to_sentences(self, text: str) -> tuple[str, ...]:
        return tuple(line for line in text.split("\n") if line.strip())

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORDS.findall(sentence))


def sumy_ranking(kind: str, doc_sentences: list[list[str]]) -> list[str]:
    """Every sentence, best first, as sumy's LexRank or TextRank rates them."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = RegexTokenizer()
    document = ObjectDocumentModel(
        [Paragraph([Sentence(s, tokenizer) for s in d]) for d in doc_sentences if d]
    )
    summarizer = (LexRankSummarizer if kind == "lexrank" else TextRankSummarizer)(
        Stemmer("english")
    )
    summarizer.stop_words = get_stop_words("english")
    ranked: list[str] = []

    def capture(infos: list[Any]) -> list[Any]:
        ranked.extend(str(i.sentence) for i in infos)
        return infos

    summarizer(document, capture)
    return ranked


def _ngrams(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _f1(overlap: int, produced: int, wanted: int) -> float:
    if not overlap:
        return 0.0
    p, r = overlap / produced, overlap / wanted
    return 2 * p * r / (p + r)


def oracle(sentences: list[str], reference: str, budget: int, scorer: Any) -> list[str]:
    """Greedy extractive oracle: add the sentence that most raises R-1 + R-2 F1 (computed on
    rouge-score's own stemmed tokens), within the budget; stop when nothing raises it."""
    tokenize = scorer._tokenizer.tokenize
    ref = [_ngrams(tokenize(reference), n) for n in (1, 2)]
    wanted = [max(sum(r.values()), 1) for r in ref]
    pool = list(dict.fromkeys(sentences))
    grams = {s: [_ngrams(tokenize(s), n) for n in (1, 2)] for s in pool}
    have: list[Counter[tuple[str, ...]]] = [Counter(), Counter()]
    chosen: list[str] = []
    best = 0.0
    used = 0
    while pool:
        top: tuple[float, str] | None = None
        for sent in pool:
            if chosen and used + words(sent) > budget:
                continue
            value = 0.0
            for n in (0, 1):
                merged = have[n] + grams[sent][n]
                overlap = sum((merged & ref[n]).values())
                value += _f1(overlap, max(sum(merged.values()), 1), wanted[n])
            if top is None or value > top[0]:
                top = (value, sent)
        if top is None or top[0] <= best:
            break
        best, sent = top
        chosen.append(sent)
        used += words(sent)
        have = [have[n] + grams[sent][n] for n in (0, 1)]
        pool.remove(sent)
    order = {s: k for k, s in enumerate(sentences)}
    return sorted(chosen, key=lambda s: order[s])


# --- reference-free measures ----------------------------------------------------------------


def citations_valid(story: Story, sentence: SummarySentence) -> bool:
    """The sentence is the exact text of its first citation and every citation is exact."""
    if not sentence.citations:
        return False
    try:
        first = story.article(sentence.citations[0].article)
        if first.slice(sentence.citations[0].span) != sentence.text:
            return False
        return all(story.article(c.article).slice(c.span) == c.text for c in sentence.citations)
    except KeyError:
        return False


def reference_free(stories: list[Story], models: Any) -> dict[str, Any]:
    """The measures that need no human summary, pooled over the sentences of all stories."""
    from storylens.claims import outlet_key, quoting
    from storylens.summarize import depends_on_context

    sentences = valid = lead = corroborated = dangling = 0
    redundancy: list[float] = []
    for story in stories:
        if not story.summary:
            continue
        for s in story.summary:
            sentences += 1
            valid += citations_valid(story, s)
            fragment = False
            if s.citations:
                first = s.citations[0]
                _, opened, still_open = quoting(
                    story.article(first.article), (first.span[0], first.span[1])
                )
                fragment = opened or still_open
            dangling += fragment or depends_on_context(s.text)
            if s.section == "lead":
                lead += 1
                outlets = {outlet_key(story, story.article(c.article)) for c in s.citations}
                corroborated += len(outlets) >= 2
        if len(story.summary) > 1:
            vectors = models.embed([s.text for s in story.summary])
            redundancy.append(
                max(float(vectors[i] @ vectors[j]) for i, j in combinations(range(len(vectors)), 2))
            )
    return {
        "stories": len(stories),
        "stories_with_summary": sum(1 for s in stories if s.summary),
        "sentences": sentences,
        "valid_citation_share": _share(valid, sentences),
        "lead_sentences": lead,
        "lead_corroborated_share": _share(corroborated, lead),
        "redundancy_mean_max_pair_similarity": _mean(redundancy),
        "dangling_context_share": _share(dangling, sentences),
    }


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _mean(values: list[float]) -> float | None:
    return round(float(np.mean(values)), 4) if values else None


# --- running StoryLens ------------------------------------------------------------------------


def analyse_group(articles: list[Article], models: Any, config: Any) -> Story:
    """The real per-story pipeline on a known cluster (no re-clustering: the gold is given)."""
    from storylens import cluster, dedup
    from storylens.pipeline import analyse_story

    marked = dedup.mark_duplicates(articles, config.dedup)
    return analyse_story(cluster.make_story(marked), models, config)


def analyse_as_cli(documents: list[str], models: Any, config: Any, folder: Path) -> list[Story]:
    """What ``storylens analyze`` gives a user for these documents: each written to a text
    file, then read, cleaned, de-duplicated and clustered by the library the CLI calls, so
    the benchmark measures the reports users get rather than one story forced from the gold
    cluster. Stories come in report order (largest first)."""
    from storylens.pipeline import analyze

    folder.mkdir(parents=True, exist_ok=True)
    for k, text in enumerate(documents):
        (folder / f"doc{k}.txt").write_text(text, encoding="utf-8")
    return analyze([folder], config, models=models).stories


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Identical documents hash to one id; keep the first so citations stay unambiguous."""
    seen: set[str] = set()
    out = []
    for a in articles:
        if a.id not in seen:
            seen.add(a.id)
            out.append(a)
    return out


def rouge_set(
    clusters: list[Cluster], models: Any, progress: Callable[[int], None] | None = None
) -> dict[str, Any]:
    """Every system on every cluster, same sentences and budget; mean F1 x 100 per variant."""
    from rouge_score import rouge_scorer

    from storylens.config import Config, SummaryConfig

    scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    scores: dict[str, dict[str, list[float]]] = {s: defaultdict(list) for s in SYSTEMS}
    budgets: list[int] = []
    stories: list[Story] = []
    seconds = 0.0
    skipped = 0
    failed: list[dict[str, str]] = []
    for n, cl in enumerate(clusters):
        documents = [d for d in cl.documents if d.strip()]
        if not documents or not cl.reference.strip():
            skipped += 1
            continue
        budget = words(cl.reference)
        config = Config(summary=SummaryConfig(words=budget))
        start = time.perf_counter()
        try:
            with tempfile.TemporaryDirectory() as tmp:
                found = analyse_as_cli(documents, models, config, Path(tmp) / "in")
        except Exception as exc:  # a pipeline bug on one cluster is reported, not fatal
            failed.append({"cluster": cl.id, "reason": f"{type(exc).__name__}: {exc}"})
            continue
        if not found:
            failed.append({"cluster": cl.id, "reason": "no story in the report"})
            continue
        seconds += time.perf_counter() - start
        budgets.append(budget)
        stories.extend(found)
        # the reader's "what happened": each story's lead in report order, within the budget
        ours = [s.text for st in found for s in st.summary if s.section == "lead"]
        articles = [a for st in found for a in st.articles]
        doc_sentences = [[a.slice(sp) for sp in models.sentences(a)] for a in articles]
        flat = [s for d in doc_sentences for s in d]
        outputs = {
            "storylens": fill(ours, budget),
            "lead": fill(lead_ranking(doc_sentences), budget),
            "lexrank": fill(sumy_ranking("lexrank", doc_sentences), budget),
            "textrank": fill(sumy_ranking("textrank", doc_sentences), budget),
            "oracle": oracle(flat, cl.reference, budget, scorer),
        }
        reference = "\n".join(_sentence_lines(cl.reference, models))
        for system, sents in outputs.items():
            result = scorer.score(reference, "\n".join(sents))
            for kind in ROUGE_TYPES:
                scores[system][kind].append(result[kind].fmeasure)
            scores[system]["words"].append(sum(words(s) for s in sents))
        if progress:
            progress(n)
    table = {
        system: {
            k: round(100 * float(np.mean(v)), 2) if k != "words" else round(float(np.mean(v)), 1)
            for k, v in per.items()
        }
        for system, per in scores.items()
    }
    return {
        "clusters": len(budgets),
        "skipped": skipped,
        "failed": failed,
        "budget_words_mean": round(float(np.mean(budgets)), 1) if budgets else None,
        "scores": table,
        "storylens_seconds_per_cluster": round(seconds / max(len(budgets), 1), 3),
        "reference_free": reference_free(stories, models),
    }


def _sentence_lines(text: str, models: Any) -> list[str]:
    """Reference sentences, one a line, for ROUGE-Lsum (spaCy's splitter, as for the systems)."""
    article = document_article(text, "reference")
    if article is None:
        return []
    return [article.slice(sp).replace("\n", " ") for sp in models.sentences(article)]


def labelled_set(groups: list[list[dict[str, Any]]], models: Any) -> dict[str, Any]:
    from storylens.config import Config

    config = Config()
    stories = []
    failed: list[dict[str, str]] = []
    for rows in groups:
        arts = [
            document_article(
                str(r.get("text") or ""),
                str(r.get("id")),
                outlet=r.get("outlet") or None,
                url=r.get("url") or None,
            )
            for r in rows
        ]
        articles = _unique_ids([a for a in arts if a is not None])
        if not articles:
            continue
        try:
            stories.append(analyse_group(articles, models, config))
        except Exception as exc:  # a pipeline bug on one cluster is reported, not fatal
            failed.append(
                {"cluster": str(rows[0].get("id")), "reason": f"{type(exc).__name__}: {exc}"}
            )
    return {**reference_free(stories, models), "failed": failed}


def evaluate(data: Path, limit: int | None = None) -> dict[str, Any]:
    """ROUGE on every reference set under ``data`` and reference-free measures on every
    labelled set and the shipped examples; ``limit`` caps the clusters per set (smoke runs)."""
    import storylens
    from storylens.config import Config
    from storylens.nlp import Models

    references = load_reference_clusters(data)
    labelled = load_labelled_sets(data)
    examples = ROOT / "examples"
    if not references and not labelled and not examples.is_dir():
        raise EvaluationError(
            f"{data} holds no summary clusters (clusters.jsonl, WCEP jsonl, or Multi-News "
            ".src/.tgt) and no labelled cluster set (articles.jsonl + gold.json)"
        )
    models = Models(Config())
    result: dict[str, Any] = {
        "metric": "rouge-score F1 x 100, Porter stemming on; rougeL = summary as one sequence, "
        "rougeLsum = newline-split sentences; budget = reference word count; lead = round-robin "
        "first sentences; lexrank/textrank = sumy 0.13 with stop words and Snowball stemmer; "
        "oracle = greedy R-1+R-2",
        "rouge": {},
        "reference_free": {},
    }
    for name, clusters in references.items():
        result["rouge"][name] = rouge_set(clusters[:limit] if limit else clusters, models)
    for name, groups in labelled.items():
        result["reference_free"][name] = labelled_set(groups[:limit] if limit else groups, models)
    if examples.is_dir():
        report = storylens.analyze([examples], models=models)
        result["reference_free"]["examples"] = reference_free(report.stories, models)
    return result
