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
from storylens.slots.amounts import Amount, amounts
from storylens.slots.dates import DateValue, date_values
from storylens.slots.places import Place, places

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

Kind = Literal["number", "time", "place", "person", "negation"]

_CAPTION = re.compile(
    r"\((?:Photo|Image|Published|Credit|Pictured)\b|\bPhoto(?:graph)?:|\bImage (?:caption|copyright)\b"
    r"|\bCaption\b|\bGetty Images\b|\b(?:AP|AFP|EPA|Reuters) Photo\b|/(?:AP|AFP|Reuters|Getty)\b"
    r"|\bFull Screen\b|\bView Photos\b|\bAutoplay\b|\bBack to Gallery\b|\bNow Playing\b"
    r"|\bCourtesy\b|\bFile photo\b|\bRead more\b|\(@\w+\)",
)
_HYPOTHETICAL_AUX = {"could", "would", "might", "may", "should", "can"}
_CONDITIONAL_MARKS = {"if", "unless", "whether"}
_REPORTING = {
    "say", "tell", "report", "announce", "state", "add", "claim", "note", "tweet", "post",
    "confirm", "write", "quote", "cite", "explain", "insist", "reveal",
}  # fmt: skip
_LIGHT = {"be", "have", "do", "go", "make", "take", "get", "come", "begin", "start", "seem"}
# verbs by which a tally is recorded: "121 cases were confirmed" and "120 cases reported"
# give the same slot
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
    "liter", "litre", "barrel", "acre", "hectare", "point", "vote",
}  # fmt: skip
_DISTANCE = {
    "km": 1.0, "kilometer": 1.0, "kilometre": 1.0, "kms": 1.0, "mile": 1.609344, "mi": 1.609344,
    "meter": 0.001, "metre": 0.001, "foot": 0.0003048, "feet": 0.0003048, "yard": 0.0009144,
}  # fmt: skip
_MULTIPLIERS = {"double": 2.0, "twice": 2.0, "triple": 3.0, "treble": 3.0, "quadruple": 4.0}
_COMPARISON = re.compile(r"\b(?:versus|vs\.?|compared (?:with|to)|respectively|while)\b", re.I)
_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "compound", "poss", "agent", "attr", "appos"}
_NAME_ENTS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"}
_STOP_NOUNS = {"thing", "way", "lot", "part", "people", "one", "it", "this", "that", "who"}

# A happening's schedule: one side says it will not happen as planned, the other that it will
_CALLED_OFF = {"postpone", "cancel", "delay", "scrap", "suspend", "reschedule", "scrub", "axe"}
_ON_SCHEDULE = re.compile(
    r"\b(?:on schedule|on track|as planned|as scheduled|go(?:es|ing)? ahead|will proceed)\b", re.I
)
_NEGATING_HEADS = {"unable", "fail", "refuse", "decline"}
# "tried to contact her", "hoped to reach": an attempt or a wish, not a report that it happened
_UNASSERTED_HEADS = {"try", "attempt", "seek", "hope", "want", "plan", "aim", "expect", "intend"}


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


def usable(text: str) -> bool:
    """A sentence a slot may be read from: not a caption or credit, not a question."""
    return not _CAPTION.search(text) and not text.rstrip("\"'”’) ").endswith("?")


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


def _key(tok: Token) -> str:
    """How a participant is matched: a name by its last word ("Mikhail Kalashnikov" and
    "Kalashnikov"), a common noun by its lemma."""
    if tok.ent_type_ in _NAME_ENTS or tok.pos_ == "PROPN":
        return re.sub(r"['’]s?$", "", tok.lower_).strip(".")
    return tok.lemma_.lower()


def sentence_anchors(sent: Span) -> frozenset[str]:
    found = set()
    for tok in sent:
        if tok.pos_ in {"NOUN", "PROPN"} and not tok.is_stop and len(tok.text) > 2:
            found.add(_key(tok))
    return frozenset(found - _STOP_NOUNS)


def _resolve_pronoun(tok: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies ("the Office, who contacted")."""
    if tok.lower_ in {"who", "which", "that", "whose"} and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def _args(tok: Token) -> set[str]:
    found = set()
    for child in tok.children:
        if child.dep_ in _ARG_DEPS or (
            child.dep_ == "prep" and child.lower_ in {"of", "to", "with"}
        ):
            target = child
            if child.dep_ == "prep":
                target = next((c for c in child.children if c.dep_ == "pobj"), child)
            if target.pos_ in {"NOUN", "PROPN", "PRON"}:
                target = _resolve_pronoun(target)
                if target.pos_ in {"NOUN", "PROPN"}:
                    found.add(_key(target))
                    found |= {_key(c) for c in target.children if c.dep_ in {"compound", "poss"}}
    return found - _STOP_NOUNS


def _chain(tok: Token) -> list[Token]:
    """The word a value hangs from and its heads up to the clause's verb."""
    out = [tok]
    while tok.pos_ not in {"VERB", "AUX"} and tok.head is not tok and len(out) < 6:
        tok = tok.head
        if tok.dep_ == "prep" or tok.pos_ == "ADP":
            continue
        out.append(tok)
    return out


def _hypothetical(tok: Token) -> bool:
    for anc in [tok, *tok.ancestors]:
        if anc.pos_ in {"VERB", "AUX"}:
            kids = list(anc.children)
            if any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL_AUX for c in kids):
                return True
            if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in kids):
                return True
    return False


@dataclass
class _Sentence:
    article: Article
    span: tuple[int, int]
    sent: Span
    mask: list[bool]
    anchors: frozenset[str]
    years: frozenset[int]
    dated: str = ""

    def quoted(self, pos: int) -> bool:
        k = pos - self.span[0]
        return 0 <= k < len(self.mask) and self.mask[k]

    def fact(self, kind: Kind, key: str, slot: str, label: str, span: tuple[int, int],
             heads: list[Token], value: Amount | DateValue | Place | str | bool,
             extra_args: set[str] | None = None, pred: str = "") -> Fact:  # fmt: skip
        args: set[str] = set(extra_args or ())
        words = {h.lemma_.lower() for h in heads}
        for h in heads:
            args |= _args(h)
            if (
                h.lemma_.lower() in _LIGHT
            ):  # "took effect", "made landfall": the object is the happening
                words |= {c.lemma_.lower() for c in h.children if c.dep_ == "dobj"}
        return Fact(
            kind, key, slot, label, self.article, self.span, span, self.anchors,
            frozenset(args), frozenset(words), self.years, value, pred,
            self.dated,
        )  # fmt: skip


_AS_OF = re.compile(r"\b(?:as of|as at|so far|to date|up to now|thus far)\b([^,.;]{0,30})", re.I)


def _dated(text: str) -> str:
    """The moment a sentence dates its figures at, in a form two outlets can share."""
    m = _AS_OF.search(text)
    if m is None:
        return ""
    tail = Article(id="", source="", text=m.group(1))
    found = date_values(tail, (0, len(tail.text)))
    return found[0].label if found else "so far"


def _sentences(article: Article, models: Models) -> list[_Sentence]:
    doc = models.doc(article)
    out = []
    for start, end in models.sentences(article):
        text = article.text[start:end]
        if not usable(text):
            continue
        sent = doc.char_span(start, end, alignment_mode="expand")
        if sent is None:
            continue
        para = article.text.rfind("\n", 0, start) + 1
        mask = quote_mask(article.text[para:end])[start - para :]
        years = frozenset(int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", text))
        out.append(
            _Sentence(
                article, (start, end), sent, mask, sentence_anchors(sent), years, _dated(text)
            )
        )
    return out


# --- figures --------------------------------------------------------------------------------


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


def _modifiers(noun: Token) -> tuple[str, ...]:
    """Words that narrow what is counted: "new cases", "cases in California", "block of X"."""
    mods = [c.lemma_.lower() for c in noun.children if c.dep_ == "amod"]
    for prep in (c for c in noun.children if c.dep_ == "prep"):
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is not None and prep.lower_ in {"of", "for", "among", "in", "at", "from"}:
            kinds = " ".join(c.lemma_.lower() for c in obj.children if c.dep_ == "amod")
            mods.append(f"{prep.lower_} {kinds + ' ' if kinds else ''}{_key(obj)}")
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
    return f"{prep.lower_} {kinds + ' ' if kinds else ''}{_key(obj)}"


def _reference(sent: Span, tok: Token) -> str:
    """What a distance is measured from: "30km from the park"; "12 miles away" after
    "escaped from the park" in the same sentence."""
    around = [*tok.children, *(tok.head.children if tok.head is not tok else [])]
    for c in [tok.head, *around]:
        if c.dep_ == "prep" and c.lower_ == "from":
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None:
                return _key(obj)
    if any(c.lower_ == "away" for c in sent):
        froms = [t for t in sent if t.lower_ == "from" and t.i < tok.i]
        for f in reversed(froms):
            obj = next((o for o in f.children if o.dep_ == "pobj"), None)
            if obj is not None:
                return _key(obj)
    return ""


def _figures(s: _Sentence, models: Models) -> list[Fact]:
    found: list[Fact] = []
    comparative = bool(_COMPARISON.search(s.sent.text))
    doc = s.sent.doc
    for amount in amounts(s.article, s.span, models):
        if amount.head < 0 or s.quoted(amount.span[0]):
            continue
        tok = doc[amount.head]
        if _hypothetical(tok) or comparative:
            continue
        unit = amount.unit
        if unit in _DISTANCE:
            ref = _reference(s.sent, tok)
            if not ref:
                continue
            km = Amount(amount.value * _DISTANCE[unit], amount.qualifier, "km", None,
                        amount.span, amount.text, step=amount.step * _DISTANCE[unit],
                        upper=None if amount.upper is None else amount.upper * _DISTANCE[unit],
                        head=amount.head)  # fmt: skip
            found.append(s.fact("number", f"distance|{ref}", f"distance from the {ref}",
                                amount.text, amount.span, _chain(tok), km))  # fmt: skip
            continue
        if unit == "%":
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
            if obj is not None:
                what = _key(obj)
            elif tok.dep_ in {"nummod", "compound", "amod"} and tok.head.pos_ == "NOUN":
                what = tok.head.lemma_.lower()
            else:
                continue  # a share of what is not said: no slot
            verb = _governing_verb(tok)
            pred = verb.lemma_.lower() if verb is not None else ""
            found.append(s.fact("number", f"%|{what}|{pred}", f"share of {what} ({pred})".replace(" ()", ""),
                                amount.label, amount.span, _chain(tok), amount))  # fmt: skip
            continue
        if unit in {"$", "£", "€", "¥"}:
            verb = _governing_verb(tok)
            if verb is None:
                continue
            pred = verb.lemma_.lower()
            what = _what_money_is(tok)
            found.append(s.fact("number", f"{unit}|{pred}|{what}", f"amount {verb.lower_} {what}".strip(),
                                amount.label, amount.span, _chain(tok), amount, pred=pred))  # fmt: skip
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
                            label, amount.span, _chain(tok), amount, pred=pred))  # fmt: skip
    for tok in s.sent:
        mult = _MULTIPLIERS.get(tok.lower_)
        if mult is None or s.quoted(tok.idx) or _hypothetical(tok):
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
                            s.article.text[start:end], (start, end), _chain(tok), amount))  # fmt: skip
    return found


# --- dates and places of a happening --------------------------------------------------------


def _attachment(sent: Span, start: int, end: int) -> tuple[Token, str] | None:
    """The word a date or place phrase hangs from, and its preposition ("" when bare)."""
    span = sent.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    head = root.head
    prep = ""
    if head.dep_ == "prep" or head.pos_ == "ADP":
        prep = head.lower_
        head = head.head
    if head is root:
        return None
    return head, prep


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


def _happenings(s: _Sentence, models: Models) -> list[Fact]:
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
        chain = _chain(head)
        lemmas = [t.lemma_.lower() for t in chain]
        said = chain[-1].lemma_.lower() in _REPORTING and len(chain) == 1
        if said and not any(c.dep_ == "dobj" for c in chain[-1].children):
            continue  # the day something was said: outlets report it on different days
        if _hypothetical(head):
            continue
        words = " ".join(dict.fromkeys(w for w in lemmas if w not in _LIGHT)) or lemmas[0]
        key = "time|" + _complements(chain[-1])
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
        if head is prep_tok[0] or head.pos_ not in {"VERB", "NOUN"} or _hypothetical(head):
            continue
        chain = _chain(head)
        words = " ".join(
            dict.fromkeys(t.lemma_.lower() for t in chain if t.lemma_.lower() not in _LIGHT)
        )
        key = "place|" + _complements(chain[-1])
        found.append(
            s.fact("place", key, f"place of: {words}", place.text, place.span, chain, place)
        )
    return found


# --- names ----------------------------------------------------------------------------------


def _names(s: _Sentence) -> list[Fact]:
    found: list[Fact] = []
    for ent in s.sent.ents:
        if ent.label_ != "PERSON" or len(ent) != 2 or s.quoted(ent.start_char):
            continue
        first, last = ent[0], ent[1]
        if not (first.is_alpha and last.is_alpha and first.is_title and last.is_title):
            continue
        context = {
            _key(t)
            for t in s.sent
            if t.ent_type_ == "PERSON" and t.i not in range(ent.start, ent.end)
        }
        role = {t.lemma_.lower() for t in [ent.root.head, *ent.root.children] if t.pos_ == "NOUN"}
        found.append(s.fact("person", f"person|{first.lower_}", f"name of {first.text} ...",
                            ent.text, (ent.start_char, ent.end_char), [ent.root],
                            last.text, context | role))  # fmt: skip
    return found


# --- status and negation --------------------------------------------------------------------


def _thing(tok: Token) -> str:
    """A happening named by a noun and what it is of: "dedication|memorial"."""
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    return tok.lemma_.lower() + ("|" + obj.lemma_.lower() if obj is not None else "")


def _statuses(s: _Sentence) -> list[Fact]:
    found: list[Fact] = []
    for tok in s.sent:
        if s.quoted(tok.idx):
            continue
        negated = any(c.dep_ == "neg" for c in tok.children)
        if tok.lemma_.lower() in _CALLED_OFF and tok.pos_ == "VERB":
            subj = next((c for c in tok.children if c.dep_ in {"nsubjpass", "dobj"}), None)
            if subj is None or subj.pos_ != "NOUN" or _hypothetical(tok):
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
        if subj is None or subj.pos_ != "NOUN" or _hypothetical(verb):
            continue
        thing = _thing(subj)
        span = (start, start + len(m.group(0)))
        found.append(s.fact("negation", f"status|{thing}", f"whether the {thing.replace('|', ' of the ')} goes ahead",
                            "on schedule", span, [verb], False, {subj.lemma_.lower()}))  # fmt: skip
    for tok in s.sent:
        if tok.pos_ != "VERB" or s.quoted(tok.idx) or tok.lemma_.lower() in _REPORTING | _LIGHT:
            continue
        obj = next((c for c in tok.children if c.dep_ in {"dobj"}), None)
        if obj is None or obj.ent_type_ not in {"PERSON", "ORG"}:
            # no named object: the named subject is who did or did not do it
            obj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if obj is None or obj.ent_type_ not in {"PERSON", "ORG"}:
                continue
        negated = any(c.dep_ == "neg" for c in tok.children)
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _NEGATING_HEADS:
            negated = True  # "unable to contact", "failed to reach"
        if _hypothetical(tok) or (
            tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _UNASSERTED_HEADS
        ):
            continue
        first = min([tok.idx] + [c.idx for c in tok.children if c.dep_ in {"neg", "aux"}])
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _NEGATING_HEADS:
            first = min(first, tok.head.idx)
        span = (first, tok.idx + len(tok.text))
        lemma = tok.lemma_.lower()
        found.append(s.fact("negation", f"polarity|{lemma}", f"whether {lemma} {obj.text}",
                            ("not " if negated else "") + lemma, span, [tok], not negated, {_key(obj)}))  # fmt: skip
    return found


def sentence_facts(article: Article, models: Models) -> list[Fact]:
    """Every value with an identity that the article's own sentences state."""

    def compute() -> list[Fact]:
        out: list[Fact] = []
        for s in _sentences(article, models):
            out += _figures(s, models)
            out += _happenings(s, models)
            out += _names(s)
            out += _statuses(s)
        return out

    return models.memo("slot-facts", article, compute)
