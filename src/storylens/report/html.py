"""The report as one standalone HTML page (inline CSS, no script, no external assets).

All article-derived strings reach the page through Jinja2 with autoescaping on; this module
builds plain data for the template and never assembles markup itself, so untrusted article
text cannot become markup however it is cut.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from storylens.records import Article, Claim, Quote, QuoteVariant, Report, Story, SummarySentence
from storylens.report._shared import (
    STATUS_LABEL,
    Ref,
    StoryRefs,
    attribution_note,
    build_refs,
    claim_counts,
    diff_runs,
    fmt_dt,
    fmt_value,
    humanize,
    is_verbatim,
    lone_outlet,
    mark_events,
    outlets,
    plural,
    possibly,
    same_person,
    spaced,
    variant_pieces,
)

View = dict[str, Any]


@cache
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("storylens.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(report: Report) -> str:
    stories = [_story_view(story, i) for i, story in enumerate(report.stories, 1)]
    title = stories[0]["title"] if len(stories) == 1 else "StoryLens report"
    return (
        _env()
        .get_template("report.html")
        .render(title=title, stories=stories, dropped=report.dropped, version=report.version)
    )


def safe_url(url: str | None) -> str | None:
    """Only web links become hrefs: a ``javascript:`` URL in scraped metadata stays inert text."""
    if url and re.match(r"https?://", url, re.IGNORECASE):
        return url
    return None


def _cite(ref: Ref | None) -> View | None:
    if ref is None:
        return None
    return {
        "n": ref.number,
        "href": f"#{ref.cite_anchor}",
        "title": f"[{ref.number}] {ref.label}: “{ref.text}”",
    }


def _cites(refs: StoryRefs, pairs: Sequence[tuple[str, tuple[int, int]]]) -> list[View]:
    return [c for c in (_cite(refs.get(a, s)) for a, s in pairs) if c is not None]


def _sentence(refs: StoryRefs, s: SummarySentence) -> View:
    who = sorted({refs.labels.get(c.article, c.article) for c in s.citations})
    return {
        "text": s.text,
        "who": ", ".join(who),
        "lone": lone_outlet(refs.labels, s) if s.section == "lead" else None,
        "cites": _cites(refs, [(c.article, c.span) for c in s.citations]),
    }


def _story_view(story: Story, index: int) -> View:
    refs = build_refs(story, index)
    counts = claim_counts(story.claims)
    return {
        "anchor": f"s{index}",
        "index": index,
        "title": story.title,
        "n_articles": plural(len(story.articles), "article"),
        "outlets": outlets(story),
        "first_seen": fmt_dt(story.first_seen),
        "last_seen": fmt_dt(story.last_seen),
        "stats": [
            plural(len(story.quotes), "quote"),
            plural(len(story.claims), "claim"),
            f"{counts['corroborated']} corroborated",
            f"{counts['single_source']} single-source",
            f"{counts['disputed']} disputed",
            plural(len(story.conflicts), "conflict"),
            plural(len(refs.refs), "cited passage"),
        ],
        "lead": [_sentence(refs, s) for s in story.summary if s.section == "lead"],
        "differ": [_sentence(refs, s) for s in story.summary if s.section == "differ"],
        "only": [_sentence(refs, s) for s in story.summary if s.section == "only"],
        "conflicts": [
            {
                "anchor": _conflict_anchor(refs, k),
                "kind": humanize(c.kind).capitalize(),
                "about": c.about,
                "options": [
                    {
                        "value": v.value,
                        "givers": [
                            {
                                "label": refs.labels.get(a, a),
                                "cites": _cites(
                                    refs,
                                    [(sp.article, sp.span) for sp in v.spans if sp.article == a],
                                ),
                            }
                            for a in v.articles
                        ],
                        "sentences": list(
                            dict.fromkeys(sp.sentence.text for sp in v.spans if sp.sentence)
                        ),
                    }
                    for v in c.values
                ],
            }
            for k, c in enumerate(story.conflicts)
        ],
        "quotes": [_quote_view(refs, q) for q in story.quotes],
        "columns": [refs.labels[a.id] for a in story.articles],
        "shared_claims": [
            _claim_view(refs, c) for c in story.claims if c.status != "single_source"
        ],
        "single_claims": [
            _claim_view(refs, c) for c in story.claims if c.status == "single_source"
        ],
        "sources": _sources_view(refs),
        "refs": [
            {
                "n": r.number,
                "anchor": r.ref_anchor,
                "href": f"#{r.cite_anchor}",
                "label": r.label,
                "span": r.span,
                "text": r.text,
            }
            for r in refs.refs
        ],
        "articles": [
            {
                "anchor": refs.article_anchor(a.id),
                "index": i,
                "label": refs.labels[a.id],
                "title": a.title,
                "events": _article_events(a, refs.for_article(a.id)),
                "removed": [{"span": r.raw_span, "text": r.text} for r in a.removed],
            }
            for i, a in enumerate(story.articles, 1)
        ],
    }


def _conflict_anchor(refs: StoryRefs, k: int) -> str:
    return f"s{refs.story_index}-conflict-{k + 1}"


def _claim_view(refs: StoryRefs, c: Claim) -> View:
    k = next((k for k, x in enumerate(refs.story.conflicts) if x.claim == c.id), None)
    return {
        "conflict": _conflict_anchor(refs, k) if k is not None else None,
        "text": c.text,
        "kind": c.kind,
        "status": c.status,
        "status_label": STATUS_LABEL.get(c.status, c.status),
        "support": c.support,
        "chains": sorted({s.attributed_to for s in c.sources if s.attributed_to}),
        "independence": c.independence,
        "cells": [
            _cites(refs, [(s.article, s.span) for s in c.sources if s.article == a.id])
            for a in refs.story.articles
        ],
        # what a fact-checker compares: each outlet's own sentence, who it credits, how it
        # puts it, and whether it is a copy of another source
        "said": [
            [
                {
                    "text": s.text,
                    "who": s.attributed_to,
                    "kind": s.kind,
                    "copy_of": refs.labels.get(s.copy_of, s.copy_of) if s.copy_of else None,
                    "cite": _cite(refs.get(s.article, s.span)),
                }
                for s in c.sources
                if s.article == a.id
            ]
            for a in refs.story.articles
        ],
    }


def _quote_view(refs: StoryRefs, quote: Quote) -> View:
    variants = []
    for v in quote.variants:
        runs = [
            {"op": run.op, "sep": sep, "text": run.text} for run, sep in spaced(diff_runs(v.diff))
        ]
        pieces = variant_pieces(refs.story, v)
        variants.append(
            {
                "label": refs.labels.get(v.article, v.article),
                "cite": _cite(refs.get(v.article, v.span)) if len(pieces) == 1 else None,
                # one utterance in pieces: each shown and cited where it stands
                "pieces": [{"text": t, "cite": _cite(refs.get(v.article, s))} for s, t in pieces]
                if len(pieces) > 1
                else [],
                "speaker": v.speaker if not same_person(v.speaker, quote.speaker) else None,
                "evidence": attribution_note(v),
                "evidence_spans": _evidence_title(v),
                "where": v.said_where,
                "when": v.said_when,
                "fidelity": f"{v.fidelity:.2f}",
                "verbatim": bool(v.diff) and is_verbatim(v.diff),
                "runs": []
                if len(pieces) > 1 and (not v.diff or is_verbatim(v.diff))
                else runs
                if v.diff
                else [{"op": "=", "sep": "", "text": v.text}],
            }
        )
    return {
        "speaker": quote.speaker,
        "possibly": possibly(quote),
        "kind": quote.kind,
        "text": quote.text,
        "scare": quote.scare,
        "variants": variants,
    }


def _evidence_title(v: QuoteVariant) -> str | None:
    """Hover text: where in the article the cue and the mention stand (character offsets)."""
    att = v.attribution
    spans = [
        f"{name} [{ev.span[0]}, {ev.span[1]})"
        for name, ev in (("cue", att.cue), ("mention", att.mention))
        if ev is not None
    ]
    return "; ".join(spans) or None


def _sources_view(refs: StoryRefs) -> list[View]:
    signals = {s.article: s.signals for s in refs.story.sources}
    out = []
    for i, a in enumerate(refs.story.articles, 1):
        out.append(
            {
                "index": i,
                "label": refs.labels[a.id],
                "title": a.title,
                "byline": a.byline,
                "published": fmt_dt(a.published),
                "genre": a.genre,
                "wire": a.wire,
                "input_id": a.input_id,
                "words": f"{a.words:,}",
                "url": safe_url(a.url),
                "raw_url": a.url,
                "source": a.source,
                "anchor": refs.article_anchor(a.id),
                "duplicate_of": refs.labels.get(a.duplicate_of, a.duplicate_of)
                if a.duplicate_of
                else None,
                "signals": [
                    {"name": humanize(name), "value": fmt_value(s.value), "evidence": s.evidence}
                    for name, s in signals.get(a.id, {}).items()
                ],
            }
        )
    return out


def _article_events(article: Article, refs: Sequence[Ref]) -> list[View]:
    out: list[View] = []
    for ev in mark_events(article.text, refs, break_at_newlines=False):
        if ev.kind == "open" and ev.ref is not None:
            out.append(
                {
                    "kind": "open",
                    "id": ev.ref.cite_anchor if ev.first else None,
                    "cite": ev.ref.cite_anchor,
                    "cls": ev.ref.kind,
                    "n": ev.ref.number if ev.first else None,
                    "num": ev.ref.number,
                    "ref": f"#{ev.ref.ref_anchor}",
                }
            )
        elif ev.kind == "close":
            out.append({"kind": "close"})
        else:
            out.append({"kind": "text", "text": ev.text})
    return out
