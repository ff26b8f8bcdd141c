"""Values with an identity: what a figure, date, place, name or status in a sentence is the value *of*.

Two outlets disagree only when they give the same slot different values, so each value read
off a sentence is kept with what makes its slot: the noun a figure counts and the verb that
counts it ("121 cases were confirmed": cases, confirmed), the reference a distance is measured
from, the happening a date or a place belongs to (its predicate and participants: "wrote a
letter" by Kalashnikov), the role a name fills ("his friend Fred ... (Jacob Latimore)"), the
thing whose schedule a status word reports ("the dedication of the memorial was postponed").

Sentences a slot is never read from: photo captions and credits, questions, words inside
quotation marks (a speaker's claim, not the outlet's), and clauses that are hypothetical ("if
20% of shareholders vote", "could reach 300").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from storylens.nlp import Models
from storylens.records import Article
from storylens.slots.amounts import Amount
from storylens.slots.dates import DateValue, date_values
from storylens.slots.places import Place

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

Kind = Literal["number", "time", "place", "person", "negation"]

_CAPTION = re.compile(
    r"\((?:Photo|Image|Published|Credit|Pictured)\b|\bPhoto(?:graph)?:|\bImage (?:caption|copyright)\b"
    r"|\bCaption\b|\bGetty Images\b|\b(?:AP|AFP|EPA|Reuters) Photo\b|/(?:AP|AFP|Reuters|Getty)\b"
    r"|\bFull Screen\b|\bView Photos\b|\bAutoplay\b|\bBack to Gallery\b|\bNow Playing\b"
    r"|\bCourtesy\b|\bFile photo\b|\bRead more\b|\(@\w+\)"
    r"|, (?:left|right|center|centre|second from (?:left|right)),|\((?:left|right|center|centre)\)"
    r"|\b(?:Last updated|Updated|Published|Posted)(?: on)?:?\s+(?:at\s+)?\d|\b(?:Published|Updated|Posted):",
)
_HYPOTHETICAL_AUX = {"could", "would", "might", "may", "should", "can"}
_CONDITIONAL_MARKS = {"if", "unless", "whether"}
REPORTING_VERBS = {
    "say", "tell", "report", "announce", "state", "add", "claim", "note", "tweet", "post",
    "confirm", "write", "quote", "cite", "explain", "insist", "reveal",
}  # fmt: skip
LIGHT_VERBS = {"be", "have", "do", "go", "make", "take", "get", "come", "begin", "start", "seem"}
# verbs by which a tally is recorded: "121 cases were confirmed" and "120 cases reported"
# give the same slot
_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "compound", "poss", "agent", "attr", "appos"}
_NAME_ENTS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"}
_PLACE_ENTS = {"GPE", "LOC", "FAC"}
_ARG_PREPS = {"of", "to", "with", "in", "at", "near", "from"}
_STOP_NOUNS = {"thing", "way", "lot", "part", "people", "one", "it", "this", "that", "who"}


@dataclass(frozen=True)
class Fact:
    """One value of one slot in one sentence, with what tells its slot apart from others."""

    kind: Kind
    key: str
    """Facts are only ever compared within one key (the counted noun, the happening's word)."""
    slot: str
    """The slot in words: "number of cases (confirmed)", "date of: write letter"."""
    label: str
    """The value as a reader would say it, the same however each outlet wrote it."""
    article: Article
    sentence: tuple[int, int]
    span: tuple[int, int]
    anchors: frozenset[str]
    """Names and nouns the whole sentence is about."""
    args: frozenset[str]
    """Participants of the happening the value belongs to (subject, object, owner, ...)."""
    heads: frozenset[str]
    """The predicate words the value hangs from (the verb, the event noun, up to the clause)."""
    times: frozenset[int]
    """Years the sentence ties a figure to ("in 2014, when 121 cases were confirmed")."""
    value: Amount | DateValue | Place | str | bool
    pred: str = ""
    """The verb that counts a figure's noun ("tally" for confirmed, reported, recorded ...)."""
    dated: str = ""
    """The time a sentence says its figures hold at ("as of November 13", "so far")."""
    names: frozenset[str] = frozenset()
    """The participants that are names ("Cheeks" fired on March 2, "O'Brien" on June 8)."""
    event: str = ""
    """An event noun a value hangs from with its modifiers: "loss|home", "semifinal|second"."""
    where: frozenset[str] = frozenset()
    """The places the whole sentence names ("a UN school in ... Khan Younis")."""
    counts: frozenset[str] = frozenset()
    """How many of a participant the happening has ("palestinian=five"): "Five Palestinians
    killed ... on Thursday" and "116 Palestinians ... were killed Wednesday" are two killings."""
    doers: frozenset[str] = frozenset()
    """Who did or did not do it, for a denial: "Hansbrough passed Ford" and "Jamison, Jordan
    and McCants failed to pass Ford" are about different people passing."""


def _event_noun(heads: list[Token]) -> str:
    if not heads or heads[0].pos_ != "NOUN":
        return ""
    noun = heads[0]
    mods = sorted(
        c.lemma_.lower() for c in noun.children if c.dep_ in {"amod", "nummod", "compound"}
    )
    return noun.lemma_.lower() + "|" + ",".join(mods)


_CLOCK = re.compile(r"\b\d{1,2}: ?\d{2}\s*(?:[ap]\. ?m\.|[ap]m|gmt|utc|[ecmp][sd]t)?", re.I)


def usable(text: str) -> bool:
    """A sentence a slot may be read from: not a caption or credit, not a question, not a
    timestamp line ("May 3, 2013 | 8: 20 am")."""
    if _CAPTION.search(text) or text.rstrip("\"'”’) ").endswith("?"):
        return False
    short = len(text.split()) <= 12
    return not (short and _CLOCK.search(text) and re.search(r"\b(?:19|20)\d{2}\b", text))


def quote_mask(text: str) -> list[bool]:
    """Per character of a paragraph-bounded text: inside quotation marks or not."""
    mask, inside = [], False
    for ch in text:
        if ch in "“":
            inside = True
        elif ch in "”":
            mask.append(True)
            inside = False
            continue
        elif ch == '"':
            inside = not inside
            mask.append(True)
            continue
        elif ch == "\n":
            inside = False
        mask.append(inside)
    return mask


def word_key(tok: Token) -> str:
    """How a participant is matched: a name by its last word ("Mikhail Kalashnikov" and
    "Kalashnikov"), a common noun by its lemma."""
    if tok.ent_type_ in _NAME_ENTS or tok.pos_ == "PROPN":
        return re.sub(r"['’]s?$", "", tok.lower_).strip(".")
    return tok.lemma_.lower()


def sentence_anchors(sent: Span) -> frozenset[str]:
    found = set()
    for tok in sent:
        if tok.pos_ in {"NOUN", "PROPN"} and not tok.is_stop and len(tok.text) > 2:
            found.add(word_key(tok))
    return frozenset(found - _STOP_NOUNS)


_PLACE_NOUNS = {
    "city", "town", "village", "camp", "province", "region", "district", "state", "county",
    "neighbourhood", "neighborhood", "suburb", "capital", "area", "island",
}  # fmt: skip


def sentence_places(sent: Span) -> frozenset[str]:
    """Names of places the sentence gives: tagged places, and proper nouns after "in", "at",
    "near" or "the city of" (the small model tags "Khan Younis" a person)."""
    found = {word_key(t) for t in sent if t.ent_type_ in _PLACE_ENTS}
    for tok in sent:
        prep = tok.head
        if tok.pos_ != "PROPN" or tok.dep_ != "pobj" or tok.ent_type_ in {"ORG", "NORP"}:
            continue
        if prep.lower_ in {"in", "at", "near"} or (
            prep.lower_ == "of" and prep.head.lemma_.lower() in _PLACE_NOUNS
        ):
            found.add(word_key(tok))
    return frozenset(found)


def _resolve_pronoun(tok: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies ("the Office, who contacted")."""
    if tok.lower_ in {"who", "which", "that", "whose"} and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def _arg_tokens(tok: Token) -> list[Token]:
    """The participants of a word: subject, object, owner, and what it is of, to, with, in or
    at ("killed in the Jabaliya school"); a relative pronoun stands for its noun."""
    found: list[Token] = []
    for child in tok.children:
        if child.dep_ in _ARG_DEPS or (child.dep_ == "prep" and child.lower_ in _ARG_PREPS):
            target = child
            if child.dep_ == "prep":
                target = next((c for c in child.children if c.dep_ == "pobj"), child)
            if target.pos_ in {"NOUN", "PROPN", "PRON"} and target.ent_type_ not in {
                "DATE",
                "TIME",
            }:
                target = _resolve_pronoun(target)
                if target.pos_ in {"NOUN", "PROPN"}:
                    found.append(target)
                    found += [c for c in target.children if c.dep_ in {"compound", "poss"}]
    return found


def _is_name(tok: Token) -> bool:
    return tok.ent_type_ in _NAME_ENTS or tok.pos_ == "PROPN"


def chain_of(tok: Token) -> list[Token]:
    """The word a value hangs from and its heads up to the clause's verb."""
    out = [tok]
    while tok.pos_ not in {"VERB", "AUX"} and tok.head is not tok and len(out) < 6:
        tok = tok.head
        if tok.dep_ == "prep" or tok.pos_ == "ADP":
            continue
        out.append(tok)
    return out


def hypothetical(tok: Token) -> bool:
    for anc in [tok, *tok.ancestors]:
        if anc.pos_ in {"VERB", "AUX"}:
            kids = list(anc.children)
            if any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL_AUX for c in kids):
                return True
            if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in kids):
                return True
    return False


@dataclass
class Sentence:
    article: Article
    span: tuple[int, int]
    sent: Span
    mask: list[bool]
    anchors: frozenset[str]
    years: frozenset[int]
    dated: str = ""
    where: frozenset[str] = frozenset()

    def quoted(self, pos: int) -> bool:
        k = pos - self.span[0]
        return 0 <= k < len(self.mask) and self.mask[k]

    def fact(self, kind: Kind, key: str, slot: str, label: str, span: tuple[int, int],
             heads: list[Token], value: Amount | DateValue | Place | str | bool,
             extra_args: set[str] | None = None, pred: str = "") -> Fact:  # fmt: skip
        args: set[str] = set(extra_args or ())
        names: set[str] = set()
        counts: set[str] = set()
        words = {h.lemma_.lower() for h in heads}
        for h in heads:
            # the value's own words are no participant ("struck ... in Kharkiv")
            toks = [t for t in _arg_tokens(h) if not span[0] <= t.idx < span[1]]
            args |= {word_key(t) for t in toks}
            names |= {word_key(t) for t in toks if _is_name(t)}
            counts |= {
                f"{word_key(t)}={c.lower_}" for t in toks for c in t.children if c.dep_ == "nummod"
            }
            if (
                h.lemma_.lower() in LIGHT_VERBS
            ):  # "took effect", "made landfall": the object is the happening
                words |= {c.lemma_.lower() for c in h.children if c.dep_ == "dobj"}
        return Fact(
            kind, key, slot, label, self.article, self.span, span, self.anchors,
            frozenset(args - _STOP_NOUNS), frozenset(words), self.years, value, pred,
            self.dated, frozenset(names - _STOP_NOUNS), _event_noun(heads), self.where,
            frozenset(counts),
        )  # fmt: skip


_AS_OF = re.compile(r"\b(?:as of|as at|so far|to date|up to now|thus far)\b([^,.;]{0,30})", re.I)


# a part of a happening a tally may be of: "during the game's deciding 15-2 run", "in the
# first half" (six blocked shots in the game, two of them in the run)
_PART = re.compile(
    r"\b(?:during|in|over|through)\s+(?:the|a|an|its|his|her|their)\s+[^,.;]{0,40}?\b"
    r"(run|half|quarter|period|stretch|spell|inning|innings|overtime|lap|leg|set|round)\b",
    re.I,
)


# a tally over a stated stretch of time: "since midnight", "over the past three weeks"
_OVER = re.compile(
    r"\b(?:since|over the (?:past|last)|in the (?:past|last)|during the (?:past|last)|"
    r"within the (?:past|last))\s+([^,.;]{1,25}?)(?=[,.;]|\s+(?:and|but|when|as|after)\b|$)",
    re.I,
)


def _dated(text: str) -> str:
    """The moment a sentence dates its figures at, in a form two outlets can share; a tally of
    a part of the happening ("during the deciding run") is dated at that part, a tally over a
    stretch of time ("since midnight", "over the past three weeks") at that stretch."""
    part = _PART.search(text)
    if part is not None:
        return "part:" + part.group(1).lower()
    over = _OVER.search(text)
    if over is not None:
        return "over:" + re.sub(r"\s+", " ", over.group(1).lower()).strip()
    m = _AS_OF.search(text)
    if m is None:
        return ""
    tail = Article(id="", source="", text=m.group(1))
    found = date_values(tail, (0, len(tail.text)))
    return found[0].label if found else "so far"


def sentences(article: Article, models: Models) -> list[Sentence]:
    doc = models.doc(article)
    out = []
    for start, end in models.sentences(article):
        text = article.text[start:end]
        if not usable(text):
            continue
        sent = doc.char_span(start, end, alignment_mode="expand")
        if sent is None or not any(t.pos_ in {"VERB", "AUX"} for t in sent):
            continue  # a dateline, a heading, a credit: no statement
        para = article.text.rfind("\n", 0, start) + 1
        mask = quote_mask(article.text[para:end])[start - para :]
        years = frozenset(int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", text))
        where = sentence_places(sent)
        anchors = sentence_anchors(sent)
        out.append(Sentence(article, (start, end), sent, mask, anchors, years, _dated(text), where))
    return out
