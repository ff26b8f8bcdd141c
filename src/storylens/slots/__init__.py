"""The checkable details of a statement: amounts, dates, places, and whether it is negated.

Conflicts (``storylens.conflicts``) and the ``disputed`` status of claims both ask the same
question of two aligned sentences from different outlets: do they give the same slot different
values? This module reads those values off one sentence, each with the exact characters that
state it, and says when two values agree although written differently:

* **amounts** — a number (digits, "6,000", "1.5 million", "six thousand", "two hundred and
  fifty") with its qualifier ("at least", "about", "more than", "up to"), its unit (the noun it
  counts, "%" or a currency) and the verb governing that noun ("killed", "injured"): "14 people
  were killed" and "30 people were injured" are different slots. Numbers inside dates, times,
  ordinals and names ("Air Force One") are not amounts.
* **dates** — absolute ("June 24", "24 June 2025") and relative expressions ("yesterday",
  "on Tuesday", "last week", "earlier this week", "three days ago") resolved to a day or a range
  of days against the article's own publication date, taken in the article's own time zone
  (``published`` may be naive or time-zone aware). Without a publication date only absolute
  dates with a year resolve; the rest are left out rather than guessed.
* **places** — a place name after "in", "at", "near", ... ("in Odesa"); two agree when one
  name contains the other or the story's own text puts one inside the other ("The Hague,
  Netherlands"): there is no map, only what the coverage says.
* **polarity** — whether the main predicate is negated ("did not offer" vs "offered").

Two sentences conflict on a slot only when *no* value of one is compatible with any value of the
other: a sentence may give several dates (when it was said, when it happened), and a conflict
should mean the outlets cannot both be right, not that they mention different things.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol, TypeVar

from storylens.nlp import Models
from storylens.records import Article
from storylens.slots.amounts import APPROX, Amount, amounts, amounts_agree, same_slot
from storylens.slots.dates import When, dates, publication_day
from storylens.slots.places import Geography, Place, geography, places, places_agree
from storylens.slots.polarity import Polarity, polarity

__all__ = [
    "APPROX", "Amount", "Disagreement", "Geography", "Place", "Polarity", "SlotValue",
    "Statement", "When", "amounts", "amounts_agree", "dates", "disagreements", "geography",
    "places", "places_agree", "polarity", "publication_day", "same_slot",
]  # fmt: skip


@dataclass
class Statement:
    """One source sentence of an aligned claim: the outlet it counts as and where it is."""

    outlet: str
    article: Article
    span: tuple[int, int]


@dataclass
class SlotValue:
    label: str
    places: list[tuple[Article, tuple[int, int]]]

    @property
    def outlets(self) -> set[str]:
        return {a.id for a, _ in self.places}


@dataclass
class Disagreement:
    kind: Literal["number", "time", "place", "negation"]
    slot: str
    values: list[SlotValue]


class _Spanned(Protocol):
    @property
    def span(self) -> tuple[int, int]: ...


V = TypeVar("V", bound=_Spanned)


def _conflicting(
    per_outlet: dict[str, list[V]],
    comparable: Callable[[V, V], bool],
    agree: Callable[[V, V], bool],
) -> bool:
    """Two outlets with comparable values of which none agree."""
    outlets = list(per_outlet)
    for k, a in enumerate(outlets):
        for b in outlets[k + 1 :]:
            pairs = [(x, y) for x in per_outlet[a] for y in per_outlet[b] if comparable(x, y)]
            if pairs and not any(agree(x, y) for x, y in pairs):
                return True
    return False


def _group(
    items: list[tuple[Article, V]], agree: Callable[[V, V], bool], label: Callable[[V], str]
) -> list[SlotValue]:
    """Values that agree with a value's first spelling join it, with all their places."""
    groups: list[tuple[V, SlotValue]] = []
    for article, item in items:
        home = next((v for rep, v in groups if agree(rep, item)), None)
        if home is None:
            home = SlotValue(label(item), [])
            groups.append((item, home))
        home.places.append((article, item.span))
    return [v for _, v in groups]


def disagreements(
    statements: list[Statement], models: Models, geo: Geography | None = None
) -> list[Disagreement]:
    """Amount, date, place and polarity slots on which the outlets of aligned sentences
    disagree (``geo``: what the story says lies where, see :func:`geography`)."""
    if len({s.outlet for s in statements}) < 2:
        return []
    found: list[Disagreement] = []

    by_unit: dict[str, list[tuple[str, Article, Amount]]] = {}
    for st in statements:
        for amount in amounts(st.article, st.span, models):
            if amount.unit:
                by_unit.setdefault(amount.unit, []).append((st.outlet, st.article, amount))
    for unit, rows in by_unit.items():
        per_outlet: dict[str, list[Amount]] = {}
        for outlet, _, amount in rows:
            per_outlet.setdefault(outlet, []).append(amount)
        if _conflicting(per_outlet, same_slot, amounts_agree):
            verbs = sorted({a.verb for _, _, a in rows if a.verb})
            slot = unit + (f" ({', '.join(verbs)})" if verbs else "")
            values = _group([(art, a) for _, art, a in rows], amounts_agree, lambda a: a.label)
            found.append(Disagreement("number", slot, values))

    per_outlet_dates: dict[str, list[When]] = {}
    date_rows: list[tuple[Article, When]] = []
    for st in statements:
        for when in dates(st.article, st.span):
            per_outlet_dates.setdefault(st.outlet, []).append(when)
            date_rows.append((st.article, when))
    if _conflicting(per_outlet_dates, lambda x, y: True, When.overlaps):
        values = _group(date_rows, When.overlaps, lambda w: w.label)
        found.append(Disagreement("time", "date", values))

    per_outlet_places: dict[str, list[Place]] = {}
    place_rows: list[tuple[Article, Place]] = []
    for st in statements:
        for where in places(st.article, st.span, models):
            per_outlet_places.setdefault(st.outlet, []).append(where)
            place_rows.append((st.article, where))

    def agree(x: Place, y: Place) -> bool:
        return places_agree(x, y, geo)

    if _conflicting(per_outlet_places, lambda x, y: True, agree):
        values = _group(place_rows, agree, lambda p: p.text)
        found.append(Disagreement("place", "place", values))

    polar: dict[str, list[tuple[Article, Polarity]]] = {}
    for st in statements:
        pol = polarity(st.article, st.span, models)
        if pol is not None:
            polar.setdefault(pol.predicate, []).append((st.article, pol))
    outlet_of = {st.article.id: st.outlet for st in statements}
    for predicate, rows2 in polar.items():
        signs = {(outlet_of[a.id], p.negated) for a, p in rows2}
        if len({n for _, n in signs}) == 2 and len({o for o, _ in signs}) >= 2:
            affirm = {o for o, n in signs if not n}
            deny = {o for o, n in signs if n}
            if affirm - deny or deny - affirm:
                values = _group(
                    [(a, p) for a, p in rows2],
                    lambda x, y: x.negated == y.negated,
                    lambda p: ("not " if p.negated else "") + p.predicate,
                )
                found.append(Disagreement("negation", predicate, values))
    return found
