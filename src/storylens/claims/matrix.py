"""The claim x source matrix of a story: every statement as a claim, with the outlets that make
it, its status (corroborated, single source, disputed), kind and how support was counted."""

from __future__ import annotations

import hashlib
from typing import Literal

import numpy as np

from storylens.claims.align import align_units
from storylens.claims.independence import copied_sources, independence_note, outlet_key
from storylens.claims.kinds import Kind
from storylens.claims.scoring import WordMatcher
from storylens.claims.units import Unit, statement_units
from storylens.config import ClaimsConfig
from storylens.nlp import Models
from storylens.records import Claim, ClaimSource, Story
from storylens.slots import Geography, Statement, disagreements, geography


def _representative(group: list[int], sims: np.ndarray, units: list[Unit], kind: Kind) -> int:
    """The member most similar to the others (the medoid), among those of the claim's kind."""
    pool = [i for i in group if units[i].kind == kind] or group
    if len(pool) == 1:
        return pool[0]
    return max(pool, key=lambda i: (float(np.mean([sims[i, j] for j in group if j != i])), -i))


def _majority_kind(kinds: list[Kind]) -> Kind:
    """Most common kind among the sources; ties go to fact, attributed, then speculation."""
    order: list[Kind] = ["fact", "attributed", "speculation", "opinion"]
    return max(order, key=lambda k: (kinds.count(k), -order.index(k)))


def _disputed(group: list[Unit], story: Story, models: Models, geo: Geography) -> bool:
    """Aligned sources from different outlets that give one slot incompatible values: an
    amount, a date, or the polarity of the main predicate (see :mod:`storylens.slots`)."""
    statements = [Statement(outlet_key(story, u.article), u.article, u.span) for u in group]
    return bool(disagreements(statements, models, geo))


def claim_id(story: Story, unit: Unit) -> str:
    digest = hashlib.sha1(f"{story.id}|{unit.article.id}|{unit.span}".encode()).hexdigest()
    return "c-" + digest[:10]


def align_claims(story: Story, models: Models, config: ClaimsConfig) -> list[Claim]:
    """Every statement of the story as a claim, with the articles that make it.

    Duplicates take part (their copy of a sentence is listed as a source) but never add
    support: ``support`` counts distinct independent outlets.
    """
    order = {a.id: k for k, a in enumerate(story.articles)}
    units: list[Unit] = []
    for article in story.articles:
        units.extend(statement_units(article, models))
    if not units:
        return []
    embeddings = models.embed([u.text for u in units])
    groups = align_units(units, embeddings, WordMatcher(units, models), config.threshold)
    sims = embeddings @ embeddings.T
    geo = geography(story.articles, models)

    claims: list[tuple[tuple[int, float, int, int], Claim]] = []
    for group in groups:
        group.sort(key=lambda i: (order[units[i].article.id], units[i].span[0]))
        kind = _majority_kind([units[i].kind for i in group])
        rep = units[_representative(group, sims, units, kind)]
        members = [units[i] for i in group]
        copies = copied_sources(story, members)
        support = len(
            {outlet_key(story, u.article) for k, u in enumerate(members) if k not in copies}
        )
        status: Literal["corroborated", "single_source", "disputed"] = (
            "single_source" if support < 2 else "corroborated"
        )
        if support >= 2 and _disputed(members, story, models, geo):
            status = "disputed"
        first = members[0]
        sort_key = (
            0 if status == "corroborated" else 1,
            -float(support),
            order[first.article.id],
            first.span[0],
        )
        claims.append(
            (
                sort_key,
                Claim(
                    id=claim_id(story, first),
                    text=rep.text,
                    status=status,
                    kind=kind,
                    support=support,
                    independence=independence_note(story, members, copies, support),
                    sources=[
                        ClaimSource(
                            article=u.article.id,
                            text=u.text,
                            span=u.span,
                            attributed_to=u.attributed_to,
                            kind=u.kind,
                            copy_of=copies.get(k),
                        )
                        for k, u in enumerate(members)
                    ],
                ),
            )
        )
    claims.sort(key=lambda c: c[0])
    return [c for _, c in claims]
