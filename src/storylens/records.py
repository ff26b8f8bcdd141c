"""Typed records exchanged by the stages, and the report contract (``report.json`` version 1).

Records flow one way: ``RawDocument`` (ingest) -> ``Article`` (clean) -> ``Story`` (dedup,
cluster, analyse) -> ``Report``. Every item that shows text carries a ``span`` into its
article's ``text`` such that ``article.text[start:end]`` is exactly the string shown; that is
the one invariant of StoryLens, and ``Article.slice`` / ``Article.raw_span_of`` exist so
that stages never compute offsets by hand.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

REPORT_VERSION = 1

# A line's visible part: from its first to its last non-space character.
_NON_BLANK_LINE = re.compile(r"\S(?:[^\r\n]*\S)?")

Span = Annotated[tuple[int, int], Field(description="[start, end) character offsets")]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RawDocument(Record):
    """One input as read, before any interpretation: decoded text or HTML plus what the reader knew."""

    source: str = Field(description="Where it came from: a path, a URL, or path#entry")
    raw: str = Field(description="The decoded input, verbatim (a leading BOM removed)")
    fetched_at: datetime | None = None
    format: Literal["text", "html"] = Field(
        default="text",
        description="How raw is to be cleaned; which reader produced it is in source",
    )
    hints: dict[str, str] = Field(
        default_factory=dict,
        description="Metadata the reader already knows (url, outlet, title, published, byline)",
    )


class Segment(Record):
    """A run of ``Article.text`` copied verbatim from ``raw``: text[text_start:+length] == raw[raw_start:+length]."""

    text_start: int
    raw_start: int
    length: int


class Removed(Record):
    """A line of ``raw`` the cleaner left out of ``text``, kept so a reader can check it."""

    raw_span: Span
    text: str = Field(description="raw[start:end], verbatim")


Genre = Literal["news", "opinion", "analysis", "review"]


class Article(Record):
    """A cleaned article: its main text, metadata, and the map from ``text`` back to ``raw``."""

    id: str
    outlet: str | None = None
    title: str | None = None
    byline: str | None = None
    published: datetime | None = None
    url: str | None = None
    source: str
    language: str | None = None
    words: int = 0
    duplicate_of: str | None = None
    text: str
    raw: str = Field(default="", exclude=True)
    segments: list[Segment] = Field(default_factory=list, exclude=True)
    boilerplate_chars: int = Field(default=0, exclude=True)
    notes: list[str] = Field(
        default_factory=list,
        description="What reading this input took that a reader should know: characters "
        "replaced in decoding, text cut to the analysis limit",
    )
    genre: Genre | None = Field(
        default=None, description="What kind of piece the page says it is (URL path, kicker, type)"
    )
    wire: str | None = Field(
        default=None, description="The news agency credited (dateline or credit line), if any"
    )
    input_id: str | None = Field(default=None, description="The input's own id (a JSONL id)")
    section: str | None = Field(
        default=None,
        description="The section the page is filed under (JSON-LD articleSection, "
        "article:section, the URL path: /politics/)",
    )

    removed: list[Removed] = Field(
        default_factory=list,
        description="Lines of the input left out of text (flattened text only): raw[span] == text",
    )

    @model_validator(mode="after")
    def _removed_from_segments(self) -> Article:
        """``removed`` follows from ``raw`` and ``segments`` (every non-blank stretch of ``raw``
        outside the kept segments), so it is filled in wherever both are known: a stored
        article shows the same list without storing it, and a report read back (no ``raw``)
        keeps the list it carries. HTML articles have no segments: none listed."""
        if self.removed or not self.segments or not self.raw:
            return self
        kept = sorted((s.raw_start, s.raw_start + s.length) for s in self.segments)
        pos = 0
        for start, end in [*kept, (len(self.raw), len(self.raw))]:
            for m in _NON_BLANK_LINE.finditer(self.raw, pos, max(pos, start)):
                self.removed.append(Removed(raw_span=(m.start(), m.end()), text=m.group()))
            pos = max(pos, end)
        return self

    def slice(self, span: tuple[int, int]) -> str:
        return self.text[span[0] : span[1]]

    def raw_span_of(self, span: tuple[int, int]) -> tuple[int, int] | None:
        """The span in ``raw`` holding the same characters, or None when ``span`` crosses a gap."""
        start, end = span
        for seg in self.segments:
            if seg.text_start <= start and end <= seg.text_start + seg.length:
                offset = seg.raw_start - seg.text_start
                return (start + offset, end + offset)
        return None


class Dropped(Record):
    source: str
    reason: str


# --- analysis records (what the report shows) -------------------------------------------


class Citation(Record):
    """A place in an article that a summary sentence was taken from or is supported by."""

    article: str
    span: Span
    text: str


class SummarySentence(Record):
    text: str
    section: Literal["lead", "differ", "only"] = "lead"
    citations: list[Citation]


class Evidence(Record):
    """A span of article text that a finding rests on: ``article.text[span] == text``."""

    span: Span
    text: str


class QuoteAttribution(Record):
    """Why a variant names its speaker, or why it names none: the cue and the speaker mention it
    rests on, and how sure the rule that read them is.

    ``status`` is "attributed" only when ``confidence`` reaches the stage's threshold; below it
    the variant's ``speaker`` is None and the name the rules came closest to is ``candidate``
    (shown as "possibly X"), so a reader can check it rather than trust it.
    """

    status: Literal["attributed", "unattributed"] = "unattributed"
    confidence: float = 0.0
    basis: str | None = Field(
        default=None,
        description="The rule that read the speaker: cue (a speech verb next to the quote and "
        "its named subject), pronoun, description, spokesperson, group, document, continued "
        "(the same utterance or a run of quotes), context (an earlier sentence or paragraph)",
    )
    cue: Evidence | None = None
    mention: Evidence | None = None
    candidate: str | None = Field(
        default=None, description="The speaker the rules came closest to when unattributed"
    )


class QuoteVariant(Record):
    article: str
    text: str
    span: Span
    raw_span: Span | None = None
    speaker: str | None = Field(default=None, description="Speaker as this article names them")
    said_where: str | None = None
    said_when: str | None = None
    parts: list[Span] = Field(
        default_factory=list,
        description="All pieces of the utterance this variant belongs to, in text order, when it "
        "is broken by attribution or runs over paragraphs (this variant's span among them)",
    )
    said_on: date | None = Field(
        default=None,
        description="said_when as a calendar date, relative words resolved against publication",
    )
    diff: list[tuple[Literal["=", "+", "-"], str]] = Field(
        default_factory=list,
        description="Word-level diff against the fullest variant: '=' same, '-' missing here, '+' only here",
    )
    fidelity: float = 1.0
    attribution: QuoteAttribution = Field(default_factory=QuoteAttribution)


class Quote(Record):
    id: str
    speaker: str | None
    text: str
    kind: Literal["full", "partial"] = "full"
    variants: list[QuoteVariant]
    single_source: bool = Field(
        default=False, description="Printed by one independent outlet only (copies count once)"
    )
    scare: bool = Field(
        default=False,
        description="One or two quoted words nobody is reported to have said: a scare quote, "
        "listed apart from the quotations",
    )


ClaimKind = Literal["fact", "attributed", "opinion", "speculation"]
"""``fact``: the outlet states it; ``attributed``: the outlet reports that someone says it (a
named source or a quotation); ``opinion``: a judgement (an opinion piece, or evaluative
wording); ``speculation``: hedged. Only ``fact`` and ``attributed`` rows are news that outlets
corroborate."""


class ClaimSource(Record):
    article: str
    text: str
    span: Span
    attributed_to: str | None = None
    kind: ClaimKind = Field(default="fact", description="How this outlet puts it")
    copy_of: str | None = Field(
        default=None,
        description="Article whose sentence this one repeats verbatim (a duplicate page or a "
        "wire copy): listed, but not an independent source",
    )


class Claim(Record):
    id: str
    text: str
    status: Literal["corroborated", "single_source", "disputed"]
    kind: ClaimKind = "fact"
    support: int = Field(description="Independent outlets reporting it (duplicates count once)")
    sources: list[ClaimSource]
    independence: str = Field(
        default="",
        description='How the support was counted, e.g. "2 outlets, 1 wire copy"',
    )


class ConflictSentence(Record):
    """The whole sentence a conflicting value was read from, so a reader sees it in context."""

    span: Span
    text: str


class ConflictSpan(Record):
    article: str
    span: Span
    text: str
    sentence: ConflictSentence | None = Field(
        default=None, description="The sentence holding the value (span into the same article)"
    )


class ConflictValue(Record):
    value: str
    articles: list[str]
    spans: list[ConflictSpan]


class Conflict(Record):
    kind: str = Field(
        description="number, time, place, person, negation, other; speaker and quote_context "
        "for quotes"
    )
    about: str
    values: list[ConflictValue]
    slot: str = Field(
        default="",
        description="What the values are values of, in words: 'number of cases confirmed', "
        "'date of the shareholder vote'",
    )
    claim: str | None = Field(
        default=None, description="Id of the disputed claim whose sources give the values"
    )


class Signal(Record):
    value: float | int | str | bool | None
    evidence: list[str] = Field(default_factory=list)


class SourceSignals(Record):
    article: str
    signals: dict[str, Signal]


class Story(Record):
    id: str
    title: str
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    articles: list[Article]
    summary: list[SummarySentence] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    sources: list[SourceSignals] = Field(default_factory=list)

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)

    def independent_articles(self) -> list[Article]:
        """Articles that count as separate sources: duplicates and syndicated copies are left out."""
        return [a for a in self.articles if a.duplicate_of is None]


class Report(Record):
    version: int = REPORT_VERSION
    stories: list[Story] = Field(default_factory=list)
    dropped: list[Dropped] = Field(default_factory=list)
