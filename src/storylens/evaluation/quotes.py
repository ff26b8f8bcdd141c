"""``storylens eval quotes``: direct-quotation spans and speakers against labelled news text.

Sets found under ``--data`` (each scored on its own):

* **hand gold** — every ``quotes-*.json`` file (format and rules in
  ``benchmarks/data/QUOTES-GUIDE.md``: articles with their body text or a pointer to it, and
  every direct quotation as ``start``/``end`` offsets of the quoted words without the outer
  marks, ``kind``, ``utterance``, ``speaker``). A body is taken from the file's own ``text`` field, else looked
  up by ``id`` in ``extraction/zyte-dev/ground-truth.json`` of the shared data next to the
  repository (and its ``body_sha1`` checked, so a changed body is reported, not mis-scored).
* **PolNeAR** (``polnear/dev`` or a ``dev`` folder of brat ``.ann`` files). PolNeAR annotates
  attributions, mostly paraphrase; the direct quotations are taken as the **quoted stretches
  inside Content spans**: inside each Content span (widened by the one mark that may sit just
  outside it) double quote marks are paired left to right (“ opens, ” closes, a straight ``"``
  opens when nothing is open and closes otherwise); each pair's inner text is one gold quote, an
  opener left unclosed runs to the end of the span and a closer with no opener starts at the
  span's start. A quote is ``full`` when the content has no words outside its quotes, else
  ``partial``. The speaker is the attribution's Source text. Titles in quote marks inside a
  content span ("a gig on “Saturday Night Live”") are therefore gold quotes too, and quoted
  text outside any attribution is not gold: precision on PolNeAR is a lower bound. Only
  ``split`` (dev by default) is read; train is for development.

Scoring, the same for every system:

* Both sides are compared as character spans of the original text, after trimming whitespace
  and the punctuation ``,;:.!?…`` at either end (whether a quote's final comma is "inside" is
  a typesetting choice, not an extraction error).
* **exact**: same trimmed start and end. **overlap**: the spans share at least one character;
  matching is one to one (greedy, largest overlap first), so one long prediction cannot claim
  several gold quotes. P = matched / predicted, R = matched / gold.
* **wrong_speaker_rate** (matched quotes whose printed speaker names someone else, over all
  scored) and **speaker_precision** (printed speakers that are right): the quote stage
  abstains below its confidence threshold, and an abstention is not right, but not wrong.
* **speaker accuracy** on overlap-matched quotes: names are compared after dropping titles
  ("President", "Mr"), determiners and a possessive; they agree when their last words are
  equal or one's words are a subset of the other's ("Trump" = "Donald Trump" = "US President
  Donald Trump"). A gold speaker of null (hand gold: the article names no one) is matched
  only by a null prediction. PolNeAR sources that name no one — pronouns and descriptions,
  i.e. no capitalised word after a leading determiner ("he", "the senator", "a source") — are
  left out, since PolNeAR does not say whom they refer to. ``speaker_accuracy`` is over each
  system's own matches, so a system that finds only easy quotes looks better than it is; two
  figures make the comparison fair: ``attributed_recall`` (gold quotes found *with* the right
  speaker / all scorable gold quotes) and ``speaker_accuracy_on_quotes_both_found``.
* **textacy** ``extract.triples.direct_quotations`` runs on the very same spaCy doc (same text,
  same model) as the baseline; its speaker is the text of its speaker tokens (it resolves no
  pronouns). It refuses a whole document with an odd number of quote marks; it is then run on
  each paragraph (``Span.as_doc``, same parse) and keeps what those give.

Articles are evaluated as plain text: each becomes an Article (blank-line paragraphs) that goes
through the real quote stage (:func:`storylens.quotes.quote_mentions`), and its spans are mapped
back to the original text through the article's offset map.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storylens.config import Config
from storylens.evaluation import EvaluationError
from storylens.nlp import Models
from storylens.records import Article, RawDocument, Story

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared" / "data"
SYSTEMS = ("storylens", "textacy")
Span = tuple[int, int]

_TRIM = " \t\r\n,;:.!?…"
_PRONOUNS = frozenset(
    [
        "he",
        "she",
        "they",
        "i",
        "we",
        "it",
        "you",
        "him",
        "her",
        "them",
        "us",
        "me",
        "his",
        "their",
        "its",
        "this",
        "that",
        "who",
    ]
)
_DROP = frozenset(
    [
        "the",
        "a",
        "an",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "president",
        "vice",
        "former",
        "sen",
        "senator",
        "rep",
        "gov",
        "governor",
        "secretary",
        "minister",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "prime",
        "chancellor",
        "us",
        "u.s.",
        "republican",
        "democratic",
        "nominee",
        "candidate",
        "presidential",
    ]
)
_DETERMINERS = frozenset(
    ["the", "a", "an", "one", "some", "several", "many", "two", "three", "another"]
)
_COUNTS = frozenset(
    ["one", "two", "three", "four", "five", "some", "many", "several", "most", "all", "both"]
)
_OPEN_DQ = "“„‟"
_CLOSE_DQ = "”"


@dataclass
class GoldQuote:
    span: Span
    kind: str
    speaker: str | None
    utterance: int | None = None
    pronoun: bool = False
    """The gold source does not name anyone (a pronoun or a description): not scored."""


@dataclass
class GoldArticle:
    id: str
    text: str
    quotes: list[GoldQuote]


@dataclass
class Predicted:
    span: Span
    speaker: str | None
    candidate: str | None = None
    """The speaker the evidence points at when too weak to print (``--explain`` shows it)."""
    basis: str | None = None
    confidence: float = 0.0


# --- loading ---------------------------------------------------------------------------------


def find_sets(data: Path, split: str = "dev") -> dict[str, Callable[[], list[GoldArticle]]]:
    """Every labelled quote set under ``data``, by name, each loaded only when scored."""
    sets: dict[str, Callable[[], list[GoldArticle]]] = {}
    files = [data] if data.is_file() else sorted(data.rglob("quotes-*.json"))
    for path in files:
        if path.name.startswith("quotes-") and path.suffix == ".json":
            sets[path.stem] = lambda path=path: load_hand_gold(path)  # type: ignore[misc]
    if data.is_dir():
        for base in (data / "polnear" / split, data / "quotes" / "polnear" / split, data / split):
            if (base / "attributions").is_dir() and (base / "text").is_dir():
                sets[f"polnear-{split}"] = lambda base=base: load_polnear(base)  # type: ignore[misc]
                break
    return sets


def load_hand_gold(path: Path) -> list[GoldArticle]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
        return _hand_gold_articles(path, gold["articles"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise EvaluationError(f"{path} is not a quotes gold file: {exc!r}") from exc


def _hand_gold_articles(path: Path, entries: list[dict[str, Any]]) -> list[GoldArticle]:
    bodies: dict[str, str] | None = None
    articles: list[GoldArticle] = []
    for entry in entries:
        text = entry.get("text")
        if text is None:
            if bodies is None:
                bodies = _zyte_bodies(path)
            text = bodies.get(str(entry["id"]))
            if text is None:
                raise EvaluationError(f"{path}: no body text for article {entry['id']}")
        sha = entry.get("body_sha1")
        if sha and hashlib.sha1(text.encode("utf-8")).hexdigest() != sha:
            raise EvaluationError(f"{path}: body of article {entry['id']} has changed (sha1)")
        quotes = [
            GoldQuote(
                span=(int(q["start"]), int(q["end"])),
                kind=str(q.get("kind", "full")),
                speaker=q.get("speaker"),
                utterance=q.get("utterance"),
            )
            for q in entry.get("quotes", [])
        ]
        articles.append(GoldArticle(str(entry["id"]), text, quotes))
    return articles


def _zyte_bodies(path: Path) -> dict[str, str]:
    for candidate in (
        path.parent / "ground-truth.json",
        SHARED / "extraction" / "zyte-dev" / "ground-truth.json",
    ):
        if candidate.is_file():
            data = json.loads(candidate.read_text(encoding="utf-8"))
            return {k: str(v.get("articleBody", "")) for k, v in data.items()}
    raise EvaluationError(
        f"{path} points at zyte-dev article bodies, but ground-truth.json was not found"
    )


def load_polnear(base: Path) -> list[GoldArticle]:
    articles: list[GoldArticle] = []
    seen: set[str] = set()
    for ann in sorted((base / "attributions").glob("*.ann")):
        # NAME_abcd.ann annotates text/NAME.txt; an article annotated twice counts once
        stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        text_path = base / "text" / (stem + ".txt")
        if stem in seen or not text_path.is_file():
            continue
        seen.add(stem)
        text = text_path.read_text(encoding="utf-8")
        articles.append(GoldArticle(stem, text, _polnear_quotes(text, ann)))
    if not articles:
        raise EvaluationError(f"{base} holds no PolNeAR .ann/.txt pairs")
    return articles


def _polnear_quotes(text: str, ann: Path) -> list[GoldQuote]:
    spans: dict[str, tuple[str, int, int]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            fields = parts[1].split()
            if len(fields) >= 3 and fields[1].isdigit() and fields[-1].isdigit():
                spans[parts[0]] = (fields[0], int(fields[1]), int(fields[-1]))
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    found: dict[Span, GoldQuote] = {}
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if content is None:
            continue
        source = spans.get(rel.get("Source", ""))
        speaker = _gold_name(text[source[1] : source[2]]) if source else None
        pronoun = speaker is None
        pieces = _quoted_pieces(text, content[1], content[2])
        outside = _outside_words(text, content[1], content[2], pieces)
        for piece in pieces:
            span = _trimmed(text, piece)
            if span is None or span in found:
                continue
            kind = "partial" if outside else "full"
            found[span] = GoldQuote(span, kind, speaker, pronoun=pronoun)
    return sorted(found.values(), key=lambda q: q.span)


def _quoted_pieces(text: str, start: int, end: int) -> list[Span]:
    lo = start - 1 if start > 0 and text[start - 1] in _OPEN_DQ + '"' else start
    hi = end + 1 if end < len(text) and text[end] in _CLOSE_DQ + '"' else end
    pieces: list[Span] = []
    opened: int | None = None
    for i in range(lo, hi):
        ch = text[i]
        if ch in _OPEN_DQ or (ch == '"' and opened is None):
            if opened is None:
                opened = i + 1
        elif ch in _CLOSE_DQ or ch == '"':
            pieces.append((opened if opened is not None else start, i))
            opened = None
    if opened is not None:
        pieces.append((opened, end))
    return pieces


def _outside_words(text: str, start: int, end: int, pieces: list[Span]) -> bool:
    rest = text[start:end]
    for s, e in sorted(pieces, reverse=True):
        rest = rest[: max(0, s - start)] + " " + rest[max(0, e - start) :]
    return bool(re.search(r"[^\W\d_]{2,}", rest))


def _gold_name(source: str) -> str | None:
    """The name in a PolNeAR source, or None when it names no one.

    Sources come with appositives and descriptions ("Weingarten, a longtime Clinton
    supporter,", "Rubio’s deputy campaign manager, Rich Beeson, who ..."): the name is the
    first comma-separated piece that ends in a capitalised word; "one Trump campaign source",
    "the Texas senator" or "he" end in a common word and name no one.
    """
    for piece in source.split(","):
        words = re.findall(r"[\w’'.-]+", re.sub(r"['’]s\b", "", piece))
        if len(words) > 1 and words[0].lower() in _DETERMINERS and not words[1][:1].isupper():
            continue  # "a person close to the Clintons", "the head of the RNC": a description
        if words and _named(piece) and words[-1][:1].isupper():
            return piece.strip()
    return None


def _named(source: str | None) -> bool:
    """Whether a gold source names someone (a capitalised word beyond a sentence-initial
    determiner): "he", "the president", "a source" refer to someone PolNeAR does not name."""
    words = re.findall(r"[\w’'.-]+", source or "")
    if words and words[0].lower() in _DROP | _PRONOUNS | _COUNTS:
        words = words[1:]
    return any(w[:1].isupper() for w in words)


# --- scoring ---------------------------------------------------------------------------------


def _trimmed(text: str, span: Span) -> Span | None:
    s, e = span
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return (s, e) if re.search(r"\w", text[s:e]) else None


def _norm_name(name: str) -> list[str]:
    name = re.sub(r"['’]s\b", "", name)
    words = [w.lower().strip(".") for w in re.findall(r"[\w.’'-]+", name)]
    return [w for w in words if w and w not in _DROP and w not in _PRONOUNS]


def same_speaker(predicted: str | None, gold: str | None) -> bool:
    """The rule stated in the module docstring: last words equal or one set inside the other."""
    named = _named(gold)
    if not named:
        if predicted is None:
            return True
        return bool(gold) and _norm_name(predicted) == _norm_name(gold or "")
    if predicted is None:
        return False
    p, g = _norm_name(predicted), _norm_name(gold or "")
    if not p or not g:
        return False
    return p[-1] == g[-1] or set(p) <= set(g) or set(g) <= set(p)


def _match(pred: list[Span], gold: list[Span], exact: bool) -> list[tuple[int, int]]:
    if exact:
        index = {g: j for j, g in enumerate(gold)}
        return [(i, index[p]) for i, p in enumerate(pred) if p in index]
    pairs = []
    for i, (ps, pe) in enumerate(pred):
        for j, (gs, ge) in enumerate(gold):
            shared = min(pe, ge) - max(ps, gs)
            if shared > 0:
                pairs.append((shared, i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


class _Tally:
    def __init__(self, explain: list[str] | None = None) -> None:
        self.explain = explain
        """When a list: one line per scorable quote found without its right speaker."""
        self.n = Counter[str]()
        self.outcomes: dict[tuple[str, int], bool] = {}
        """Speaker right or wrong per scorable gold quote found, to compare systems on the
        quotes both found."""

    def add(self, article: GoldArticle, predicted: list[Predicted]) -> None:
        text = article.text
        gold = [g for g in article.quotes if _trimmed(text, g.span)]
        gspans = [_trimmed(text, g.span) or g.span for g in gold]
        preds = [p for p in predicted if _trimmed(text, p.span)]
        pspans = [_trimmed(text, p.span) or p.span for p in preds]
        self.n["gold"] += len(gold)
        self.n["predicted"] += len(preds)
        self.n["exact"] += len(_match(pspans, gspans, exact=True))
        overlap = _match(pspans, gspans, exact=False)
        self.n["overlap"] += len(overlap)
        for g in gold:
            self.n[f"gold_{g.kind}"] += 1
            self.n["speaker_scorable"] += not g.pronoun
        for i, j in overlap:
            g = gold[j]
            self.n[f"found_{g.kind}"] += 1
            if g.pronoun:
                continue
            right = same_speaker(preds[i].speaker, g.speaker)
            self.n["speaker_scored"] += 1
            self.n["speaker_correct"] += right
            if preds[i].speaker is not None:  # the system printed a name: right or wrong
                self.n["speaker_named"] += 1
                self.n["speaker_named_right"] += right
                self.n["speaker_wrong"] += not right
            self.outcomes[(article.id, j)] = right
            if not right and self.explain is not None:
                self.explain.append(_explained(article, g, preds[i]))

    def figures(self) -> dict[str, Any]:
        n = self.n
        out_explain = {"explain": self.explain} if self.explain is not None else {}
        out: dict[str, Any] = {"gold": n["gold"], "predicted": n["predicted"]}
        for how in ("exact", "overlap"):
            p = n[how] / n["predicted"] if n["predicted"] else 0.0
            r = n[how] / n["gold"] if n["gold"] else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            out[how] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
        out["speaker_accuracy"] = (
            round(n["speaker_correct"] / n["speaker_scored"], 3) if n["speaker_scored"] else None
        )
        out["speaker_scored"] = n["speaker_scored"]
        # precision first: a speaker printed must be right; abstaining is not wrong
        out["wrong_speaker_rate"] = (
            round(n["speaker_wrong"] / n["speaker_scored"], 3) if n["speaker_scored"] else None
        )
        out["speaker_precision"] = (
            round(n["speaker_named_right"] / n["speaker_named"], 3) if n["speaker_named"] else None
        )
        out["attributed_recall"] = (
            round(n["speaker_correct"] / n["speaker_scorable"], 3)
            if n["speaker_scorable"]
            else None
        )
        out["recall_by_kind"] = {
            kind: round(n[f"found_{kind}"] / n[f"gold_{kind}"], 3) if n[f"gold_{kind}"] else None
            for kind in ("full", "partial")
        }
        return {**out, **out_explain}


def _explained(article: GoldArticle, gold: GoldQuote, pred: Predicted) -> str:
    """One speaker miss as a line: what the gold says, what was printed, and the weak
    evidence an abstention kept, so misses can be sorted by cause."""
    s, e = gold.span
    what = "wrong" if pred.speaker is not None else "missing"
    said = f"reported {pred.speaker!r}" if pred.speaker is not None else "abstained"
    if pred.candidate is not None:
        said += f" (possibly {pred.candidate!r}"
        said += f", {pred.basis} {pred.confidence:.2f})"
    quote = article.text[s:e][:80]
    return f"{article.id} speaker {what}: gold {gold.speaker!r}, {said}: {quote!r}"


# --- systems ---------------------------------------------------------------------------------


def article_of(gold: GoldArticle) -> Article:
    """The plain text as an Article: non-blank lines become paragraphs, offsets kept in a map."""
    from storylens.clean.text import assemble, line_spans

    raw = RawDocument(source=gold.id, raw=gold.text)
    return assemble(raw, line_spans(gold.text)).model_copy(update={"id": gold.id})


def storylens_quotes(article: Article, models: Models, config: Config) -> list[Predicted]:
    from storylens.quotes import quote_mentions

    story = Story(id=article.id, title="", articles=[article])
    out = []
    for m in quote_mentions(story, models, config.quotes):
        raw = article.raw_span_of(m.span)
        if raw is not None:
            out.append(Predicted(raw, m.speaker, m.candidate, m.basis, m.confidence))
    return out


def textacy_quotes(article: Article, models: Models) -> list[Predicted]:
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise EvaluationError(
            "the textacy baseline needs textacy: pip install -e '.[dev]'"
        ) from exc
    doc = models.doc(article)
    try:
        found = [(0, t) for t in direct_quotations(doc)]
    except ValueError:
        # textacy refuses a whole doc with an odd number of quote marks; give it its best
        # chance: each paragraph on its own (a Span.as_doc keeps the parse), those it accepts
        found = []
        for para in _blocks(doc):
            try:
                found += [(para.start_char, t) for t in direct_quotations(para.as_doc())]
            except ValueError:
                continue
    out = []
    text = article.text
    for offset, triple in found:
        content = triple.content
        start, end = offset + content.start_char, offset + content.end_char
        while start < end and (text[start] in "\"'“”‘’«»" or text[start].isspace()):
            start += 1
        while end > start and (text[end - 1] in "\"'“”‘’«»" or text[end - 1].isspace()):
            end -= 1
        raw = article.raw_span_of((start, end))
        if raw is None:
            continue
        speaker = " ".join(t.text for t in triple.speaker) or None
        out.append(Predicted(raw, speaker))
    return out


def _blocks(doc: Doc) -> list[SpacySpan]:
    """The doc's paragraphs (blank-line separated) as token spans."""
    out = []
    start = 0
    for m in [*re.finditer(r"\n\s*\n", doc.text), None]:
        stop = m.start() if m else len(doc.text)
        span = doc.char_span(start, stop, alignment_mode="expand")
        if span is not None and len(span):
            out.append(span)
        start = m.end() if m else stop
    return out


def _articles(
    sets: dict[str, Callable[[], list[GoldArticle]]], limit: int | None
) -> Iterator[tuple[str, list[GoldArticle]]]:
    for name, load in sets.items():
        articles = load()
        yield name, articles[:limit] if limit else articles


def evaluate(
    data: Path,
    *,
    split: str = "dev",
    limit: int | None = None,
    baseline: bool = True,
    models: Models | None = None,
    explain: bool = False,
) -> dict[str, Any]:
    """Figures per set for StoryLens and (``baseline``) textacy; ``limit`` articles per set;
    ``explain`` adds to StoryLens's figures one line per speaker missed or wrong."""
    sets = find_sets(data, split)
    if not sets:
        raise EvaluationError(
            f"no quote sets under {data}: expected quotes-*.json files or polnear/{split}"
        )
    config = Config()
    models = models or Models(config)
    result: dict[str, Any] = {"sets": {}}
    for name, articles in _articles(sets, limit):
        tallies = {
            s: _Tally([] if explain and s == "storylens" else None)
            for s in SYSTEMS
            if baseline or s == "storylens"
        }
        seconds: dict[str, float] = {"storylens": 0.0, "textacy": 0.0}
        built = [article_of(a) for a in articles]
        models.parse_all(built)
        for gold, article in zip(articles, built, strict=True):
            t0 = time.perf_counter()
            tallies["storylens"].add(gold, storylens_quotes(article, models, config))
            seconds["storylens"] += time.perf_counter() - t0
            if baseline:
                t0 = time.perf_counter()
                tallies["textacy"].add(gold, textacy_quotes(article, models))
                seconds["textacy"] += time.perf_counter() - t0
        result["sets"][name] = {
            "articles": len(articles),
            **{
                s: {**t.figures(), "seconds_after_parse": round(seconds[s], 2)}
                for s, t in tallies.items()
            },
        }
        if baseline:
            both = tallies["storylens"].outcomes.keys() & tallies["textacy"].outcomes.keys()
            result["sets"][name]["speaker_accuracy_on_quotes_both_found"] = {
                "quotes": len(both),
                **{
                    s: round(sum(t.outcomes[k] for k in both) / len(both), 3) if both else None
                    for s, t in tallies.items()
                },
            }
    result["notes"] = (
        "spans trimmed of whitespace and ,;:.!?… at both ends; overlap = one-to-one matching of "
        "spans sharing a character; speaker accuracy on overlap matches (last word or word-subset "
        "rule, titles dropped; gold sources naming no one (pronouns, descriptions) left out); "
        "attributed_recall = gold quotes found with the right speaker / scorable gold quotes"
    )
    return result
