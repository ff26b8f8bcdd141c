"""Figures with their identity: the noun counted and its verb, a distance's reference point,
what a sum of money is, a share of what."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storylens.nlp import Models
from storylens.slots.sentence import (
    Fact,
    Sentence,
    chain_of,
    hypothetical,
    word_key,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token
from storylens.slots.amounts import Amount, amounts

_TALLY_VERBS = {
    "confirm", "report", "record", "diagnose", "document", "register", "count", "identify",
    "detect", "log", "tally", "list", "find",
}  # fmt: skip
_TIME_NOUNS = {
    "year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "time",
    "age", "night", "morning", "percent", "point", "%",
}  # fmt: skip
# measures that change while a story unfolds (a storm's wind, a temperature) or that many
# things in one story have: no slot without more than a unit
_MEASURES = {
    "mph", "kph", "km/h", "degree", "inch", "pound", "kilogram", "kg", "ton", "tonne", "gallon",
    "liter", "litre", "barrel", "acre", "hectare", "point", "vote", "magnitude", "gb", "mb", "caliber", "calibre",
}  # fmt: skip
_DISTANCE = {
    "km": 1.0, "kilometer": 1.0, "kilometre": 1.0, "kms": 1.0, "mile": 1.609344, "mi": 1.609344,
    "meter": 0.001, "metre": 0.001, "foot": 0.0003048, "feet": 0.0003048, "yard": 0.0009144,
}  # fmt: skip
_MULTIPLIERS = {"double": 2.0, "twice": 2.0, "triple": 3.0, "treble": 3.0, "quadruple": 4.0}
_COMPARISON = re.compile(r"\b(?:versus|vs\.?|compared (?:with|to)|respectively|while)\b", re.I)


def _governing_verb(tok: Token) -> Token | None:
    for anc in [tok, *tok.ancestors]:
        if anc.pos_ == "VERB":
            return anc
    return None


def _noun_predicate(noun: Token) -> tuple[str, str]:
    """The verb that counts a noun ("cases were confirmed", "cases reported", "paralyzed 120
    children"), as one word for the tally verbs."""
    verb = next((c for c in noun.children if c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB"), None)
    if verb is None and noun.dep_ in {"nsubj", "nsubjpass", "dobj"} and noun.head.pos_ == "VERB":
        verb = noun.head
    if verb is None:
        return "", ""
    lemma = verb.lemma_.lower()
    return ("tally" if lemma in _TALLY_VERBS else lemma), verb.lower_


_DIRECTIONS = {"east", "west", "north", "south", "e", "w", "n", "s", "e.", "w.", "n.", "s."}


def _named(obj: Token) -> str:
    """A proper name with the words that tell it apart ("84th Street" from "68th Street",
    "Buffalo Springs Drive"); a direction is left out, since outlets drop it ("East 223rd
    Street" / "223rd Street")."""
    if obj.pos_ != "PROPN":
        return word_key(obj)
    words = [
        t.lower_ for t in obj.subtree if t.i < obj.i and t.dep_ in {"compound", "amod", "nummod"}
    ]
    return " ".join([w for w in words if w not in _DIRECTIONS] + [word_key(obj)])


def _modifiers(noun: Token) -> tuple[str, ...]:
    """Words that narrow what is counted: "new cases", "cases in California", "block of X"."""
    mods = [c.lemma_.lower() for c in noun.children if c.dep_ == "amod"]
    for prep in (c for c in noun.children if c.dep_ == "prep"):
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is not None and prep.lower_ in {"of", "for", "among", "in", "at", "from"}:
            kinds = " ".join(c.lemma_.lower() for c in obj.children if c.dep_ == "amod")
            mods.append(f"{prep.lower_} {kinds + ' ' if kinds else ''}{_named(obj)}")
    return tuple(sorted(mods))


def _what_money_is(tok: Token) -> str:
    """The "in ..." or "of ..." right after an amount ("$25 million in punitive damages", "€2bn
    in emergency aid"), read off the words in order since the parser hangs it on the amount
    in one sentence and on the verb in the next."""
    doc = tok.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ not in {"in", "of", "for"}:
        return ""
    prep = doc[tok.i + 1]
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None:
        return ""
    kinds = " ".join(c.lemma_.lower() for c in obj.children if c.dep_ in {"amod", "compound"})
    return f"{prep.lower_} {kinds + ' ' if kinds else ''}{word_key(obj)}"


def _reference(sent: Span, tok: Token) -> Token | None:
    """What a distance is measured from: "30km from the park"; "12 miles away" after
    "escaped from the park" in the same sentence."""
    around = [*tok.children, *(tok.head.children if tok.head is not tok else [])]
    for c in [tok.head, *around]:
        if c.dep_ == "prep" and c.lower_ == "from":
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    if any(c.lower_ == "away" for c in sent):
        froms = [t for t in sent if t.lower_ == "from" and t.i < tok.i]
        for f in reversed(froms):
            obj = next((o for o in f.children if o.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def _place_words(obj: Token) -> str:
    """The reference as a reader names it: the whole name ("Tel Aviv", not "the aviv"), a
    common noun with "the" ("the park")."""
    words = [c.text for c in obj.lefts if c.dep_ == "compound"] + [obj.text]
    return " ".join(words) if obj.pos_ == "PROPN" else "the " + " ".join(words).lower()


_NOT_TALLY_BEFORE = re.compile(
    r"(?:\bno\.|#|\bnumber|\banother|\bother|\badditional|\b\d+ (?:of|out of))\s*$", re.I
)


def _a_tally(s: Sentence, amount: Amount, tok: Token) -> bool:
    """Whether a figure states how many or how much, rather than label, modify or convert:
    "No. 5 seed", "another 20,000", "a one-punch knockout", "200-student schoolhouse",
    "gang members", "five rounds sooner", "50 km (30 miles)"."""
    text = s.article.text
    before = text[s.sent.start_char : amount.span[0]]
    if before.count("(") > before.count(")") or _NOT_TALLY_BEFORE.search(before):
        return False
    if amount.value == 0 or "-" in amount.text:
        return False
    unit = amount.unit
    if unit and unit not in {"$", "£", "€", "¥", "%"}:
        if not unit.isalpha() or (len(unit) < 3 and unit not in _DISTANCE):
            return False
        if tok.dep_ in {"compound", "amod", "nmod"} and tok.head.pos_ == "NOUN":
            return False
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.tag_ in {"JJR", "RBR"}:
            return False
    return True


def figures_of(s: Sentence, models: Models) -> list[Fact]:
    found: list[Fact] = []
    comparative = bool(_COMPARISON.search(s.sent.text))
    doc = s.sent.doc
    for amount in amounts(s.article, s.span, models):
        if amount.head < 0 or s.quoted(amount.span[0]):
            continue
        tok = doc[amount.head]
        if hypothetical(tok) or comparative or not _a_tally(s, amount, tok):
            continue
        unit = amount.unit
        if unit in _DISTANCE:
            obj = _reference(s.sent, tok)
            if obj is None:
                continue
            ref = word_key(obj)
            if not ref:
                continue
            km = Amount(amount.value * _DISTANCE[unit], amount.qualifier, "km", None,
                        amount.span, amount.text, step=amount.step * _DISTANCE[unit],
                        upper=None if amount.upper is None else amount.upper * _DISTANCE[unit],
                        head=amount.head)  # fmt: skip
            found.append(s.fact("number", f"distance|{ref}", f"distance from {_place_words(obj)}",
                                amount.text, amount.span, chain_of(tok), km))  # fmt: skip
            continue
        if unit == "%":
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
            if obj is not None:
                what = word_key(obj)
            elif tok.dep_ in {"nummod", "compound", "amod"} and tok.head.pos_ == "NOUN":
                what = tok.head.lemma_.lower()
            else:
                continue  # a share of what is not said: no slot
            verb = _governing_verb(tok)
            pred = verb.lemma_.lower() if verb is not None else ""
            found.append(s.fact("number", f"%|{what}|{pred}", f"share of {what} ({pred})".replace(" ()", ""),
                                amount.label, amount.span, chain_of(tok), amount))  # fmt: skip
            continue
        if unit in {"$", "£", "€", "¥"}:
            verb = _governing_verb(tok)
            if verb is None:
                continue
            pred = verb.lemma_.lower()
            what = _what_money_is(tok)
            found.append(s.fact("number", f"{unit}|{pred}|{what}", f"amount {verb.lower_} {what}".strip(),
                                amount.label, amount.span, chain_of(tok), amount, pred=pred))  # fmt: skip
            continue
        if not unit or unit in _TIME_NOUNS | _MEASURES:
            continue  # money and durations name many slots in one story; left to aligned claims
        if tok.lemma_.lower() != unit or tok.pos_ != "NOUN":
            continue
        mods = _modifiers(tok)
        pred, pred_word = _noun_predicate(tok)
        key = "count|" + unit + "|" + ",".join(mods)
        noun = tok.lower_ if tok.lower_.endswith("s") else unit
        words = f"number of {noun}" + (f" ({', '.join(mods)})" if mods else "")
        label = amount.label
        if unit == "block" and any(m.startswith("of ") for m in mods):
            words = "street block " + next(m for m in mods if m.startswith("of "))
        found.append(s.fact("number", key, words + (f" {pred_word}" if pred_word else ""),
                            label, amount.span, chain_of(tok), amount, pred=pred))  # fmt: skip
    for tok in s.sent:
        mult = _MULTIPLIERS.get(tok.lower_)
        if mult is None or s.quoted(tok.idx) or hypothetical(tok):
            continue
        start = tok.idx
        qualifier = ""
        before = s.article.text[s.sent.start_char : tok.idx].lower()
        for phrase, q in (("more than", "more than"), ("nearly", "nearly"), ("almost", "nearly"),
                          ("about", "about"), ("roughly", "about"), ("at least", "at least")):  # fmt: skip
            if before.rstrip().endswith(phrase):
                qualifier, start = q, s.sent.start_char + len(before.rstrip()) - len(phrase)
                break
        ref = next((str(y) for y in sorted(s.years)), "")
        if not ref:
            continue
        end = tok.idx + len(tok.text)
        amount = Amount(mult, qualifier, "times", None, (start, end), s.article.text[start:end],  # type: ignore[arg-type]
                        step=0.001, head=tok.i)  # fmt: skip
        found.append(s.fact("number", f"times|{ref}", f"change compared with {ref}",
                            s.article.text[start:end], (start, end), chain_of(tok), amount))  # fmt: skip
    return found
