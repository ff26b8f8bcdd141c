"""Names with the company they keep, and reports of whether something happens: a schedule
("postponed" / "still on schedule") or a named person's doing ("contacted" / "unable to contact")."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from storylens.slots.sentence import (
    LIGHT_VERBS,
    REPORTING_VERBS,
    Fact,
    Sentence,
    hypothetical,
    word_key,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

# A happening's schedule: one side says it will not happen as planned, the other that it will
_CALLED_OFF = {"postpone", "cancel", "delay", "scrap", "suspend", "reschedule", "scrub", "axe"}
_ON_SCHEDULE = re.compile(
    r"\b(?:on schedule|on track|as planned|as scheduled|go(?:es|ing)? ahead|will proceed)\b", re.I
)
_NEGATING_HEADS = {"unable", "fail", "refuse", "decline"}
# "tried to contact her", "hoped to reach": an attempt or a wish, not a report that it happened
# "barely landed a punch" is next to none, not the opposite of "didn't land a punch"
_BARELY = {"barely", "hardly", "scarcely"}
_UNASSERTED_HEADS = {
    "need", "allow", "permit", "let", "urge", "ask", "call", "push", "pressure", "try", "attempt",
    "seek", "hope", "want", "plan", "aim", "expect", "intend",
}  # fmt: skip


def _infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _doers(tok: Token) -> frozenset[str]:
    """The subject of a doing, or of the verb it completes ("Jamison ... failed to pass"), with
    the people listed beside it ("Jamison, Michael Jordan and Rashad McCants")."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None and tok.dep_ == "xcomp":
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ not in {"NOUN", "PROPN"}:
        return frozenset()
    listed = [subj, *(t for t in subj.subtree if t.dep_ in {"conj", "appos"})]
    return frozenset(word_key(t) for t in listed if t.pos_ in {"NOUN", "PROPN"})


def names_of(s: Sentence) -> list[Fact]:
    found: list[Fact] = []
    for ent in s.sent.ents:
        if ent.label_ != "PERSON" or len(ent) != 2 or s.quoted(ent.start_char):
            continue
        first, last = ent[0], ent[1]
        if not (first.is_alpha and last.is_alpha and first.is_title and last.is_title):
            continue
        context = {
            word_key(t)
            for t in s.sent
            if t.ent_type_ == "PERSON" and t.i not in range(ent.start, ent.end)
        }
        # the role the name fills: "his friend Fred ...", "defence minister Ehud ..."; titles
        # written as part of the name ("Prime Minister") count too
        near = [ent.root.head, *ent.root.children, *(c for t in ent for c in t.children)]
        role = {
            t.lemma_.lower()
            for t in near
            if t.pos_ in {"NOUN", "PROPN"}
            and t.ent_type_ != "PERSON"
            and t.i not in range(ent.start, ent.end)
        }
        if not role or not context:
            continue
        found.append(s.fact("person", f"person|{first.lower_}|{','.join(sorted(role))}",
                            f"name of the {' '.join(sorted(role))} {first.text}",
                            ent.text, (ent.start_char, ent.end_char), [], last.text, context))  # fmt: skip
    return found


# --- status and negation --------------------------------------------------------------------


def _thing(tok: Token) -> str:
    """A happening named by a noun and what it is of: "dedication|memorial"."""
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    return tok.lemma_.lower() + ("|" + obj.lemma_.lower() if obj is not None else "")


def statuses_of(s: Sentence) -> list[Fact]:
    found: list[Fact] = []
    for tok in s.sent:
        if s.quoted(tok.idx):
            continue
        negated = any(c.dep_ == "neg" for c in tok.children)
        if tok.lemma_.lower() in _CALLED_OFF and tok.pos_ == "VERB":
            subj = next((c for c in tok.children if c.dep_ in {"nsubjpass", "dobj"}), None)
            if subj is None or subj.pos_ != "NOUN" or hypothetical(tok):
                continue
            value = "going ahead as planned" if negated else tok.lemma_.lower() + "d"
            aux = [c for c in tok.children if c.dep_ in {"auxpass", "aux", "neg"}]
            start = min([tok.idx] + [c.idx for c in aux])
            span = (start, tok.idx + len(tok.text))
            thing = _thing(subj)
            found.append(s.fact("negation", f"status|{thing}", f"whether the {thing.replace('|', ' of the ')} goes ahead",
                                value, span, [tok], not negated, {subj.lemma_.lower()}))  # fmt: skip
    for m in _ON_SCHEDULE.finditer(s.sent.text):
        start = s.sent.start_char + m.start()
        if s.quoted(start):
            continue
        span_tok = s.sent.doc.char_span(start, start + len(m.group(0)), alignment_mode="expand")
        if span_tok is None:
            continue
        verb = span_tok.root.head if span_tok.root.dep_ != "ROOT" else span_tok.root
        while verb.pos_ not in {"VERB", "AUX"} and verb.head is not verb:
            verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is None or subj.pos_ != "NOUN" or hypothetical(verb):
            continue
        thing = _thing(subj)
        span = (start, start + len(m.group(0)))
        found.append(s.fact("negation", f"status|{thing}", f"whether the {thing.replace('|', ' of the ')} goes ahead",
                            "on schedule", span, [verb], False, {subj.lemma_.lower()}))  # fmt: skip
    for tok in s.sent:
        if (
            tok.pos_ != "VERB"
            or s.quoted(tok.idx)
            or tok.lemma_.lower() in REPORTING_VERBS | LIGHT_VERBS
        ):
            continue
        obj = next((c for c in tok.children if c.dep_ in {"dobj"}), None)
        what = ""
        if obj is None or obj.ent_type_ not in {"PERSON", "ORG"}:
            # no named object: the named subject is who did or did not do it, and what it did
            # must be the same too ("Putin offered to mediate" / "did not offer to mediate")
            done = next((c for c in tok.children if c.dep_ in {"dobj", "xcomp"}), None)
            obj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if obj is None or obj.ent_type_ not in {"PERSON", "ORG"} or done is None:
                continue
            what = "|" + done.lemma_.lower()
        negated = any(c.dep_ == "neg" or c.lower_ in _BARELY for c in tok.children)
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _NEGATING_HEADS:
            negated = True  # "unable to contact", "failed to reach"
        elif _infinitive(tok):
            # "needed nine points ... to pass Ford", "in order to reach": a need, a purpose or
            # a plan is no report that it happened, whatever the verb the parser hangs it from
            continue
        up = [tok.head, tok.head.head]
        if hypothetical(tok) or any(t.lemma_.lower() in _UNASSERTED_HEADS for t in up):
            continue
        first = min([tok.idx] + [c.idx for c in tok.children if c.dep_ in {"neg", "aux"}])
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _NEGATING_HEADS:
            first = min(first, tok.head.idx)
        span = (first, tok.idx + len(tok.text))
        lemma = tok.lemma_.lower()
        fact = s.fact("negation", f"polarity|{lemma}{what}", f"whether {obj.text} {lemma}{what.replace('|', ' ')}",
                      ("not " if negated else "") + lemma, span, [tok], not negated, {word_key(obj)})  # fmt: skip
        found.append(replace(fact, doers=_doers(tok) - {word_key(obj)}))
    return found
