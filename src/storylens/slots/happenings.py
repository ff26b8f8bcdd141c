"""Dates and places with the happening they belong to: the predicate they hang from and its
participants."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storylens.nlp import Models
from storylens.slots.sentence import (
    LIGHT_VERBS,
    REPORTING_VERBS,
    Fact,
    Sentence,
    chain_of,
    hypothetical,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token
from storylens.slots.dates import date_values
from storylens.slots.places import places


def _attachment(sent: Span, start: int, end: int) -> tuple[Token, str] | None:
    """The word a date or place phrase hangs from, and its preposition ("" when bare)."""
    span = sent.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    while root.head is not root and root.head.ent_type_ in {"DATE", "TIME"}:
        root = root.head  # "Tuesday morning", "late Thursday": the whole time phrase
    head = root.head
    prep = ""
    if head.dep_ == "prep" or head.pos_ == "ADP":
        prep = head.lower_
        head = head.head
    if head is root:
        return None
    return head, prep


def _object(chain: list[Token]) -> str:
    """What the predicate acts on ("served a sentence" / "served a rap"): another object is
    another happening."""
    verb = chain[-1]
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return "|" + obj.lemma_.lower() if obj is not None else ""


def _complements(verb: Token) -> str:
    """What completes a predicate ("found *guilty*", "found *liable*", "find *out*"): the same
    verb with different completions is a different happening."""
    comps = [c for c in verb.children if c.dep_ in {"acomp", "oprd", "xcomp", "prt"}]
    words = [c.lemma_.lower() for c in comps]
    if any(c.dep_ == "neg" for c in verb.children) or any(
        n.dep_ == "neg" for c in comps for n in c.children
    ):
        words.append("not")
    return ",".join(sorted(words))


_ANOTHER_HAPPENING = {"after", "before", "following", "when", "while", "since", "until"}


def _attached_across(s: Sentence, head: Token, start: int) -> bool:
    """A date written after a second happening ("charged with murder after a shooting at an
    office party in Vancouver Friday") may be that happening's day as well as the verb's: the
    parser's choice is a guess, so the date is no side of a dispute."""
    doc = s.sent.doc
    end = next((t.i for t in doc if t.idx >= start), head.i)
    return head.i < end and any(doc[i].lower_ in _ANOTHER_HAPPENING for i in range(head.i + 1, end))


def _own_chain(head: Token) -> list[Token]:
    """The chain up to the clause's verb, stopped at a second happening the value sits in
    ("charged ... after a shooting ... Friday": Friday is the shooting's, not the charging's)."""
    chain = chain_of(head)
    for k, tok in enumerate(chain[:-1]):
        if tok.head.lower_ in _ANOTHER_HAPPENING and tok.head.dep_ == "prep":
            return chain[: k + 1]
    return chain


def happenings_of(s: Sentence, models: Models) -> list[Fact]:
    found: list[Fact] = []
    for dv in date_values(s.article, s.span):
        if s.quoted(dv.span[0]):
            continue
        before = s.article.text[max(0, dv.span[0] - 7) : dv.span[0]].lower()
        if re.search(
            r"\bas of\s*$|\bsince\s*$|\buntil\s*$|\bby\s*$|\bfrom\s*$|\bthrough\s*$", before
        ):
            continue  # a value dated "as of", or a period's edge: not the day of a happening
        att = _attachment(s.sent, *dv.span)
        if att is None:
            continue
        head, prep = att
        if head.pos_ == "PROPN":
            continue  # a dateline ("WASHINGTON, DC, April 28, 2009") or a name's date
        if prep in {
            "since",
            "until",
            "by",
            "from",
            "through",
            "after",
            "before",
            "between",
            "as",
            "to",
        }:
            continue
        # a date written before its noun ("the June 20, 2005 attempted murder") dates that
        # noun's happening alone, not the clause it sits in ("convicted of ...")
        chain = [head] if head.pos_ == "NOUN" and dv.span[1] <= head.idx else _own_chain(head)
        lemmas = [t.lemma_.lower() for t in chain]
        said = chain[-1].lemma_.lower() in REPORTING_VERBS and len(chain) == 1
        if said and not any(c.dep_ == "dobj" for c in chain[-1].children):
            continue  # the day something was said: outlets report it on different days
        if hypothetical(head) or _attached_across(s, head, dv.span[0]):
            continue
        words = " ".join(dict.fromkeys(w for w in lemmas if w not in LIGHT_VERBS)) or lemmas[0]
        key = "time|" + _complements(chain[-1]) + _object(chain)
        found.append(s.fact("time", key, f"date of: {words}", dv.label, dv.span, chain, dv))
    # several dates on one predicate ("cancelled on Friday, Saturday and Sunday") are a list,
    # not one happening's day
    heads = [f.heads for f in found]
    found = [
        f
        for k, f in enumerate(found)
        if not any(j != k and h & f.heads for j, h in enumerate(heads))
    ]
    for place in places(s.article, s.span, models):
        if s.quoted(place.span[0]):
            continue
        prep_tok = s.sent.doc.char_span(place.span[0], place.span[0] + 2, alignment_mode="expand")
        if prep_tok is None:
            continue
        head = prep_tok[0].head
        if head is prep_tok[0] or head.pos_ not in {"VERB", "NOUN"} or hypothetical(head):
            continue
        chain = chain_of(head)
        words = " ".join(
            dict.fromkeys(t.lemma_.lower() for t in chain if t.lemma_.lower() not in LIGHT_VERBS)
        )
        key = "place|" + _complements(chain[-1]) + _object(chain)
        found.append(
            s.fact("place", key, f"place of: {words}", place.text, place.span, chain, place)
        )
    return found
