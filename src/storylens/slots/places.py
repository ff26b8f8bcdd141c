"""Places a sentence puts something at, and the containment the coverage itself states."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from storylens.nlp import Models
from storylens.records import Article


@dataclass(frozen=True)
class Place:
    key: str
    span: tuple[int, int]
    text: str


_PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
_PLACE_ENTS = {"GPE", "LOC", "FAC"}


def place_key(name: str) -> str:
    key = re.sub(r"[^\w\s]", "", name.lower())
    return re.sub(r"^the\s+", "", re.sub(r"\s+", " ", key)).strip()


def places(article: Article, span: tuple[int, int], models: Models) -> list[Place]:
    """Places a sentence puts something at: a place name after "in", "at", "near", ...,
    with the preposition in the phrase shown ("in Odesa", "at the Nato Summit in The Hague"
    gives "in The Hague")."""
    sent = models.doc(article).char_span(span[0], span[1], alignment_mode="expand")
    if sent is None:
        return []
    found: list[Place] = []
    for prep in sent:
        if prep.lower_ not in _PLACE_PREPS or prep.dep_ != "prep":
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None or not sent.start <= obj.i < sent.end:
            continue
        if obj.ent_type_ in _PLACE_ENTS:
            # the sentence span may cut a name the tagger saw whole, so look in the doc
            ent = next((e for e in sent.doc.ents if e.start <= obj.i < e.end), None)
            if ent is None:
                continue
            name, end = ent.text, ent.end_char
        elif obj.pos_ == "PROPN" and not obj.ent_type_:
            # the small model leaves many place names untagged ("in Kharkiv"); a bare proper
            # noun after a place preposition, tagged as nothing else, is read as a place
            first = obj.i
            while first - 1 > prep.i and sent.doc[first - 1].dep_ == "compound":
                first -= 1
            name = sent.doc[first : obj.i + 1].text
            end = obj.idx + len(obj.text)
        else:
            continue
        start = prep.idx
        found.append(Place(place_key(name), (start, end), article.text[start:end]))
    return found


Geography = dict[str, set[str]]
"""Place key -> keys of the places the story's own text says contain it."""


def geography(articles: list[Article], models: Models) -> Geography:
    """Containment the articles state themselves: "The Hague, Netherlands", "Odesa in
    Ukraine", "Kursk region of Russia". StoryLens knows no map; what the coverage says about
    where a place lies is enough to see that "in The Hague" and "in the Netherlands" agree."""
    inside: Geography = {}
    for article in articles:
        ents = [e for e in models.doc(article).ents if e.label_ in _PLACE_ENTS]
        for a, b in pairwise(ents):
            between = article.text[a.end_char : b.start_char].strip().lower()
            if between in {",", "in", "of", ", in", "in the", "of the"}:
                inside.setdefault(place_key(a.text), set()).add(place_key(b.text))
    return inside


def places_agree(a: Place, b: Place, geo: Geography | None = None) -> bool:
    """Same place (or one name containing the other, "Odesa" / "Odesa region"), or one lies
    in the other by the story's own geography (followed two steps)."""
    if a.key == b.key or a.key in b.key or b.key in a.key:
        return True
    geo = geo or {}

    def within(x: str, y: str) -> bool:
        outer = geo.get(x, set())
        return y in outer or any(y in geo.get(o, set()) for o in outer)

    return within(a.key, b.key) or within(b.key, a.key)
