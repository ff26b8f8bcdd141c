"""What the Markdown and HTML renderers share: reference numbering, span marking, diff runs.

Both renderers must number the same citations the same way and mark the same characters, so
that a reader can compare the two outputs (and the tests can check them) item by item. The
logic lives here once; each renderer only decides how an event looks in its own syntax.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePath
from typing import Literal
from urllib.parse import urlparse

from storylens.records import Article, Claim, Quote, QuoteVariant, Story, SummarySentence

Op = Literal["=", "+", "-"]
RefKind = Literal["summary", "conflict", "quote", "claim"]


@dataclass(frozen=True)
class Ref:
    """One numbered reference: an exact character range of one article."""

    number: int
    article_id: str
    article_index: int
    span: tuple[int, int]
    text: str
    label: str
    ref_anchor: str
    cite_anchor: str
    article_anchor: str
    kind: RefKind = "summary"


@dataclass
class StoryRefs:
    """The references of one story, numbered in the order the reader meets them."""

    story: Story
    story_index: int
    labels: dict[str, str]
    refs: list[Ref] = field(default_factory=list)
    _by_key: dict[tuple[str, tuple[int, int]], Ref] = field(default_factory=dict)
    _index: dict[str, int] = field(default_factory=dict)

    def article_anchor(self, article_id: str) -> str:
        return f"s{self.story_index}-art-{self._index.get(article_id, 0)}"

    def add(self, article_id: str, span: tuple[int, int], kind: RefKind) -> Ref | None:
        """Number ``span`` of ``article_id``; the same range cited twice keeps one number.

        Returns None for an article the story does not hold or a span outside its text, so a
        faulty stage costs one link, not the whole report.
        """
        key = (article_id, (int(span[0]), int(span[1])))
        if key in self._by_key:
            return self._by_key[key]
        index = self._index.get(article_id)
        if index is None:
            return None
        article = self.story.articles[index - 1]
        start, end = key[1]
        if not 0 <= start <= end <= len(article.text):
            return None
        n = len(self.refs) + 1
        prefix = f"s{self.story_index}"
        ref = Ref(
            number=n,
            article_id=article_id,
            article_index=index,
            span=key[1],
            text=article.text[start:end],
            label=self.labels[article_id],
            ref_anchor=f"{prefix}-ref-{n}",
            cite_anchor=f"{prefix}-cite-{n}",
            article_anchor=f"{prefix}-art-{index}",
            kind=kind,
        )
        self.refs.append(ref)
        self._by_key[key] = ref
        return ref

    def get(self, article_id: str, span: tuple[int, int]) -> Ref | None:
        return self._by_key.get((article_id, (int(span[0]), int(span[1]))))

    def for_article(self, article_id: str) -> list[Ref]:
        return [r for r in self.refs if r.article_id == article_id]


def build_refs(story: Story, story_index: int) -> StoryRefs:
    """Number every cited range in reading order: summary, differences, quotes, claims."""
    refs = StoryRefs(story=story, story_index=story_index, labels=article_labels(story.articles))
    refs._index = {a.id: i for i, a in enumerate(story.articles, 1)}
    for section in ("lead", "differ"):
        for sentence in story.summary:
            if sentence.section == section:
                for c in sentence.citations:
                    refs.add(c.article, c.span, "summary")
    for conflict in story.conflicts:
        for value in conflict.values:
            for sp in value.spans:
                refs.add(sp.article, sp.span, "conflict")
    for sentence in story.summary:
        if sentence.section == "only":
            for c in sentence.citations:
                refs.add(c.article, c.span, "summary")
    for quote in story.quotes:
        for v in quote.variants:
            for span in v.parts or [v.span]:
                refs.add(v.article, span, "quote")
    for claim in story.claims:
        for s in claim.sources:
            refs.add(s.article, s.span, "claim")
    return refs


def lone_outlet(labels: dict[str, str], sentence: SummarySentence) -> str | None:
    """The one outlet behind a lead sentence, when the story has several: the lead fills its
    budget with single-source facts after the corroborated ones, and a reader must be able
    to tell the two apart without counting citations."""
    who = {labels.get(c.article, c.article) for c in sentence.citations}
    if len(who) == 1 and len(set(labels.values())) > 1:
        return who.pop()
    return None


def variant_pieces(story: Story, variant: QuoteVariant) -> list[tuple[tuple[int, int], str]]:
    """The pieces of a quote variant as (span, exact text): one, or every piece of an utterance
    broken by attribution or run over paragraphs, so each can be shown and cited on its own."""
    article = next((a for a in story.articles if a.id == variant.article), None)
    if article is None or not variant.parts:
        return [(variant.span, variant.text)]
    return [(span, article.text[span[0] : span[1]]) for span in variant.parts]


def article_labels(articles: Sequence[Article]) -> dict[str, str]:
    """A short, unique name per article: the outlet, else the host, the byline, or the file name.

    A byline is not an outlet, but "Sarah Morgan" tells a reader more than a hash-named file.
    """
    labels: dict[str, str] = {}
    seen: dict[str, int] = {}
    for a in articles:
        base = a.outlet or _host(a.url) or a.byline or PurePath(a.source.split("#")[0]).name or a.id
        seen[base] = seen.get(base, 0) + 1
        labels[a.id] = base if seen[base] == 1 else f"{base} ({seen[base]})"
    return labels


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


def fmt_dt(dt: datetime | None) -> str:
    """Minutes and the UTC offset: enough to order reports, and never hides the time zone."""
    if dt is None:
        return "unknown"
    text = dt.strftime("%Y-%m-%d %H:%M")
    offset = dt.strftime("%z")
    if offset:
        text += f" {offset[:3]}:{offset[3:5]}"
    return text


def fmt_value(value: float | int | str | bool | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def humanize(name: str) -> str:
    return name.replace("_", " ").strip()


STATUS_LABEL = {
    "corroborated": "corroborated",
    "single_source": "single source",
    "disputed": "disputed",
}


def claim_counts(claims: Iterable[Claim]) -> dict[str, int]:
    counts = {"corroborated": 0, "single_source": 0, "disputed": 0}
    for c in claims:
        counts[c.status] = counts.get(c.status, 0) + 1
    return counts


def outlets(story: Story) -> list[str]:
    """Distinct outlet labels, duplicates of another article left out."""
    labels = article_labels(story.articles)
    names: list[str] = []
    for a in story.articles:
        name = a.outlet or labels[a.id]
        if a.duplicate_of is None and name not in names:
            names.append(name)
    return names


# --- marking cited spans inside article text ----------------------------------------------


@dataclass(frozen=True)
class Event:
    """One step of rendering an article: text to show, or a mark opening or closing.

    ``first`` is true on the opening that starts a reference, which is where its anchor goes.
    """

    kind: Literal["text", "open", "close"]
    text: str = ""
    ref: Ref | None = None
    first: bool = False


def mark_events(text: str, refs: Sequence[Ref], *, break_at_newlines: bool) -> list[Event]:
    """Cut ``text`` at every span boundary and emit properly nested marks.

    Overlapping spans that cross each other cannot nest, so the inner one is closed and
    reopened around the crossing point; every reference still covers exactly its characters
    and the output is well formed. With ``break_at_newlines`` no mark ever contains a line
    break (Markdown cannot carry inline HTML across paragraphs).
    """
    bounds = {0, len(text)}
    live = [r for r in refs if 0 <= r.span[0] <= r.span[1] <= len(text)]
    for r in live:
        bounds.update(r.span)
    if break_at_newlines:
        for m in re.finditer(r"[^\S\n]*\n\s*", text):
            bounds.update((m.start(), m.end()))
    cuts = sorted(bounds)

    events: list[Event] = []
    stack: list[Ref] = []
    opened: set[int] = set()

    def sync(wanted: list[Ref]) -> None:
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] is wanted[keep]:
            keep += 1
        while len(stack) > keep:
            events.append(Event("close", ref=stack.pop()))
        for r in wanted[keep:]:
            events.append(Event("open", ref=r, first=r.number not in opened))
            opened.add(r.number)
            stack.append(r)

    for a, b in itertools.pairwise(cuts):
        piece = text[a:b]
        if break_at_newlines and is_break(piece):
            wanted: list[Ref] = []
        else:
            wanted = sorted(
                (r for r in live if r.span[0] <= a and b <= r.span[1]),
                key=lambda r: (r.span[0], -r.span[1], r.number),
            )
        for r in live:  # empty spans still get their anchor
            if r.span == (a, a) and r.number not in opened:
                sync([*stack, r])
                sync(stack[:-1])
        sync(wanted)
        events.append(Event("text", text=piece))
    sync([])
    for r in live:
        if r.span == (len(text), len(text)) and r.number not in opened:
            sync([r])
            sync([])
    return events


def is_break(piece: str) -> bool:
    """A piece that is only whitespace with a line break in it: where Markdown blocks end."""
    return "\n" in piece and not piece.strip()


# --- quote diffs ---------------------------------------------------------------------------

_NO_SPACE_BEFORE = tuple(",.;:!?)]}”’%…")
_NO_SPACE_AFTER = tuple("([{“‘")


@dataclass(frozen=True)
class Run:
    op: Op | Literal["…"]
    text: str


def diff_runs(diff: Sequence[tuple[Op, str]], *, keep: int = 0) -> list[Run]:
    """Merge a word diff into runs of the same operation, words joined as they read.

    With ``keep`` > 0, unchanged stretches longer than twice ``keep`` words are shortened to
    their first and last ``keep`` words around an ellipsis, so the changes stand out.
    """
    verbatim = any(tok != tok.strip() for _, tok in diff)
    groups: list[tuple[Op, list[str]]] = []
    for op, tok in diff:
        if not verbatim and not tok.strip():
            continue
        if groups and groups[-1][0] == op:
            groups[-1][1].append(tok)
        else:
            groups.append((op, [tok]))
    runs: list[Run] = []
    for i, (op, toks) in enumerate(groups):
        text = _join(toks, verbatim)
        words = text.split()
        if keep and op == "=" and len(words) > 2 * keep + 1 and len(groups) > 1:
            if i > 0:
                runs.append(Run("=", " ".join(words[:keep])))
            runs.append(Run("…", "…"))
            if i < len(groups) - 1:
                runs.append(Run("=", " ".join(words[-keep:])))
        else:
            runs.append(Run(op, text))
    return runs


def _join(tokens: Sequence[str], verbatim: bool) -> str:
    if verbatim:
        return "".join(tokens)
    out = ""
    for tok in tokens:
        if out and not tok.startswith(_NO_SPACE_BEFORE) and not out.endswith(_NO_SPACE_AFTER):
            out += " "
        out += tok
    return out


def spaced(runs: Sequence[Run]) -> list[tuple[Run, str]]:
    """Each run with the separator that goes before it when runs are laid side by side."""
    out: list[tuple[Run, str]] = []
    prev = ""
    for run in runs:
        sep = ""
        if out and not run.text.startswith(_NO_SPACE_BEFORE) and not prev.endswith(_NO_SPACE_AFTER):
            sep = "" if (prev.endswith(" ") or run.text.startswith(" ")) else " "
        out.append((run, sep))
        prev = run.text
    return out


def same_person(a: str | None, b: str | None) -> bool:
    """ "Trump" and "Donald Trump", or "Prefect X Y" and "X Y": one name contains the other."""
    if not a:
        return True
    if not b:
        return False
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return wa <= wb or wb <= wa


def is_verbatim(diff: Sequence[tuple[Op, str]]) -> bool:
    return all(op == "=" for op, _ in diff)


# --- quote attribution --------------------------------------------------------------------


def possibly(quote: Quote) -> str | None:
    """The speaker the rules came closest to for an unattributed quote ("possibly X"): the
    candidate its variants agree on, none when they name different people or nobody."""
    if quote.speaker:
        return None
    candidates = {v.attribution.candidate for v in quote.variants if v.attribution.candidate}
    return candidates.pop() if len(candidates) == 1 else None


def attribution_note(variant: QuoteVariant) -> str | None:
    """Why this outlet's variant names its speaker, or whom it possibly names: the cue and the
    mention as printed (``said`` … ``Mr. Smith's lawyer, Ann Lee``) and the confidence."""
    att = variant.attribution
    if att.mention is None and att.cue is None:
        return None
    parts = []
    if att.cue is not None:
        parts.append(f"“{att.cue.text}”")
    if att.mention is not None:
        parts.append(f"“{att.mention.text}”")
    how = " + ".join(parts)
    if att.status == "attributed":
        return f"attribution: {how} ({att.basis}, confidence {att.confidence:.2f})"
    who = f"possibly {att.candidate}" if att.candidate else "unattributed"
    return f"{who}: {how} ({att.basis}, confidence {att.confidence:.2f}, below the bar to print)"
