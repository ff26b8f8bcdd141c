"""Who said a quotation: cue patterns backed by the dependency parse, spokespeople and
groups (step 2 of :mod:`storylens.quotes`); the people an article names and how a phrase
resolves to one of them live in :mod:`storylens.quotes.people`, how sure each reading is in
:mod:`storylens.quotes.evidence`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storylens.records import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
from storylens.quotes._types import Span
from storylens.quotes.marks import (
    ScannedQuote,
    _Context,
    _context,
    _Mention,
    _norm,
    _outside,
    _paragraphs,
    _pieces,
    _quote_at,
    scan_quotes,
)
from storylens.quotes.people import (
    _bare_title,
    _looks_like_name,
    _Person,
    _strip_name,
    _unnamed_person,
)
from storylens.quotes.vocabulary import (
    _ABBREVIATIONS,
    _AFTER_ACCORDING,
    _AFTER_CUE_WHO,
    _AFTER_WHO_CUE,
    _ANY_WHO_CUE,
    _BEFORE_FRAMED,
    _CUE_LEMMAS,
    _CUE_VERBS,
    _CUE_WORD,
    _NAME,
    _OBJECT_CUES,
    _POSSESSIVE_CUE,
    _SPEECH,
    _SPOKES_WORD,
    _TITLES,
    _TRAILING,
    _wordlist,
)


@dataclass(frozen=True)
class Attribution:
    """The words naming a quote's speaker ("Trump", "he", "the president") and where they are."""

    who: str
    span: Span
    framed: bool
    """True when the cue frames the whole quote (``Trump said, “...”``), False when the quote
    sits inside a sentence that reports speech (``Trump insisted the strikes were “total”``)."""
    cue: Span | None = None
    """The speech verb or phrase ("said", "according to", "told") that ties ``who`` to the quote."""
    speech: bool = True
    """False when no speech verb ties them, only the clause that holds the quoted words
    ("Hoover estimated that there are “...”") or a transcript label."""
    governs: bool = False
    """True when the parse chose a speech verb whose clause holds the quote over a nearer
    "told X to …" that does not: the surface reading of the nearer verb is then wrong."""


def attribution(article: Article, span: Span) -> Attribution | None:
    """The phrase naming the speaker of the quote at ``span`` in the same sentence, if any
    (for a piece of a longer utterance, the first piece's sentence that names one)."""
    text = article.text
    quotes = scan_quotes(text)
    quote = _quote_at(quotes, span)
    if quote is None:
        return None
    for piece in _pieces(quotes, quote):
        found = _attribution(text, piece, quotes, _context(text, piece, quotes))
        if found is not None:
            return found
    return None


def _attribution(
    text: str, quote: ScannedQuote, quotes: list[ScannedQuote], ctx: _Context
) -> Attribution | None:
    a0, a1 = next((p for p in _outside(ctx.after, quotes) if p[0] == ctx.after[0]), (0, 0))
    after = text[a0:a1]
    for pattern in (_AFTER_WHO_CUE, _AFTER_CUE_WHO, _AFTER_ACCORDING):
        m = pattern.match(after)
        if m:
            who, end = _without_full_stop(m.group("who"), a0 + m.end("who"))
            return Attribution(
                who, (a0 + m.start("who"), end), True, (a0 + m.start("cue"), a0 + m.end("cue"))
            )
    b0, b1 = next((p for p in _outside(ctx.before, quotes) if p[1] == quote.open), (0, 0))
    before = text[b0:b1]
    m = _BEFORE_FRAMED.search(before)
    if m:
        return _from_match(m, b0, framed=True)
    if not before.strip() and ctx.paragraph[0] == quote.open:
        # "Trump said:" closing the previous paragraph introduces this one
        paragraphs = _paragraphs(text)
        idx = paragraphs.index(ctx.paragraph)
        if idx > 0:
            plo, phi = paragraphs[idx - 1]
            tail = text[plo:phi]
            m = _BEFORE_FRAMED.search(tail)
            if m and tail.rstrip().endswith(":"):
                return _from_match(m, plo, framed=True)
    for part in reversed(_outside(ctx.before, quotes)):
        hits = list(_ANY_WHO_CUE.finditer(text[part[0] : part[1]])) or list(
            _POSSESSIVE_CUE.finditer(text[part[0] : part[1]])
        )
        # "According to AFP, one user on Weibo ... posted: “…”": the source of a report is
        # not the speaker when someone else's speech verb comes after it
        hits = [
            h
            for h in hits
            if not (
                h.groupdict().get("cue3") and _CUE_WORD.search(text, part[0] + h.end(), part[1])
            )
        ]
        if hits:
            return _from_match(hits[-1], part[0], framed=False)
    return None


def _trailing_attribution(
    text: str, quote: ScannedQuote, quotes: list[ScannedQuote], ctx: _Context
) -> Attribution | None:
    """The attribution that closes the quote's sentence after a comma, when the quote sits
    inside the sentence rather than right before it (that case is ``_attribution``'s)."""
    parts = _outside(ctx.after, quotes)
    if not parts:
        return None
    lo, hi = parts[-1]
    m = _TRAILING.search(text, lo, hi)
    if m is None or not re.search(r"[^\W\d_]", text[ctx.after[0] : m.start()]):
        return None  # “...,” said Llewellyn. is the ordinary case, read by _attribution
    return _from_match(m, 0, framed=False)


_SIGNATURE = re.compile(
    r"[ \t\u00a0]*(?P<cue>[―—–])[ \t\u00a0]*"
    r"(?P<who>[A-Z][\w'’.-]*(?:[ \u00a0]+(?:[A-Z][\w'’.-]*|de|da|del|la|van|von|bin)){0,4})"
    r"(?=[ \t\u00a0]*(?:[.,]?[ \t\u00a0]*(?:\n|$)|\())"
)


def _signature(text: str, quote: ScannedQuote) -> Attribution | None:
    """A quotation signed with a dash and a name that ends its line (“…” ― Krystal Correa,
    “…” — Alyssa Milano (@Alyssa_Milano)): the way readers' comments, epigraphs and embedded
    posts credit their author. A dash followed by more of a sentence is no signature."""
    m = _SIGNATURE.match(text, quote.close + 1)
    if m is None:
        return None
    who, end = _without_full_stop(m.group("who"), m.end("who"))
    return Attribution(who, (m.start("who"), end), True, (m.start("cue"), m.end("cue")))


_INNER_LABEL = re.compile(r"(?P<who>[A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){0,2}):\s+(?=[A-Z“\"‘'])")


def _inner_label(text: str, quote: ScannedQuote) -> Attribution | None:
    """A transcript quoted whole, its speaker's label inside the marks ("“PENCE: Well, look,
    …”"): the label in capitals names who speaks. ``who`` is the name in title case, for
    matching the article's mentions ("Pence"); the span is the label as printed."""
    m = _INNER_LABEL.match(text, quote.span[0])
    if m is None:
        return None
    return Attribution(m.group("who").title(), (m.start("who"), m.end("who")), True, speech=False)


def _without_full_stop(who: str, end: int) -> tuple[str, int]:
    """ "laughed Rydstrom." names Rydstrom: the sentence's full stop is no part of the name
    (an initial or an abbreviation keeps its own: "Robert Downey Jr.")."""
    last = who.split()[-1] if who.split() else ""
    if last.endswith(".") and len(last) > 3 and _norm(last) not in _ABBREVIATIONS:
        return who[:-1], end - 1
    return who, end


def _from_match(m: re.Match[str], offset: int, *, framed: bool) -> Attribution:
    for name, cue in (("who", "cue"), ("who2", "cue2"), ("who3", "cue3")):
        if name in m.groupdict() and m.group(name):
            cue_span = (
                (offset + m.start(cue), offset + m.end(cue)) if m.groupdict().get(cue) else None
            )
            who, end = _without_full_stop(m.group(name), offset + m.end(name))
            return Attribution(who, (offset + m.start(name), end), framed, cue_span)
    raise ValueError("match without a speaker group")


def _represented(doc: Doc, att: Attribution) -> str | None:
    """Whom an unnamed spokesperson speaks for, as printed: "a spokesman for the British
    Foreign Office" -> "British Foreign Office", "Cameron's spokesman" -> "Cameron", "the prime
    minister's spokeswoman" -> "the prime minister". None when ``att`` is no such phrase."""
    span = doc.char_span(att.span[0], att.span[1], alignment_mode="expand")
    if span is None:
        return None
    head = span.root  # "CIA spokesman Ryan Trapani" is headed by the name: a named speaker
    if not _SPOKES_WORD.fullmatch(head.lower_):
        return None
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    named = [c for c in head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if owner is not None:
        tokens = [t for t in doc[owner.left_edge.i : owner.i + 1] if t.dep_ != "case"]
    elif (
        named
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)
        and not any(c.dep_ == "prep" for c in head.rights)
    ):
        # "a BP spokesman said": an unnamed one speaks for the name before the word ("the
        # Kremlin spokesman" is one person, whom the article may name: a description)
        tokens = list(doc[named[0].left_edge.i : named[-1].i + 1])
    else:
        prep = next(
            (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "at")),
            None,
        )
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if obj is None:
            return None
        end = obj.i + 1
        # "the Ministry of Defence": a proper name may run on through "of"
        while (
            end + 1 < len(doc)
            and doc[end].lower_ == "of"
            and doc[end + 1].pos_ == "PROPN"
            and doc[end + 1].head.i == end
        ):
            end = doc[end + 1].right_edge.i + 1
        tokens = list(doc[obj.left_edge.i : end])
    return "".join(t.text_with_ws for t in tokens).strip() or None


def _groups(doc: Doc, quotes: list[ScannedQuote]) -> list[tuple[int, str]]:
    """Organisations and groups that are the subject of a clause ("Senate Democrats voted"),
    outside quotations: what a later "they said" can refer to. A coordination ("Apple and
    Google") is left out: "they" would be both, no single speaker."""
    out: list[tuple[int, str]] = []
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "NORP"):
            continue
        if any(q.open <= ent.start_char < q.close for q in quotes):
            continue
        root = ent.root
        if root.dep_ not in ("nsubj", "nsubjpass") or any(c.dep_ == "conj" for c in root.children):
            continue
        out.append((ent.start_char, re.sub(r"^(?i:the)\s+", "", ent.text)))
    return out


def _plural(
    groups: list[tuple[int, str]], at: int, paragraphs: list[Span], back: int = 1
) -> str | None:
    """ "they" -> the last group or organisation that was a subject in this or the previous
    paragraph (``back`` paragraphs); None when there is none (anonymous people: "residents
    ... they said")."""
    idx = next((i for i, (s, e) in enumerate(paragraphs) if s <= at < e + 1), 0)
    window = paragraphs[max(0, idx - back)][0]
    found = [(s, name) for s, name in groups if window <= s < at]
    return max(found)[1] if found else None


def _named_body(
    doc: Doc, phrase: str, at: int, quotes: list[ScannedQuote], speakers: tuple[str, ...] = ()
) -> str | None:
    """The organisation a common-noun phrase stands for, when the article named exactly one
    before whose name holds every word of it: "the board" after "the Nevada Parole Board",
    "the hurricane center" after "the National Hurricane Center", "the university" after
    "the University of Aberdeen". Two that fit ("the board" with two boards named) is None."""
    words = [w for w in re.findall(r"[\w’'-]+", phrase.lower()) if w not in ("the", "its")]
    if not words or len(words) > 3 or phrase.split()[0].lower() not in ("the", "its"):
        return None
    fits: set[str] = set()
    for ent in doc.ents:
        if ent.label_ != "ORG" or ent.start_char >= at:
            continue
        if any(q.open <= ent.start_char < q.close for q in quotes):
            continue
        own = {w.lower() for w in re.findall(r"[\w’'-]+", ent.text)}
        if all(w in own for w in words) and any(w[:1].isupper() for w in ent.text.split()):
            fits.add(re.sub(r"^(?i:the)\s+", "", ent.text))
    # an organisation already quoted, whatever the tagger made of it ("The South African
    # parks service said …" before "the parks service said")
    for name in speakers:
        own = {w.lower() for w in re.findall(r"[\w’'-]+", name)}
        if all(w in own for w in words) and any(w[:1].isupper() for w in name.split()):
            fits.add(name)
    return fits.pop() if len(fits) == 1 else None


def _is_unresolvable(who: str) -> bool:
    return who.split()[0].lower() in ("a", "an") if who.split() else True


def _parsed_attribution(
    doc: Doc, text: str, q: ScannedQuote, quotes: list[ScannedQuote], ctx: _Context
) -> Attribution | None:
    """The subject of the nearest speech verb in the quote's sentence, read from the parse.

    The surface patterns need the speaker next to the verb; the parse also finds "Trump
    returned the compliment, telling Reuters, “...”" (climbing from "telling" to the clause it
    modifies) and "Cruz called them on it: “...”" (a sentence that hands over to a quote with a
    colon: its main verb's subject is the speaker).
    """
    lo, hi = ctx.before[0], ctx.after[1]
    inside = [(o.open, o.close + 1) for o in quotes if lo <= o.open < hi]
    tokens = [t for t in _tokens(doc, lo, hi) if not any(a <= t.idx < b for a, b in inside)]
    verbs = [
        t
        for t in tokens
        if t.pos_ in ("VERB", "AUX")
        and (
            t.lemma_.lower() in _CUE_LEMMAS
            # "fired back", "shot back", "hit back": a retort
            or any(c.dep_ == "prt" and c.lower_ == "back" for c in t.children)
        )
        # "likened the rules to …" characterises speech; "compared to 11% …" is a preposition
        and not (t.lemma_.lower() in _LIKENING and not any(c.dep_ == "dobj" for c in t.children))
    ]
    before = text[ctx.before[0] : q.open].rstrip()
    label = re.fullmatch(rf"\s*({_NAME}):", before)
    if label and not verbs:  # "Clinton: “Our goal is ...”", as in a transcript
        return Attribution(
            label.group(1),
            (ctx.before[0] + label.start(1), ctx.before[0] + label.end(1)),
            True,
            speech=False,
        )
    speech = bool(verbs)
    if not verbs and before.endswith(":"):
        verbs = [t for t in tokens if t.dep_ == "ROOT" and t.idx < q.open]
    if not verbs:
        verbs = _governing_verbs(doc, q, tokens)
    if not verbs:
        return None
    # a speech verb whose clause holds the quoted words speaks them: in "she claims Stubits
    # told her to download an app that “contained …”" the app is described by her claim,
    # not by what Stubits told; else the verb that introduces the quote comes first, one
    # after it only when none does
    governing = _governing_cues(doc, q, verbs)
    verb = min(governing or verbs, key=lambda t: (t.idx > q.open, abs(t.idx - q.open)))
    cue = (verb.idx, verb.idx + len(verb.text))
    cue_verb = verb
    for _ in range(4):
        # a subject inside the quote is a word of the quote ("“… One of the brightest members
        # …,” Rep. Elijah E. Cummings said"): the verb's subject outside it speaks
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        subject = next(
            (c for c in subjects if not any(a <= c.idx < b for a, b in inside)),
            subjects[0] if subjects else None,
        )
        if subject is not None:
            break
        if verb.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acomp", "prep", "pobj"):
            verb = verb.head  # "ready to riff on it, telling the crowd": up to "seemed"
        else:
            return None
    else:
        return None
    if any(a <= subject.idx < b for a, b in inside):
        # the parse climbed into the quote ("“… We will achieve justice …,” Tulsa police
        # Chief Chuck Jordan said", "said" read as a conjunct of "achieve"): a person's
        # name right before the cue verb, outside the marks, is its subject
        subject = _name_before(doc, cue_verb, inside) or subject
    if subject.lower_ in ("who", "that") and verb.dep_ == "relcl" and verb.head.pos_ == "PROPN":
        subject = verb.head  # "the actor Alyssa Milano, who said: “...”"
    if subject.pos_ == "NOUN":
        # "Another critic, Laurence H. Tribe, likened …": the name in apposition is who
        named_appos = next(
            (
                c
                for c in subject.children
                if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ == "PERSON"
            ),
            None,
        )
        if named_appos is None and _unnamed_person(subject):
            # "His daughter, Yelena, told Izvestia:": a kinship noun's apposed proper name is
            # hers, whatever label the small tagger gives it (it read "Yelena" as a place)
            named_appos = next(
                (
                    c
                    for c in subject.children
                    if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ not in _NOT_SPEAKERS
                ),
                None,
            )
        if named_appos is not None and not any(a <= named_appos.idx < b for a, b in inside):
            subject = named_appos
    if subject.pos_ == "PRON":
        if any(a <= subject.idx < b for a, b in inside):
            return None  # "“… to you: We will …,” Chief Jordan said": a word of the quote
        # "they", "we", "it" name no one by themselves, but the cue still frames the quote
        who = subject.text
        span = (subject.idx, subject.idx + len(subject.text))
    else:
        if subject.pos_ == "PROPN" and subject.text[:1].isupper():
            parts = [
                c
                for c in subject.lefts
                if c.dep_ in ("compound", "flat")
                and c.pos_ == "PROPN"
                and c.lower_ not in _CUE_VERBS  # "Stated Stone:" tagged as one name
            ]
            start = min([subject.idx, *[c.left_edge.idx for c in parts]])
        else:
            start = subject.left_edge.idx  # "The French foreign ministry", however parsed
        end = subject.idx + len(subject.text)
        if _norm(subject.text) in _TITLES:  # "says Sgt. Diana Freese": the name after the title
            named = [
                c
                for c in subject.rights
                if c.dep_ in ("appos", "flat", "compound", "npadvmod") and c.pos_ == "PROPN"
            ]
            if named:
                end = max(end, named[0].right_edge.idx + len(named[0].right_edge.text))
        if _SPOKES_WORD.fullmatch(subject.lower_):  # "a spokesman for the Foreign Office"
            wide = subject.right_edge.idx + len(subject.right_edge.text)
            if not any(a < wide and start < b for a, b in inside):
                end = max(end, wide)
        if any(a < end and start < b for a, b in inside):
            return None
        who = text[start:end]
        span = (start, end)
    after = text[q.close + 1 : ctx.after[1]].lstrip()
    framed = (not before or before.endswith((":", ","))) and (
        not after or after[0] in ",.!?;—–-" or text[q.close - 1] in ",.!?"
    )
    return Attribution(who, span, framed, cue, speech, governs=bool(governing))


def _name_before(doc: Doc, verb: Token, inside: list[tuple[int, int]]) -> Token | None:
    """The last token of a PERSON name that ends right before ``verb`` (adverbs and a
    parenthesis such as "(D-Md.)" may come between), outside every quotation."""
    i = verb.i - 1
    while i >= 0 and doc[i].pos_ == "ADV":
        i -= 1
    if i >= 0 and doc[i].text == ")":
        opening = next((j for j in range(i - 1, max(-1, i - 8), -1) if doc[j].text == "("), None)
        i = opening - 1 if opening is not None else -1
    if i < 0:
        return None
    token = doc[i]
    if token.ent_type_ != "PERSON" or token.pos_ != "PROPN":
        return None
    if any(a <= token.idx < b for a, b in inside):
        return None
    return token


_LIKENING = frozenset(("liken", "compare"))


def _governing_cues(doc: Doc, q: ScannedQuote, verbs: list[Token]) -> list[Token]:
    """The speech verbs among ``verbs`` whose clause holds the quoted words, when the nearest
    speech verb is a "told X to …" whose order does not (an instruction is not the quote)."""
    first = next(iter(_tokens(doc, q.span[0], q.span[1])), None)
    if first is None or len(verbs) < 2:
        return []
    above = {a.i for a in first.ancestors}
    nearest = min(verbs, key=lambda t: (t.idx > q.open, abs(t.idx - q.open)))
    if nearest.i in above or nearest.lower_ not in _OBJECT_CUES:
        return []
    return [v for v in verbs if v.i in above]


def _tokens(doc: Doc, lo: int, hi: int) -> list[Token]:
    """The tokens starting in ``[lo, hi)``, found without walking the whole document."""
    span = doc.char_span(lo, hi, alignment_mode="expand")
    if span is None:
        return []
    return [t for t in span if lo <= t.idx < hi]


def _governing_verbs(doc: Doc, q: ScannedQuote, tokens: list[Token]) -> list[Token]:
    """Without a speech verb, the verb whose clause holds the quoted words ("Hoover estimated
    that there are “somewhere between 23 and 28 people”", "ripped Comey for acting as “the
    judge and the jury”") speaks for its subject, when that subject is a name or he/she."""
    first = next(iter(_tokens(doc, q.span[0], q.span[1])), None)
    if first is None:
        return []
    outside = {t.i for t in tokens}
    for anc in first.ancestors:
        if anc.i not in outside or anc.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in anc.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            if subject.ent_type_ == "PERSON" or subject.lower_ in ("he", "she"):
                return [anc]  # people only: "Apple views it as “a human right”" is no quote
            return []
    return []


_NOT_SPEAKERS = frozenset(
    ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "WORK_OF_ART")
)


_GROUP_DETERMINERS = frozenset(("the", "many", "some", "several", "other", "local"))


def _group_noun(doc: Doc, att: Attribution) -> str | None:
    """A plural common noun that is the subject of the speech verb ("Police say they have
    “adequate resources”", "Officials at Homeland Security Investigations … said",
    "Demonstrators said they want “…”") is the speaker the text gives: a group, described
    rather than named. It is printed as written, with a proper name it is "at", "of" or "for"."""
    span = doc.char_span(att.span[0], att.span[1], alignment_mode="expand")
    if span is None or len(span) > 3:
        return None
    head = span.root
    if head.tag_ != "NNS" or head.dep_ not in ("nsubj", "nsubjpass"):
        return None
    # an organisation's people ("Sheriff’s officials said") are a group; a person's ("his
    # aides", "Trump's aides") or a count ("two people") are not one body
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    body_owner = owner is not None and owner.pos_ == "PROPN" and owner.ent_type_ != "PERSON"
    if any(
        c.dep_ in ("det", "nummod", "poss")
        and c.lower_ not in _GROUP_DETERMINERS
        and not (body_owner and owner is not None and c.i == owner.i)
        for c in head.children
    ):
        return None
    end = head.i + 1
    prep = next(
        (c for c in head.rights if c.dep_ == "prep" and c.lower_ in ("at", "of", "for", "from")),
        None,
    )
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
    if obj is not None and obj.pos_ == "PROPN":
        end = obj.i + 1
    lefts = [c.i for c in head.lefts if c.dep_ in ("amod", "compound")]
    if owner is not None and body_owner:
        lefts.append(owner.left_edge.i)
    start = min(lefts, default=head.i)
    return doc[start:end].text or None


def _speaking_body(
    doc: Doc, at: int, paragraphs: list[Span], quotes: list[ScannedQuote]
) -> str | None:
    """The last proper name, not a person's, that is the subject of a speech verb in this or
    the two paragraphs before ``at`` ("Humboldt County Sheriff’s Office said in a statement"),
    as printed: whose people a later bare "officials said" may be."""
    idx = next((i for i, (s, e) in enumerate(paragraphs) if s <= at < e + 1), 0)
    lo = paragraphs[max(0, idx - 2)][0]
    found: str | None = None
    for t in _tokens(doc, lo, at):
        if (
            t.dep_ == "nsubj"
            and t.pos_ == "PROPN"
            and t.ent_type_ != "PERSON"
            and t.head.lemma_.lower() in _CUE_LEMMAS
            and not any(q.open <= t.idx < q.close for q in quotes)
        ):
            found = doc[t.left_edge.i : t.i + 1].text
    return found


def _proper_name(doc: Doc, att: Attribution) -> str | None:
    """A speaker phrase the parser reads as a proper name ("CNN", "Breitbart News", "Espinoza")
    is the speaker as printed, even when the entity tagger missed it: organisations speak too."""
    span = doc.char_span(att.span[0], att.span[1], alignment_mode="expand")
    if span is None:
        return None
    tokens = list(span)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    # a work's title may name an outlet that speaks ("“On this basis,” Zero Hedge said,"),
    # when a speech verb frames the quote; a date never does ("who will testify Thursday")
    framed_speech = att.framed and att.speech and att.cue is not None
    if any(
        t.ent_type_ in _NOT_SPEAKERS and not (framed_speech and t.ent_type_ == "WORK_OF_ART")
        for t in tokens
    ):
        return None
    run = len(tokens)
    while run > 0 and tokens[run - 1].pos_ == "PROPN":
        run -= 1
    if run == len(tokens):
        return None  # "the crowd", "officials": no name to report
    name, _ = _strip_name(doc.text[tokens[run].idx : tokens[-1].idx + len(tokens[-1])])
    return name if _looks_like_name(name) and not _bare_title(name) else None


def _continued_speaker(
    text: str, m: _Mention, prev: _Mention, paragraphs: list[Span]
) -> str | None:
    """A paragraph that is nothing but a quotation goes on with the speaker of the quote that
    closed the previous paragraph: the usual way a long statement runs over paragraphs."""
    para = next(((s, e) for s, e in paragraphs if s <= m.quote.open < e), None)
    prev_para = next(((s, e) for s, e in paragraphs if s <= prev.quote.open < e), None)
    if para is None or prev_para is None or prev.speaker is None:
        return None
    idx = paragraphs.index(para)
    if idx == 0 or paragraphs[idx - 1] != prev_para:
        return None
    if not _only_quotes(text, para, m.quote) or _is_heading(text, para, m.quote):
        return None
    tail = text[prev.quote.close + 1 : prev_para[1]]
    return prev.speaker if len(tail.split()) <= 12 else None


def _next_sentence_speaker(
    text: str, m: _Mention, prev: _Mention, quotes: list[ScannedQuote]
) -> str | None:
    """A quote that opens a sentence right after an attributed one in the same paragraph
    ("“take detailed histories” of the patients, Dempsey said. “That way ...”") goes on with
    that speaker: the attribution between them is the only voice in sight."""
    if prev.speaker is None:
        return None
    ctx = _context(text, m.quote, quotes)
    if not ctx.paragraph[0] <= prev.quote.open or text[ctx.before[0] : m.quote.open].strip():
        return None
    between = text[prev.quote.close + 1 : m.quote.open]
    if len(between.split()) > 30 or not _CUE_WORD.search(between):
        return None
    return prev.speaker


def _previous_sentence_speaker(
    doc: Doc, text: str, q: ScannedQuote, quotes: list[ScannedQuote]
) -> Attribution | None:
    """A quote that opens its sentence, after a sentence of the same paragraph about someone
    speaking ("..., he added. “You name it ...”", "Maley said on CNBC on Monday. “It was
    ..."), goes on with that speaker: the subject of the speech verb there."""
    ctx = _context(text, q, quotes)
    if text[ctx.before[0] : q.open].strip() or not ctx.earlier:
        return None
    if ctx.earlier[0][0] < ctx.paragraph[0]:
        return None  # the previous paragraph is _introduced_speaker's business
    wide = _Context(ctx.paragraph, (ctx.earlier[0][0], q.open), (q.close + 1, q.close + 1), [])
    att = _parsed_attribution(doc, text, q, quotes, wide)
    return att if att is not None and att.span[0] < ctx.before[0] else None


_MINOR = frozenset(_wordlist("with from into onto over upon than that this about under after"))


def _is_title(content: str) -> bool:
    """Quote marks around a name in title case ("Dancing with the Stars", “Long Train
    Running”, “DWTS”) mark a title or a name, not someone's words: with nobody named as saying
    it, such a string is not reported as a quotation."""
    if re.search(r"[,;:!?]", content.rstrip(".")):
        return False
    words = re.findall(r"[^\W\d_][\w’'-]*", content)
    if not words or len(words) > 10:
        return False
    return all(w[0].isupper() for w in words if (len(w) >= 4 and w not in _MINOR) or w is words[0])


_TERM_INTRO = re.compile(
    r"(?:\b(?:known|referred to|described|labell?ed|branded|billed) as|\b(?:called|dubbed|termed"
    r"|nicknamed|named|so-called|so called)|\b(?:term|word|words|phrase|label|name|slogan|"
    r"hashtag|expression|category|concept|motto|catchphrase|tagline|banner|brand)s?)\s*[:,]?\s*$",
    re.IGNORECASE,
)


def _is_term(doc: Doc, text: str, q: ScannedQuote, quotes: list[ScannedQuote]) -> bool:
    """Quote marks around a short noun phrase nobody is said to say mark a term, a label or a
    slogan, not a quotation (the guide excludes them): one introduced as a term ("a condition
    called “feather duvet lung”", "the slogan “Starts with one”") or used as a label in front
    of a noun ("the “law and order” issue", not the adjective in "a “historic” deal").
    Scare quotes that stand as someone's wording (“wise man”) are neither and stay."""
    tokens = [t for t in _tokens(doc, q.span[0], q.span[1]) if not t.is_punct]
    if not tokens or len(tokens) > 4:
        return False
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in tokens):
        return False  # a clause is somebody's words
    ctx = _context(text, q, quotes)
    outside = [text[s:e] for s, e in _outside((ctx.before[0], ctx.after[1]), quotes)]
    if any(_SPEECH.search(piece) for piece in outside):
        return False
    if _TERM_INTRO.search(text[max(ctx.before[0], q.open - 60) : q.open]):
        return True
    inside = {t.i for t in tokens}
    head = next((t.head for t in tokens if t.head.i not in inside), None)
    after = text[q.close + 1 : q.close + 2]
    # a quoted noun used as a modifier names a thing; a quoted adjective (“historic”
    # deal) is someone's evaluation and stays a quote
    return (
        head is not None
        and head.pos_ in ("NOUN", "PROPN")
        and head.idx > q.close
        and after.isspace()
        and any(t.pos_ in ("NOUN", "PROPN") for t in tokens)
        and any(t.dep_ in ("compound", "amod", "nmod") and t.head == head for t in tokens)
    )


def _only_quotes(text: str, para: Span, quote: ScannedQuote) -> bool:
    own = text[para[0] : para[1]]
    rest = own[: quote.open - para[0]] + own[quote.close + 1 - para[0] :]
    return not re.search(r"[^\W\d_]", rest)


def _is_heading(text: str, para: Span, quote: ScannedQuote) -> bool:
    """A paragraph of a few quoted words with no sentence stop ("‘Out of touch’") is a
    crosshead: the editor's words pulled from the story, not the next part of the statement
    before it, which goes on in sentences."""
    content = text[quote.span[0] : quote.span[1]].strip()
    after = text[quote.close + 1 : para[1]].strip()
    if re.search(r"[.!?…]$", content) or re.match(r"[.!?…]", after):
        return False
    return len(content.split()) <= 6


def _introduced_speaker(
    text: str, m: _Mention, paragraphs: list[Span], people: list[_Person]
) -> _Person | None:
    """A paragraph that is nothing but a quotation, after a paragraph about someone speaking
    ("The DNC issued a statement ...", "Trump said:"), is theirs: the last named subject there."""
    para = next(((s, e) for s, e in paragraphs if s <= m.quote.open < e), None)
    if para is None or not _only_quotes(text, para, m.quote) or _is_heading(text, para, m.quote):
        return None
    idx = paragraphs.index(para)
    if idx == 0:
        return None
    plo, phi = paragraphs[idx - 1]
    if not _SPEECH.search(text, plo, phi) and not text[plo:phi].rstrip().endswith(":"):
        return None
    subjects = [p for p in people if plo <= p.start < phi and p.subject]
    return subjects[-1] if subjects else None


def _standalone(text: str, q: ScannedQuote, ctx: _Context) -> bool:
    """A quote with no cue verb is still a full quotation when it stands as its own sentence."""
    before = text[ctx.before[0] : ctx.before[1]].strip()
    after = text[ctx.after[0] : ctx.after[1]].strip()
    return (not before or before.endswith(":")) and (not after or after[0] in ".!?")
