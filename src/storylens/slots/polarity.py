"""Whether the main predicate of a sentence is negated."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from storylens.nlp import Models
from storylens.records import Article

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


@dataclass(frozen=True)
class Polarity:
    predicate: str
    negated: bool
    span: tuple[int, int]
    text: str


_NEGATORS = {"not", "n't", "never", "no"}


def _main_predicate(sent: Span) -> Token | None:
    """The root verb, or the verb of the reported clause when the root is a reporting verb
    ("Zelensky said Putin had offered ..." -> offered)."""
    root = next((t for t in sent if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    if root.lemma_.lower() in {"say", "tell", "report", "claim", "state", "add", "announce"}:
        comp = next((c for c in root.children if c.dep_ in {"ccomp", "xcomp"}), None)
        if comp is not None and comp.pos_ in {"VERB", "AUX"}:
            return comp
    return root if root.pos_ in {"VERB", "AUX"} else None


def polarity(article: Article, span: tuple[int, int], models: Models) -> Polarity | None:
    sent = models.doc(article).char_span(span[0], span[1], alignment_mode="expand")
    if sent is None:
        return None
    verb = _main_predicate(sent)
    if verb is None:
        return None
    negs = [
        c
        for c in verb.children
        if c.dep_ == "neg" or (c.lower_ in _NEGATORS and c.dep_ == "advmod")
    ]
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.i < verb.i]
    first = min([verb.i] + [t.i for t in negs + auxes if t.i >= verb.i - 4])
    doc = sent.doc
    start, end = doc[first].idx, verb.idx + len(verb.text)
    return Polarity(verb.lemma_.lower(), bool(negs), (start, end), article.text[start:end])
