"""Per-source signals: transparent figures, each with the evidence it was computed from.

A signal is never a verdict on an outlet. It is a count or a share a reader can recompute
from the evidence listed with it (the sentences, lines or words involved), so that a
fact-checker sees *why* a figure is high or low. A share with nothing to divide is ``None``.

Signals (all per article):

* ``corroborated_share`` — of its fact claims, the share that 2+ independent outlets make.
* ``unique_claims`` — its fact claims no other outlet makes; evidence: those sentences.
* ``hedging_rate`` — share of its statements typed speculation or opinion (cue words, see
  ``storylens.claims``); evidence: examples.
* ``attribution_rate`` — share of its fact statements that name a source ("Fox News
  reported", "according to ..."); evidence: the attributions found.
* ``quote_fidelity`` — mean fidelity of its variants of quotes that 2+ articles carry.
* ``headline_supported`` — share of the headline's content words (lemmas, stop words left
  out) found in its own body; evidence: the missing words and whether other articles have them.
* ``boilerplate_share`` — characters the cleaner removed / non-whitespace characters of raw.
* ``unverifiable_attributions`` — bare "Source: X" lines in the raw page (a name, no link or
  document); evidence: the lines.
"""

from __future__ import annotations

import re

from storylens.claims import CORROBORATING_KINDS, Unit, statement_units
from storylens.nlp import Models
from storylens.records import Article, Claim, Signal, SourceSignals, Story

EXAMPLES = 5
"""Evidence lists are capped: enough to check the figure, short enough to read."""

_SOURCE_LINE = re.compile(
    r"^[ \t]*(?:source|sources|via|credit|credits)[ \t]*:[ \t]*(\S[^\r\n]*)$",
    re.IGNORECASE | re.MULTILINE,
)
_LINK = re.compile(r"https?://|www\.|\.(?:com|org|net|gov|pdf)\b", re.IGNORECASE)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _claims_of(story: Story, article: Article) -> list[Claim]:
    return [c for c in story.claims if any(s.article == article.id for s in c.sources)]


def _sentence_in(claim: Claim, article: Article) -> str:
    return next(s.text for s in claim.sources if s.article == article.id)


def corroborated_share(story: Story, article: Article) -> Signal:
    facts = [c for c in _claims_of(story, article) if c.kind in CORROBORATING_KINDS]
    agreed = [c for c in facts if c.status == "corroborated"]
    evidence = [f"{len(agreed)} of {len(facts)} fact claims made by 2+ independent outlets"]
    evidence += [_sentence_in(c, article) for c in agreed[:EXAMPLES]]
    return Signal(value=_share(len(agreed), len(facts)), evidence=evidence)


def unique_claims(story: Story, article: Article) -> Signal:
    if article.duplicate_of is not None:
        return Signal(value=0, evidence=[f"copy of {article.duplicate_of}: claims counted there"])
    only = [
        c
        for c in _claims_of(story, article)
        if c.kind in CORROBORATING_KINDS and c.support < 2 and c.status != "disputed"
    ]
    return Signal(value=len(only), evidence=[_sentence_in(c, article) for c in only])


def hedging_rate(units: list[Unit]) -> Signal:
    hedged = [u for u in units if u.kind not in CORROBORATING_KINDS]
    evidence = [f"{len(hedged)} of {len(units)} statements typed speculation or opinion"]
    evidence += [f"{u.kind}: {u.text}" for u in hedged[:EXAMPLES]]
    return Signal(value=_share(len(hedged), len(units)), evidence=evidence)


def attribution_rate(units: list[Unit]) -> Signal:
    facts = [u for u in units if u.kind in CORROBORATING_KINDS]
    attributed = [u for u in facts if u.attributed_to]
    evidence = [f"{len(attributed)} of {len(facts)} fact statements name a source"]
    evidence += [f"{u.attributed_to}: {u.text}" for u in attributed[:EXAMPLES]]
    return Signal(value=_share(len(attributed), len(facts)), evidence=evidence)


def quote_fidelity(story: Story, article: Article) -> Signal:
    scores: list[float] = []
    evidence: list[str] = []
    for quote in story.quotes:
        if len({v.article for v in quote.variants}) < 2:
            continue
        for v in quote.variants:
            if v.article == article.id:
                scores.append(v.fidelity)
                if v.fidelity < 1.0 and len(evidence) < EXAMPLES:
                    evidence.append(f"{v.fidelity:.2f}: {v.text}")
    if not scores:
        return Signal(value=None, evidence=["no quote shared with another article"])
    head = f"mean over {len(scores)} quote variants shared with other articles"
    return Signal(value=round(sum(scores) / len(scores), 3), evidence=[head, *evidence])


def _lemmas(models: Models, text: str) -> list[str]:
    doc = models.parse_text(text)
    return [t.lemma_.lower() for t in doc if t.is_alpha and not t.is_stop and len(t.text) > 1]


def headline_supported(story: Story, article: Article, models: Models) -> Signal:
    """Share of headline content words that the body repeats. The headline itself is cut out of
    the body first (cleaners may keep it as the first line), so it cannot support itself."""
    title = (article.title or "").strip()
    if not title:
        return Signal(value=None, evidence=["no headline found"])
    words = list(dict.fromkeys(_lemmas(models, title)))
    if not words:
        return Signal(value=None, evidence=["headline has no content words"])
    body = {
        t.lemma_.lower()
        for t in models.doc(article)
        if t.is_alpha and not _inside_headline(article.text, title, t.idx)
    }
    missing = [w for w in words if w not in body]
    others: set[str] = set()
    for other in story.independent_articles():
        if other.id != article.id:
            others.update(t.lemma_.lower() for t in models.doc(other) if t.is_alpha)
    evidence = [f"headline: {title}"]
    if missing:
        evidence.append("not in its body: " + ", ".join(missing))
        elsewhere = [w for w in missing if w in others]
        if elsewhere:
            evidence.append("of those, in other articles: " + ", ".join(elsewhere))
    return Signal(value=_share(len(words) - len(missing), len(words)), evidence=evidence)


def _inside_headline(text: str, title: str, pos: int) -> bool:
    start = text.find(title)
    while start >= 0:
        if start <= pos < start + len(title):
            return True
        start = text.find(title, start + 1)
    return False


def boilerplate_share(article: Article) -> Signal:
    """``boilerplate_chars`` over the non-space characters of raw; when the cleaner's count is
    out of range (it counted kept spaces), the non-space characters missing from the text."""
    total = len("".join(article.raw.split()))
    if not total:
        return Signal(value=None, evidence=["raw page not kept"])
    removed = article.boilerplate_chars
    if not 0 <= removed <= total:
        removed = max(total - len("".join(article.text.split())), 0)
    return Signal(
        value=round(removed / total, 3),
        evidence=[f"{removed} of {total} non-space characters of the page are not article text"],
    )


def unverifiable_attributions(article: Article) -> Signal:
    lines = [
        m.group(0).strip()
        for m in _SOURCE_LINE.finditer(article.raw)
        if not _LINK.search(m.group(1))
    ]
    return Signal(value=len(lines), evidence=lines)


def compute_signals(story: Story, models: Models) -> list[SourceSignals]:
    out: list[SourceSignals] = []
    for article in story.articles:
        units = statement_units(article, models)
        out.append(
            SourceSignals(
                article=article.id,
                signals={
                    "corroborated_share": corroborated_share(story, article),
                    "unique_claims": unique_claims(story, article),
                    "hedging_rate": hedging_rate(units),
                    "attribution_rate": attribution_rate(units),
                    "quote_fidelity": quote_fidelity(story, article),
                    "headline_supported": headline_supported(story, article, models),
                    "boilerplate_share": boilerplate_share(article),
                    "unverifiable_attributions": unverifiable_attributions(article),
                },
            )
        )
    return out
