"""Extractive, cited summary: verbatim sentences, each citing where it was taken from.

Nothing is rewritten: a summary sentence is ``article.text[span]`` of its first citation, so a
reader can always see the sentence in place, and every further citation is a sentence of
another outlet that the claim alignment found saying the same thing.

Three parts:

* ``lead`` — what happened. Candidates are fact statements that stand on their own (no
  opening pronoun or connective, at most ``MAX_WORDS`` words; a sentence that is part of a
  longer quotation is taken as the whole quotation, and a sentence that is nearly all
  quotation only when it names who said it). Each is scored by centrality — mean similarity
  to each article's sentences, every article weighing the same so a long rewrite cannot
  drown out a short report, both in meaning (static embeddings) and in wording (TF-IDF over
  content lemmas) — plus a position prior (news puts the main facts first) and a large bonus
  per additional independent outlet that makes the same claim. With several outlets the lead
  takes corroborated sentences first; what is left of the word budget goes to single-source
  facts (preferring outlets whose other statements are corroborated). Sentences are picked
  by maximal marginal relevance within the word budget; the corroborated ones are shown
  first, each group in reading order.
* ``differ`` — one sentence per conflict, citing the sentences that give each value; the one
  shown must read on its own (or once joined to the sentence before it), else the conflict
  gets no summary line.
* ``only`` — up to two notable fact claims made by a single outlet, from different articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np

from storylens.claims import (
    CORROBORATING_KINDS,
    Unit,
    outlet_key,
    quoting,
    statement_units,
    unit_at,
)
from storylens.config import SummaryConfig
from storylens.nlp import Models
from storylens.records import Article, Citation, Claim, Story, SummarySentence

MAX_WORDS = 45
"""Longer sentences are hard to read out of context and eat the budget."""
CORROBORATION_BONUS = 0.3
"""Added per independent outlet beyond the first (up to MAX_BONUS_OUTLETS): more than the
spread of centrality scores, so a corroborated fact outranks any single-source sentence."""
MAX_BONUS_OUTLETS = 4
EARLY_BONUS = 0.05
"""News puts the main fact first; an early sentence wins a tie."""
LEXICAL_WEIGHT = 1.0
"""Weight of wording centrality beside meaning centrality: summaries of the news reuse the
names, numbers and words the reports share, which static embeddings blur."""
TOP_BONUS = 0.1
"""Times 1/(1 + the sentence's rank among its article's statements): a report's first
statements carry its main facts, and the prior fades quickly after them."""
MMR_LAMBDA = 0.7
REDUNDANT = 0.85
"""A candidate this similar to a chosen sentence says the same thing again."""
ONLY_MAX = 2
QUOTE_MAX_WORDS = 90
"""A "where reports differ" sentence is widened to its whole quotation up to this length."""
PASSAGE_MAX_WORDS = 60
"""A lead sentence widened to its whole quotation may run to this length (one sentence: see
MAX_WORDS)."""
FILLER_TRUST = 0.3
"""A filler sentence gains this times its outlet's corroborated share: when the lead must take
a single-source sentence, it prefers an outlet whose other statements others confirm."""
ATTRIBUTED_BONUS = 0.05
"""An "only reported by" fact that names its source is more useful to check."""

# Openers that lean on a previous sentence ("He added", "This", "But ...").
_DANGLING = re.compile(
    r"^[\"“‘']?(?:he|she|it|they|them|his|her|its|their|this|these|those|that|such|there"
    r"|but|and|or|also|however|meanwhile|still|yet|so|instead|then|thus|therefore|moreover"
    r"|furthermore|besides|likewise|similarly|nevertheless|nonetheless)\b",
    re.IGNORECASE,
)
# An introductory phrase, then a pronoun subject ("On Tuesday, he said ...").
_LATE_PRONOUN = re.compile(
    r"^[^,;:\"“]{0,60},\s+(?:he|she|it|they|this|these|those)\b(?!\s+(?:is|was)\s+\w+\s+that)",
    re.IGNORECASE,
)
# A noun phrase that points back at something named earlier ("in that project", "these
# measures"); times ("this week", "that night") are self-contained.
_ANAPHORIC = re.compile(
    r"(?:\b(?:in|on|of|for|with|about|to|from|at|by|after|before|under)\s+that"
    r"|\b(?:these|those|this))\s+(?!(?:week|weekend|year|month|day|morning|afternoon|evening"
    r"|night|summer|winter|spring|fall|autumn|time|season|is|was|are|were|has|had|will|would"
    r"|can|could|may|might|should|must|does|did)\b)[a-z]+",
)
_WORD = re.compile(r"\S+")
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "this", "that", "who"})


@dataclass
class _Candidate:
    unit: Unit
    vector: np.ndarray
    claim: Claim | None
    support: int
    score: float

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.unit.text))


def depends_on_context(text: str, unit: Unit | None = None) -> bool:
    """Whether a sentence leans on what came before it: an opening pronoun or connective, a
    pronoun subject after an introductory phrase, a noun phrase pointing back ("in that
    project"), a heading line glued to it, or (when its unit is known) a piece of a longer
    quotation."""
    if _DANGLING.match(text) or _LATE_PRONOUN.match(text) or _ANAPHORIC.search(text):
        return True
    if "\n" in text.strip():  # a heading or caption line glued to the sentence
        return True
    return unit is not None and is_quote_fragment(unit)


def stands_alone(unit: Unit, max_words: int = MAX_WORDS) -> bool:
    """Whether a sentence can be read without the sentences around it."""
    return len(_WORD.findall(unit.text)) <= max_words and not depends_on_context(unit.text, unit)


def is_quote_fragment(unit: Unit) -> bool:
    """Part of a quotation split over sentences (it starts or ends inside the quote marks), or
    nearly all quotation with no named speaker: a reader out of context cannot tell who said
    it (``"We will not back down," he said.``)."""
    if unit.starts_in_quote or unit.ends_in_quote:
        return True
    return unit.quoted_share >= 0.75 and not names_speaker(unit)


def names_speaker(unit: Unit) -> bool:
    """The sentence attributes its words to someone named, not to a pronoun."""
    who = (unit.attributed_to or "").split()
    return bool(who) and who[0].lower() not in _PRONOUNS


def _lead_candidates(cands: list[_Candidate], models: Models) -> list[_Candidate]:
    """The fact sentences a lead may show. A sentence that is part of a longer quotation is
    widened to the whole quotation (verbatim, still one span of one article) rather than
    dropped: a quotation is often the core of the story. It keeps the score, vector and claim
    of the sentence it grew from; when several sentences grow into one passage, the
    best-scored stands for it."""
    out: dict[tuple[str, tuple[int, int]], _Candidate] = {}
    for c in cands:
        unit, limit = c.unit, MAX_WORDS
        if unit.kind not in CORROBORATING_KINDS:
            continue
        if unit.starts_in_quote or unit.ends_in_quote:
            wide = whole_quotation(models, unit.article, unit.span)
            widened = unit_at(unit.article, wide, models) if wide != unit.span else None
            if widened is None:
                continue
            unit, limit = replace(widened, kind=unit.kind), PASSAGE_MAX_WORDS
        if not stands_alone(unit, limit):
            continue
        key = (unit.article.id, unit.span)
        if key not in out or c.score > out[key].score:
            out[key] = replace(c, unit=unit)
    return list(out.values())


def _centrality(vectors: np.ndarray, owners: list[str]) -> np.ndarray:
    """Mean similarity to each article's sentences, averaged over articles (self excluded)."""
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, np.nan)
    per_article = []
    for art in dict.fromkeys(owners):
        cols = [k for k, o in enumerate(owners) if o == art]
        block = sims[:, cols]
        counts = np.sum(~np.isnan(block), axis=1)
        sums = np.nansum(block, axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            per_article.append(np.where(counts > 0, sums / np.maximum(counts, 1), np.nan))
    stacked = np.vstack(per_article)
    valid = ~np.isnan(stacked)
    result = np.where(valid, stacked, 0.0).sum(axis=0) / np.maximum(valid.sum(axis=0), 1)
    return np.asarray(result, dtype=np.float64)


def tfidf_vectors(units: list[Unit]) -> np.ndarray:
    """Unit-length TF-IDF rows over the sentences' content lemmas (log-scaled term counts,
    smoothed IDF with the sentences of the story as the collection), so a dot product is the
    cosine similarity of their wording."""
    vocab: dict[str, int] = {}
    for u in units:
        for w in u.words:
            vocab.setdefault(w, len(vocab))
    counts = np.zeros((len(units), max(len(vocab), 1)), dtype=np.float64)
    for row, u in enumerate(units):
        for w in u.words:
            counts[row, vocab[w]] += 1.0
    df = np.count_nonzero(counts, axis=0)
    idf = np.log((1 + len(units)) / (1 + df)) + 1.0
    weights = np.where(counts > 0, 1.0 + np.log(np.maximum(counts, 1.0)), 0.0) * idf
    norms = np.linalg.norm(weights, axis=1, keepdims=True)
    return np.asarray(weights / np.where(norms > 0, norms, 1.0), dtype=np.float64)


def _citation(article: Article, span: tuple[int, int]) -> Citation:
    return Citation(article=article.id, span=span, text=article.slice(span))


def _claim_index(story: Story) -> dict[tuple[str, tuple[int, int]], Claim]:
    index: dict[tuple[str, tuple[int, int]], Claim] = {}
    for claim in story.claims:
        for src in claim.sources:
            index[(src.article, tuple(src.span))] = claim  # type: ignore[index]
    return index


def _citations_for(story: Story, cand: _Candidate) -> list[Citation]:
    """The sentence itself first, then the other outlets' sentences of the same claim."""
    unit = cand.unit
    cites = [_citation(unit.article, unit.span)]
    if cand.claim is not None:
        for src in cand.claim.sources:
            if src.article == unit.article.id:
                continue
            cites.append(_citation(story.article(src.article), src.span))
    return cites


def _reading_order(story: Story, chosen: list[_Candidate]) -> list[_Candidate]:
    """Earlier in its article first (relative position), then earlier published/listed."""
    order = {a.id: k for k, a in enumerate(story.articles)}

    def key(c: _Candidate) -> tuple[float, float, int]:
        art = c.unit.article
        published = art.published.timestamp() if art.published else float("inf")
        return (c.unit.span[0] / max(len(art.text), 1), published, order[art.id])

    return sorted(chosen, key=key)


def _select(
    cands: list[_Candidate],
    budget: int,
    max_sentences: int | None,
    already: list[_Candidate] | None = None,
) -> list[_Candidate]:
    """Maximal marginal relevance under a word budget, one sentence per claim.

    ``already`` holds sentences chosen earlier (they count for redundancy, not for the budget).
    """
    prior = list(already or [])
    chosen: list[_Candidate] = []
    used_words = 0
    pool = [c for c in sorted(cands, key=lambda c: -c.score) if not _repeats(c, prior)]
    while pool and (max_sentences is None or len(chosen) < max_sentences):
        best: tuple[float, int] | None = None
        for k, c in enumerate(pool):
            if (chosen or prior) and used_words + c.words > budget:
                continue
            redundancy = max((float(c.vector @ s.vector) for s in prior + chosen), default=0.0)
            value = MMR_LAMBDA * c.score - (1 - MMR_LAMBDA) * redundancy
            if best is None or value > best[0]:
                best = (value, k)
        if best is None:
            break
        pick = pool.pop(best[1])
        chosen.append(pick)
        used_words += pick.words
        pool = [c for c in pool if not _repeats(c, [pick])]
    return chosen


def _repeats(cand: _Candidate, chosen: list[_Candidate]) -> bool:
    """Says again what a chosen sentence says: near-identical wording or the same claim."""
    return any(
        float(cand.vector @ k.vector) >= REDUNDANT
        or (cand.claim is not None and k.claim is not None and cand.claim.id == k.claim.id)
        for k in chosen
    )


def _sentence_around(
    models: Models, article: Article, span: tuple[int, int]
) -> tuple[int, int] | None:
    """The sentence of ``article`` that contains ``span``, if one does."""
    for sent in models.sentences(article):
        if sent[0] <= span[0] and span[1] <= sent[1]:
            return sent
    return None


def whole_quotation(models: Models, article: Article, span: tuple[int, int]) -> tuple[int, int]:
    """The sentence widened to the whole quotation it is part of, so that a cited sentence
    never opens or ends mid-quote; unchanged when that would cross a paragraph or run past
    ``QUOTE_MAX_WORDS`` words."""
    sents = models.sentences(article)
    try:
        k = sents.index(span)
    except ValueError:
        return span
    first = last = k
    while first > 0 and quoting(article, sents[first])[1]:
        first -= 1
    while last + 1 < len(sents) and quoting(article, sents[last])[2]:
        last += 1
    wide = (sents[first][0], sents[last][1])
    text = article.slice(wide)
    if "\n\n" in text or len(_WORD.findall(text)) > QUOTE_MAX_WORDS:
        return span
    _, opened, still_open = quoting(article, wide)
    return span if opened or still_open else wide


def _differ(
    story: Story, models: Models, used: set[tuple[str, tuple[int, int]]]
) -> list[SummarySentence]:
    out: list[SummarySentence] = []
    for conflict in story.conflicts:
        cites: list[Citation] = []
        seen: set[tuple[str, tuple[int, int]]] = set()
        for value in conflict.values:
            for cspan in value.spans:
                try:
                    article = story.article(cspan.article)
                except KeyError:
                    continue
                span = (cspan.span[0], cspan.span[1])
                sent = whole_quotation(
                    models, article, _sentence_around(models, article, span) or span
                )
                key = (article.id, sent)
                if key not in seen:
                    seen.add(key)
                    cites.append(_citation(article, sent))
        shown = _readable_citation(story, models, cites)
        if shown is None:
            continue
        k, cite = shown
        cites = [cite, *cites[:k], *cites[k + 1 :]]
        used.add((cite.article, cite.span))
        out.append(SummarySentence(text=cite.text, section="differ", citations=cites))
    return out


def _readable_citation(
    story: Story, models: Models, cites: list[Citation]
) -> tuple[int, Citation] | None:
    """Which of a conflict's sentences to show, and as what span: the first that reads on its
    own; else the first that does once joined to the sentence before it in its paragraph
    ("He has 53 catches for 605 yards" needs the previous sentence to say who); else none.
    The conflict itself stays in the report; only its summary line is left out, as the lead
    leaves out sentences that lean on context."""
    for k, cite in enumerate(cites):
        unit = unit_at(story.article(cite.article), (cite.span[0], cite.span[1]), models)
        if unit is not None and not depends_on_context(cite.text, unit):
            return k, cite
    for k, cite in enumerate(cites):
        article = story.article(cite.article)
        wide = _with_previous_sentence(models, article, (cite.span[0], cite.span[1]))
        if wide is not None:
            return k, _citation(article, wide)
    return None


def _with_previous_sentence(
    models: Models, article: Article, span: tuple[int, int]
) -> tuple[int, int] | None:
    """``span`` widened back over the sentence before it, when both lie in one paragraph, the
    passage stays within ``PASSAGE_MAX_WORDS`` and the earlier sentence reads on its own."""
    sents = models.sentences(article)
    before = [s for s in sents if s[1] <= span[0]]
    if not before:
        return None
    prev = before[-1]
    wide = (prev[0], span[1])
    text = article.slice(wide)
    if "\n\n" in text or len(_WORD.findall(text)) > PASSAGE_MAX_WORDS:
        return None
    unit = unit_at(article, prev, models)
    if unit is None or depends_on_context(article.slice(prev), unit):
        return None
    _, opened, still_open = quoting(article, wide)
    return None if opened or still_open else wide


def _lead(
    eligible: list[_Candidate], config: SummaryConfig, multi_outlet: bool
) -> list[_Candidate]:
    """What the outlets agree on first; the rest of the word budget, if any, goes to the best
    single-source facts (preferring outlets whose other statements are corroborated).

    With one outlet nothing can be corroborated, so the lead is its most central sentences.
    """
    if not multi_outlet:
        return _select(eligible, config.words, config.max_sentences)
    agreed = [c for c in eligible if c.claim is not None and c.claim.status == "corroborated"]
    chosen = _select(agreed, config.words, config.max_sentences)
    words = sum(c.words for c in chosen)
    room = None if config.max_sentences is None else config.max_sentences - len(chosen)
    if (room is not None and room <= 0) or words >= config.words:
        return chosen
    taken = {id(c) for c in chosen}
    rest = [
        c
        for c in eligible
        if id(c) not in taken and (c.claim is None or c.claim.status != "disputed")
    ]
    trust = _corroborated_share(eligible)
    rest = [
        replace(c, score=c.score + FILLER_TRUST * trust.get(c.unit.article.id, 0.0)) for c in rest
    ]
    return chosen + _select(rest, config.words - words, room, already=chosen)


def _corroborated_share(cands: list[_Candidate]) -> dict[str, float]:
    """Per article, the share of its usable fact sentences that other outlets corroborate."""
    totals: dict[str, list[int]] = {}
    for c in cands:
        t = totals.setdefault(c.unit.article.id, [0, 0])
        t[0] += c.claim is not None and c.claim.status == "corroborated"
        t[1] += 1
    return {k: agreed / total for k, (agreed, total) in totals.items()}


def summarize(story: Story, models: Models, config: SummaryConfig) -> list[SummarySentence]:
    """Lead, then where reports differ, then what only one outlet reports."""
    articles = story.independent_articles() or story.articles
    units = [u for a in articles for u in statement_units(a, models)]
    if not units:
        return []
    vectors = models.embed([u.text for u in units])
    owners = [u.article.id for u in units]
    central = _centrality(vectors, owners) + LEXICAL_WEIGHT * _centrality(
        tfidf_vectors(units), owners
    )
    rank: list[int] = []  # the unit's rank among its article's statements (0 = first)
    seen: dict[str, int] = {}
    for u in units:
        rank.append(seen.get(u.article.id, 0))
        seen[u.article.id] = rank[-1] + 1
    claims = _claim_index(story)
    multi_outlet = len({outlet_key(story, a) for a in articles}) > 1

    cands: list[_Candidate] = []
    for k, unit in enumerate(units):
        claim = claims.get((unit.article.id, unit.span))
        support = claim.support if claim is not None else 1
        early = 1.0 - unit.span[0] / max(len(unit.article.text), 1)
        score = (
            float(central[k])
            + CORROBORATION_BONUS * (min(support, MAX_BONUS_OUTLETS) - 1)
            + EARLY_BONUS * early
            + TOP_BONUS / (1 + rank[k])
        )
        cands.append(_Candidate(unit, vectors[k], claim, support, score))

    eligible = _lead_candidates(cands, models)
    picked = _lead(eligible, config, multi_outlet)
    agreed = [c for c in picked if c.support > 1]
    lead = _reading_order(story, agreed) + _reading_order(
        story, [c for c in picked if c.support <= 1]
    )
    summary = [
        SummarySentence(text=c.unit.text, section="lead", citations=_citations_for(story, c))
        for c in lead
    ]
    used = {(c.unit.article.id, c.unit.span) for c in lead}
    summary += _differ(story, models, used)

    if not multi_outlet:
        return summary
    best_per_article: dict[str, _Candidate] = {}
    for c in eligible:
        if c.support != 1 or (c.unit.article.id, c.unit.span) in used:
            continue
        if any(float(c.vector @ s.vector) >= REDUNDANT for s in lead):
            continue
        specific = min(len(c.unit.entities) + len(c.unit.numbers), 3) * 0.02
        specific += ATTRIBUTED_BONUS if c.unit.attributed_to else 0.0
        c_score = c.score + specific
        held = best_per_article.get(c.unit.article.id)
        if held is None or c_score > held.score:
            best_per_article[c.unit.article.id] = _Candidate(
                c.unit, c.vector, c.claim, c.support, c_score
            )
    only = sorted(best_per_article.values(), key=lambda c: -c.score)[:ONLY_MAX]
    summary += [
        SummarySentence(text=c.unit.text, section="only", citations=_citations_for(story, c))
        for c in _reading_order(story, only)
    ]
    return summary
