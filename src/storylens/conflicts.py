"""The same slot given different values across articles, each value with the articles giving it.

Conflicts come from independent finders, one per kind of slot, listed in ``FINDERS``; a finder
reads the story (its quotes, claims, articles) and returns conflicts whose every value points at
the exact characters of each article that gives it. Two finders read the quotes (where a quote
was said, who said it); one reads the aligned claims and compares the details their sources give
(amounts, dates, places, negation; see :mod:`storylens.slots` for when two values agree).

Quote settings are compared modestly, as a reader would: "at the Nato Summit in The Hague" and
"while heading to a NATO summit" differ in substance (at the event vs on the way to it), but
"while heading to a NATO summit" and "aboard Air Force One while en route to a crucial NATO
summit in the Netherlands" only differ in detail. A setting is reduced to a *mode* (``transit``
when it says en route, heading to, on the way, aboard, flying ...; ``at`` otherwise) and its
content words; two settings are the same when their modes agree and one's content words contain
the other's, or they name the same occasion (summit, rally, interview ...) and share another
word. No geography is known: "in The Hague" and "in the Netherlands" only agree through a shared
occasion.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from storylens.claims import outlet_key
from storylens.nlp import Models
from storylens.quotes import canonical_speakers, said_where_when, same_words
from storylens.records import (
    Article,
    Claim,
    Conflict,
    ConflictSpan,
    ConflictValue,
    Quote,
    QuoteVariant,
    Story,
)
from storylens.slots import Statement, disagreements, geography

Finder = Callable[[Story, Models], list[Conflict]]

_TRANSIT = re.compile(
    r"\b(?:en route|heading|headed|on (?:his|her|their|the|its) way|travel+ing|flying|aboard|"
    r"on board|in flight|departing|leaving|returning)\b",
    re.IGNORECASE,
)
_OCCASIONS = frozenset(
    [
        "summit",
        "conference",
        "briefing",
        "rally",
        "meeting",
        "interview",
        "statement",
        "speech",
        "address",
        "hearing",
        "session",
        "event",
        "ceremony",
        "visit",
        "trip",
        "flight",
        "debate",
        "talks",
        "forum",
        "gathering",
    ]
)
_FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "at",
        "in",
        "on",
        "of",
        "to",
        "for",
        "with",
        "from",
        "while",
        "during",
        "aboard",
        "board",
        "en",
        "route",
        "heading",
        "headed",
        "way",
        "his",
        "her",
        "their",
        "its",
        "travelling",
        "traveling",
        "flying",
        "departing",
        "leaving",
        "returning",
        "inside",
        "outside",
        "sidelines",
        "crucial",
        "key",
        "major",
        "big",
    ]
)
_ABOUT_WORDS = 10


def find_conflicts(story: Story, models: Models) -> list[Conflict]:
    conflicts: list[Conflict] = []
    for finder in FINDERS:
        conflicts += finder(story, models)
    return conflicts


def _about(quote: Quote) -> str:
    words = quote.text.split()
    short = " ".join(words[:_ABOUT_WORDS])
    return short + ("…" if len(words) > _ABOUT_WORDS else "")


# --- where a quote was said -----------------------------------------------------------------


@dataclass
class _Setting:
    mode: str
    words: set[str]
    phrase: str
    spans: list[ConflictSpan]
    articles: list[str]


def _setting_words(phrase: str) -> set[str]:
    words = {re.sub(r"[^\w]", "", w.lower()) for w in phrase.split()}
    return {w for w in words if w and w not in _FILLER}


def _same_setting(a: _Setting, mode: str, words: set[str]) -> bool:
    if a.mode != mode:
        return False
    if a.words <= words or words <= a.words:
        return True
    shared = a.words & words
    return bool(shared & _OCCASIONS) and len(shared) >= 2


def quote_context_conflicts(story: Story, models: Models) -> list[Conflict]:
    """Quotes whose outlets place the speaking at substantially different settings."""
    conflicts: list[Conflict] = []
    for quote in story.quotes:
        settings: list[_Setting] = []
        for variant in quote.variants:
            if not variant.said_where:
                continue
            article = story.article(variant.article)
            where, _ = said_where_when(article, variant.span, variant.speaker)
            if where is None or where.text != variant.said_where:
                continue
            span = ConflictSpan(article=article.id, span=where.span, text=where.text)
            mode = "transit" if _TRANSIT.search(where.text) else "at"
            words = _setting_words(where.text)
            same = next((s for s in settings if _same_setting(s, mode, words)), None)
            if same is None:
                settings.append(_Setting(mode, words, where.text, [span], [article.id]))
                continue
            same.spans.append(span)
            if article.id not in same.articles:
                same.articles.append(article.id)
            same.words |= words
            if len(where.text) > len(same.phrase):
                same.phrase = where.text
        if len(settings) >= 2:
            conflicts.append(
                Conflict(
                    kind="quote_context",
                    about=_about(quote),
                    values=[
                        ConflictValue(value=s.phrase, articles=s.articles, spans=s.spans)
                        for s in settings
                    ],
                )
            )
    return conflicts


# --- who said a quote -----------------------------------------------------------------------


def _speaker_span(article: Article, variant: QuoteVariant) -> ConflictSpan:
    """The words naming the speaker, or the quote itself when the name came from elsewhere."""
    mention = variant.attribution.mention
    if mention is None:
        return ConflictSpan(article=article.id, span=variant.span, text=variant.text)
    return ConflictSpan(article=article.id, span=mention.span, text=mention.text)


_CONFLICT_WORDS = 4


def speaker_conflicts(story: Story, models: Models) -> list[Conflict]:
    """The same words confidently credited to different people by different articles.

    The quote stage keeps variants of one quote under one speaker, so such words arrive as
    separate quotes with the same text; a variant counts only when its attribution is
    "attributed" (an unsure "possibly X" is no side of a conflict). Each value points at the
    words that name the speaker (the attribution's mention), else at the quote itself.
    """
    sides = [
        (q, v)
        for q in story.quotes
        for v in q.variants
        if v.speaker and v.attribution.status == "attributed"
    ]
    if len({v.article for _, v in sides}) < 2:
        return []
    canonical = canonical_speakers(story, models)
    conflicts: list[Conflict] = []
    done: set[str] = set()
    for quote in story.quotes:
        if quote.id in done or not quote.speaker or len(quote.text.split()) < _CONFLICT_WORDS:
            continue  # "good talk" may well come from two people
        same = [q for q in story.quotes if q.speaker and same_words(quote.text, q.text)]
        values: dict[str, ConflictValue] = {}
        for q, variant in sides:
            if q not in same or variant.speaker is None:
                continue
            name = canonical.get(variant.speaker, variant.speaker)
            article = story.article(variant.article)
            value = values.setdefault(name, ConflictValue(value=name, articles=[], spans=[]))
            if article.id not in value.articles:
                value.articles.append(article.id)
            value.spans.append(_speaker_span(article, variant))
        done |= {q.id for q in same}
        articles = {a for v in values.values() for a in v.articles}
        if len(values) >= 2 and len(articles) >= 2:
            conflicts.append(
                Conflict(kind="speaker", about=_about(quote), values=list(values.values()))
            )
    return conflicts


# --- details of aligned statements ----------------------------------------------------------


def _claim_about(claim: Claim, slot: str) -> str:
    words = claim.text.split()
    short = " ".join(words[:_ABOUT_WORDS]) + ("…" if len(words) > _ABOUT_WORDS else "")
    return f"{slot}: {short}"


def claim_slot_conflicts(story: Story, models: Models) -> list[Conflict]:
    """Amounts, dates and polarity that aligned statements of different outlets give differently.

    Only statements the claims stage aligned are compared, so two figures are set side by side
    only when the sentences report the same thing; how values are read and when two agree is
    in :mod:`storylens.slots` (6,000 = six thousand, "on Tuesday" = the date it resolves to).
    """
    conflicts: list[Conflict] = []
    geo = geography(story.articles, models)
    for claim in story.claims:
        if claim.support < 2:
            continue
        statements = []
        for source in claim.sources:
            article = story.article(source.article)
            statements.append(Statement(outlet_key(story, article), article, source.span))
        for found in disagreements(statements, models, geo):
            values = []
            for v in found.values:
                articles = list(dict.fromkeys(a.id for a, _ in v.places))
                spans = [
                    ConflictSpan(article=a.id, span=sp, text=a.slice(sp)) for a, sp in v.places
                ]
                values.append(ConflictValue(value=v.label, articles=articles, spans=spans))
            conflicts.append(
                Conflict(kind=found.kind, about=_claim_about(claim, found.slot), values=values)
            )
    return conflicts


FINDERS: list[Finder] = [quote_context_conflicts, speaker_conflicts, claim_slot_conflicts]
"""Every kind of conflict the story is checked for."""
