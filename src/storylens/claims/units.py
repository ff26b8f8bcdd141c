"""Statement units: one statement sentence of one article, with what alignment and typing
need (entities, figures, content words, main predicates, named subject, quotation state).

Claims, signals and the summary all read them, so they are computed once per article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storylens.claims.attribution import _REPORT_VERBS, attribution_words, find_attribution
from storylens.claims.kinds import Kind, classify_kind, is_opinion_page, is_statement
from storylens.claims.quoting import QUOTE_LED_SHARE, _tokens, quoting, unquoted
from storylens.nlp import Models
from storylens.records import Article

if TYPE_CHECKING:
    from spacy.tokens import Span

_TIME_ENTS = {"DATE", "TIME"}
_MATCH_ENTS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"}

_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 10**9}


@dataclass
class Unit:
    """One statement sentence of one article, with what alignment and typing need."""

    article: Article
    span: tuple[int, int]
    kind: Kind
    attributed_to: str | None
    entities: frozenset[str]
    numbers: frozenset[float]
    quoted_share: float
    starts_in_quote: bool
    ends_in_quote: bool = False
    words: list[str] = field(default_factory=list)
    predicates: frozenset[str] = frozenset()
    quoted_tokens: tuple[str, ...] = ()
    tokens: tuple[str, ...] = ()
    subject: frozenset[str] = frozenset()
    source_words: frozenset[str] = frozenset()
    days: frozenset[float] = frozenset()
    roles: frozenset[tuple[str, str, str]] = frozenset()
    present: bool = False
    naming: frozenset[str] = frozenset()
    money: frozenset[tuple[str, float]] = frozenset()

    @property
    def text(self) -> str:
        return self.article.slice(self.span)


def _entity_key(text: str) -> str:
    key = text.lower().replace(".", "").replace("’s", "").replace("'s", "").strip()
    key = re.sub(r"^the\s+", "", key)
    return key


def _entities(sent: Span) -> frozenset[str]:
    keys: set[str] = set()
    for ent in sent.ents:
        if ent.label_ in _MATCH_ENTS:
            key = _entity_key(ent.text)
            if ent.label_ == "PERSON":
                key = key.split()[-1] if key.split() else key
            if key:
                keys.add(key)
    return frozenset(keys)


_MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b\.?", re.IGNORECASE
)


def calendar_days(sent: Span) -> frozenset[float]:
    """Days of the month the sentence names ("on March 30", "Nov. 18"): when something
    happened, not what, so sharing one does not make two sentences one statement."""
    days: set[float] = set()
    for ent in sent.ents:
        if ent.label_ == "DATE" and _MONTH.search(ent.text):
            for tok in ent:
                if tok.is_digit and 1 <= int(tok.text) <= 31:
                    days.add(float(tok.text))
    return frozenset(days)


_MONEY = re.compile(
    r"(?P<cur>[$£€¥])\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<mul>million|billion|thousand|bn|m|k)?\b",
    re.IGNORECASE,
)
_MONEY_MULTIPLIERS = {**_MULTIPLIERS, "bn": 10**9, "m": 1_000_000, "k": 1_000}


def money_amounts(sent: Span) -> frozenset[tuple[str, float]]:
    """Sums of money the sentence gives, with their currency sign ("$25 million" is
    ``("$", 25e6)``, "£14m" ``("£", 14e6)``): amounts are compared only within one currency,
    since two outlets may render one sum in two currencies."""
    amounts: set[tuple[str, float]] = set()
    # read off the text, not the MONEY entities: the tagger splits "nearly $20m" and "$5.2bn"
    for m in _MONEY.finditer(sent.text):
        value = float(m["num"].replace(",", ""))
        if m["mul"]:
            value *= _MONEY_MULTIPLIERS[m["mul"].lower()]
        amounts.add((m["cur"], value))
    return frozenset(amounts)


def _numbers(sent: Span) -> frozenset[float]:
    """Numeric values stated in the sentence ("6,000" and "six thousand" are both 6000)."""
    values: set[float] = set()
    current: float | None = None
    for tok in sent:
        low = tok.lower_.replace(",", "")
        value: float | None = None
        if re.fullmatch(r"\d+(?:\.\d+)?", low):
            value = float(low)
        elif low in _NUMBER_WORDS:
            value = float(_NUMBER_WORDS[low])
        if low in _MULTIPLIERS and current is not None:
            current *= _MULTIPLIERS[low]
            continue
        if value is not None and tok.ent_type_ not in {"ORDINAL"}:
            if current is not None:
                values.add(current)
            current = value
            continue
        if current is not None:
            values.add(current)
            current = None
    if current is not None:
        values.add(current)
    values.discard(1.0)  # "one of", "one" as a pronoun: too common to mean a figure
    return frozenset(values)


def _key_match(a: str, b: str) -> bool:
    """Entity keys agree when equal or one is an inflection of the other (Iran/Iranian)."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    common = len(short)
    for i, (x, y) in enumerate(zip(short, long_, strict=False)):
        if x != y:
            common = i
            break
    return common >= 4 and common >= len(short) - 1


def entity_agreement(a: frozenset[str], b: frozenset[str]) -> float | None:
    """Share of entities, counted on both sides, that the other sentence also names; None if
    neither names any."""
    if not a and not b:
        return None
    hit_a = sum(any(_key_match(x, y) for y in b) for x in a)
    hit_b = sum(any(_key_match(y, x) for x in a) for y in b)
    return (hit_a + hit_b) / (len(a) + len(b))


_DATELINE = re.compile(r"[A-Z]{2}[A-Z.,' ]*(?:\([A-Za-z .]+\))?\s*[-–—]+\s")
"""A wire dateline at a sentence's start: "NEW YORK (Reuters) - ", "JOHANNESBURG (AP) — "."""


def dateline_end(text: str) -> int:
    """Characters of a leading dateline (0 if none): where the story was filed is no part of
    what it states, and two wires filed from one city share its name."""
    found = _DATELINE.match(text)
    return found.end() if found else 0


_NAMING = {"NOUN", "PROPN", "VERB"}


def naming_words(sent: Span) -> frozenset[str]:
    """Lemmas of the content words that name a thing, a party or an act (nouns, names,
    verbs); "electric" and "inside" only describe them."""
    skip = sent.start_char + dateline_end(sent.text)
    return frozenset(
        t.lemma_.lower()
        for t in sent
        if t.idx >= skip and t.is_alpha and not t.is_stop and len(t.text) > 1 and t.pos_ in _NAMING
    )


def content_words(sent: Span) -> list[str]:
    """Lower-case lemmas of the content words (stop words, numbers, punctuation and a leading
    dateline left out)."""
    seen: dict[str, None] = {}
    skip = sent.start_char + dateline_end(sent.text)
    for t in sent:
        if t.idx < skip:
            continue
        if t.is_alpha and not t.is_stop and len(t.text) > 1:
            seen.setdefault(t.lemma_.lower(), None)
    return list(seen)


_MAIN_CLAUSE = {"ROOT", "conj", "ccomp", "xcomp", "parataxis"}


def predicates(sent: Span) -> frozenset[str]:
    """Lemmas of the main-clause content verbs: what the sentence says happened.

    A verb counts when it and every verb above it heads a main, reported or complement clause
    ("Trump said Putin *offered* to *help*"); verbs of adverbial and relative clauses
    ("*Following* the strikes, ...", "... while *providing* Russia with ...") set the scene
    rather than state the news. Reporting verbs ("said", "told") are left out since nearly
    every statement of a news story has one.
    """
    found: set[str] = set()
    for t in sent:
        if t.pos_ != "VERB" or not t.is_alpha or t.is_stop or len(t.text) < 2:
            continue
        node = t
        while node.dep_ in _MAIN_CLAUSE and node.dep_ != "ROOT" and node.head is not node:
            node = node.head
        if node.dep_ == "ROOT":
            # a verb with its particle is its own predicate: "showed up" is not "showed"
            particle = next((c.lower_ for c in t.children if c.dep_ == "prt"), None)
            found.add(t.lemma_.lower() + (f" {particle}" if particle else ""))
    return frozenset(found) - _REPORT_VERBS


def predicate_roles(sent: Span) -> frozenset[tuple[str, str, str]]:
    """(predicate, role, noun) for the main-clause predicates whose doer ("agent": the active
    subject) or undergoer ("patient": the object, or the passive subject) is a common noun:
    "officials issued a hurricane warning" gives ("issue", "patient", "warning"), "evacuation
    orders were issued" ("issue", "patient", "order"). One verb said of two different things
    is two statements (see :func:`storylens.claims.scoring.roles_agree`)."""
    wanted = predicates(sent)
    found: set[tuple[str, str, str]] = set()
    for t in sent:
        if t.pos_ != "VERB":
            continue
        particle = next((c.lower_ for c in t.children if c.dep_ == "prt"), None)
        lemma = t.lemma_.lower() + (f" {particle}" if particle else "")
        if lemma not in wanted:
            continue
        for c in t.children:
            role = {"nsubj": "agent", "dobj": "patient", "nsubjpass": "patient"}.get(c.dep_)
            if role and c.pos_ == "NOUN" and c.is_alpha:
                found.add((lemma, role, c.lemma_.lower()))
            elif c.dep_ == "xcomp" and c.pos_ == "VERB":
                # what one is ordered, asked or expected to do: "ordered to pay" is not
                # "ordered to give control of the book"
                found.add((lemma, "complement", c.lemma_.lower()))
    return frozenset(found)


def states_present(sent: Span) -> bool:
    """Whether the sentence's own main verb is in the present or the present perfect ("BP
    shareholders have rejected ..."): what it says holds now, not in a year gone by."""
    root = next((t for t in sent if t.dep_ == "ROOT"), None) or sent.root
    if root.lemma_.lower() in _REPORT_VERBS:
        root = next((c for c in root.children if c.dep_ == "ccomp"), root)
    auxes = [c for c in root.children if c.dep_ in {"aux", "auxpass"}]
    if any(c.tag_ == "MD" for c in auxes):
        return False
    if root.tag_ in {"VBZ", "VBP"}:
        return True
    return root.tag_ == "VBN" and any(c.tag_ in {"VBZ", "VBP"} for c in auxes)


def named_subject(sent: Span) -> frozenset[str]:
    """The proper names of the subject of what the sentence says happened (lower case): the
    root's subject, or, when the root is a reporting verb, the subject of what is reported.
    Empty when that subject is not a name ("the man", "it", "a lion")."""
    # the sentence's own root: spaCy parses the whole article, and a sentence the splitter cut
    # differently can hang from a verb of the sentence before ("Driver was discussing ..." as a
    # ccomp of the previous sentence's "said")
    root = next((t for t in sent if t.dep_ == "ROOT"), None) or sent.root
    if root.lemma_.lower() in _REPORT_VERBS:
        reported = next((c for c in root.children if c.dep_ == "ccomp"), None)
        if reported is None:
            return frozenset()
        root = reported
    # the subject nearest the verb: a dateline ("JOHANNESBURG (AP) — A lion was shot") can be
    # parsed as a second subject before the real one
    subjects = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}]
    subj = max(subjects, key=lambda c: (c.i < root.i, c.i if c.i < root.i else -c.i), default=None)
    if subj is not None and subj.pos_ == "NOUN":
        # a thing of a named owner is said of that owner ("NamUs' website includes ..." is
        # said of NamUs, not of "The North Coast Journal"); a day owns nothing ("Sunday's
        # dedication" is not said of Sunday)
        subj = next(
            (
                c
                for c in subj.children
                if c.dep_ == "poss" and c.pos_ == "PROPN" and c.ent_type_ not in _TIME_ENTS
            ),
            None,
        )
    if subj is None or subj.pos_ != "PROPN" or subj.text.isupper():
        return frozenset()
    name = [subj, *(c for c in subj.children if c.dep_ in {"compound", "flat"})]
    return frozenset(t.lower_ for t in name if t.pos_ == "PROPN" and t.is_alpha and len(t.text) > 1)


def statement_units(article: Article, models: Models) -> list[Unit]:
    """The statement sentences of an article, typed and with their attribution.

    Claims, signals and the summary all read them, so they are computed once per article.
    """
    # the kinds also depend on where the page is from (an opinion URL), not only on its text
    name = "statement_units:opinion" if is_opinion_page(article) else "statement_units"
    return models.memo(name, article, lambda: _statement_units(article, models))


def _statement_units(article: Article, models: Models) -> list[Unit]:
    doc = models.doc(article)
    units: list[Unit] = []
    for span in models.sentences(article):
        sent = doc.char_span(span[0], span[1], alignment_mode="expand")
        if sent is None or not is_statement(article.slice(span), sent):
            continue
        units.append(_unit(article, span, sent))
    return units


def unit_at(article: Article, span: tuple[int, int], models: Models) -> Unit | None:
    """A unit for a given span whether or not it reads as a statement: evaluation aligns
    sentences a gold set chose (headlines included), not those the statement filter keeps."""
    sent = models.doc(article).char_span(span[0], span[1], alignment_mode="expand")
    return None if sent is None else _unit(article, span, sent)


def _unit(article: Article, span: tuple[int, int], sent: Span) -> Unit:
    text = article.slice(span)
    mask, opened, still_open = quoting(article, span)
    share = sum(mask) / len(mask) if mask else 0.0
    attributed_to = find_attribution(sent, mask)
    kind = classify_kind(text, mask)
    if kind == "fact" and is_opinion_page(article):
        kind = "opinion"
    elif kind == "fact" and (attributed_to or share >= QUOTE_LED_SHARE or opened or still_open):
        kind = "attributed"
    return Unit(
        article=article,
        span=span,
        kind=kind,
        attributed_to=attributed_to,
        entities=_entities(sent),
        numbers=_numbers(sent),
        days=calendar_days(sent),
        money=money_amounts(sent),
        roles=predicate_roles(sent),
        present=states_present(sent),
        naming=naming_words(sent),
        words=content_words(sent),
        predicates=predicates(sent),
        quoted_share=share,
        starts_in_quote=opened,
        ends_in_quote=still_open,
        quoted_tokens=tuple(_tokens(unquoted(text, [not m for m in mask]))),
        tokens=tuple(_tokens(text)),
        subject=named_subject(sent),
        source_words=attribution_words(sent, attributed_to),
    )
