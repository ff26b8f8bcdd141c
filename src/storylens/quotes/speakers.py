"""Who said a quotation: cue patterns backed by the dependency parse, pronouns, titles,
spokespeople and groups resolved to the people the article names (step 2 of
:mod:`storylens.quotes`)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storylens.records import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
from storylens.quotes._types import Span
from storylens.quotes.evidence import (
    PRONOUN_FAR,
    PRONOUN_ONE,
    PRONOUN_SUBJECT,
    PRONOUN_SUBJECT_ONE,
    PRONOUN_UNSURE,
)
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
from storylens.quotes.vocabulary import (
    _ABBREVIATIONS,
    _AFTER_ACCORDING,
    _AFTER_CUE_WHO,
    _AFTER_WHO_CUE,
    _ANY_WHO_CUE,
    _BEFORE_FRAMED,
    _BODIES,
    _CUE_LEMMAS,
    _CUE_VERBS,
    _CUE_WORD,
    _DOCUMENTS,
    _NAME,
    _PLACE_OF,
    _POSSESSIVE_CUE,
    _ROLE_SYNONYMS,
    _ROLES,
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


@dataclass
class _Person:
    start: int
    end: int
    name: str
    subject: bool
    roles: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    agent: bool = False
    """The subject of some clause (not only the main one): who a later "he" most likely is."""
    gender: str | None = None
    """"m" or "f" when a title says so (Mr., Ms., spokeswoman); never guessed from a name."""


_GLUED_CUES = frozenset(w for w in _CUE_VERBS if w.endswith("ed") or w in ("said", "told", "wrote"))


"""Cue verbs in the past tense: glued to a name they are no part of it, while the bare forms
are also nouns that end names ("Washington Post", "Drudge Report")."""


def _strip_name(name: str) -> tuple[str, list[str]]:
    """Name without leading titles or a possessive, and the title words removed."""
    name = re.sub(r"['’]s$", "", name.strip())
    tokens = name.split()
    # the tagger glues a capitalised cue verb to the name next to it ("Stated Stone:",
    # "Murphy ... Tweeted"); "Said" stays at the end, where it is a surname (Edward Said)
    while len(tokens) > 1 and tokens[0].lower() in _GLUED_CUES:
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1].lower() in _GLUED_CUES and tokens[-1] != "Said":
        tokens = tokens[:-1]
    cut = 0
    for i, tok in enumerate(tokens[:-1]):
        if _norm(tok) in _TITLES:
            cut = i + 1
    return " ".join(tokens[cut:]), tokens[:cut]


def _title_words(words: list[str]) -> tuple[set[str], set[str]]:
    roles = {_norm(w) for w in words if _norm(w) in _ROLES}
    places = {
        _PLACE_OF.get(_norm(re.sub(r"['’]s$", "", w)), _norm(re.sub(r"['’]s$", "", w)))
        for w in words
        if w[:1].isupper() and _norm(w) not in _TITLES
    }
    return roles, places


def _looks_like_name(name: str) -> bool:
    tokens = name.split()
    return bool(tokens) and all(t[:1].isupper() for t in tokens) and len(tokens) <= 5


def _people(article: Article, doc: Doc, quotes: list[ScannedQuote]) -> list[_Person]:
    """PERSON mentions outside quotations, with the roles their titles give them."""
    text = article.text
    people: list[_Person] = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "NORP", "GPE"):
            continue
        if any(q.open <= ent.start_char < q.close for q in quotes):
            continue
        name, titles = _strip_name(ent.text)
        if not _looks_like_name(name):
            continue
        line_start = text.rfind("\n", 0, ent.start_char) + 1
        # five words at most: a bounded look-back keeps a long paragraph linear
        lead = re.search(
            r"(?:[\w.'’-]+\s+){1,5}$", text[max(line_start, ent.start_char - 150) : ent.start_char]
        )
        lead_titles: list[str] = []
        for w in reversed(lead.group().split() if lead else []):
            if _norm(w) in _TITLES or (w[:1].isupper() and lead_titles):
                lead_titles.insert(0, w)
            else:
                break
        appositive = re.match(
            r",\s+(?:the|a|an)\s+((?:[\w.'’-]+\s+){0,4}?(?:" + "|".join(sorted(_ROLES)) + r"))\b",
            text[ent.end_char : ent.end_char + 80],
        )
        words = titles + lead_titles + (appositive.group(1).split() if appositive else [])
        roles, places = _title_words(words)
        if ent.label_ != "PERSON" and not (roles and 2 <= len(name.split()) <= 4):
            continue  # the small model often tags "Chancellor Olaf Scholz" ORG; a title tells
        root = ent.root
        subject = root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ == "ROOT"
        agent = root.dep_ in ("nsubj", "nsubjpass") or (
            root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass")
        )
        gender = _gender([*titles, *lead_titles, *words])
        people.append(
            _Person(ent.start_char, ent.end_char, name, subject, roles, places, agent, gender)
        )
    return people + _surname_mentions(doc, quotes, people)


_MALE = frozenset(_wordlist("mr sir lord king prince"))
_FEMALE = frozenset(_wordlist("mrs ms miss dame lady madam queen princess"))


def _gender(words: list[str]) -> str | None:
    """The gender a title gives ("Mr.", "spokeswoman"): a pronoun that disagrees cannot be them."""
    for w in words:
        n = _norm(w)
        if n in _MALE or (n.endswith("man") and n[:-3] in _ROLE_STEMS):
            return "m"
        if n in _FEMALE or (n.endswith("woman") and n[:-5] in _ROLE_STEMS):
            return "f"
    return None


_ROLE_STEMS = frozenset(_wordlist("spokes chair congress business police"))


def _surname_mentions(doc: Doc, quotes: list[ScannedQuote], people: list[_Person]) -> list[_Person]:
    """A surname alone ("Glaser, however, said") that the tagger did not mark as a person is
    still a mention of the person the article named in full: later pronouns may point at it."""
    full = {p.name.split()[-1]: p for p in people if len(p.name.split()) >= 2}
    taken = [(p.start, p.end) for p in people]
    out: list[_Person] = []
    for t in doc:
        if t.pos_ != "PROPN" or not t.text[:1].isupper():
            continue
        if any(s <= t.idx < e for s, e in taken) or any(q.open <= t.idx < q.close for q in quotes):
            continue
        agent = t.dep_ in ("nsubj", "nsubjpass")
        if t.text not in full:
            continue
        subject = agent and t.head.dep_ == "ROOT"
        person = full.get(t.text)
        out.append(
            _Person(
                t.idx,
                t.idx + len(t.text),
                t.text,
                subject,
                agent=agent,
                gender=person.gender if person else None,
            )
        )
    return out


def _learned_genders(
    doc: Doc, quotes: list[ScannedQuote], people: list[_Person], names: _Names
) -> dict[str, str]:
    """Each person's gender as the article itself shows it: a title ("Ms.", "spokeswoman"),
    or a sentence that names that one person only and uses pronouns of one gender only
    ("Driver said that ... she initially refrained"). Votes must agree; else unknown."""
    votes: dict[str, Counter[str]] = {}
    for p in people:
        if p.gender:
            votes.setdefault(names.canonical(p.name), Counter())[p.gender] += 3
    for sent in doc.sents:
        lo, hi = sent.start_char, sent.end_char
        named = {names.canonical(p.name) for p in people if lo <= p.start < hi}
        if len(named) != 1:
            continue
        said = {
            t.lower_
            for t in sent
            if t.lower_ in _GENDERED and not any(q.open <= t.idx < q.close for q in quotes)
        }
        kinds = {_GENDERED[w] for w in said}
        if len(kinds) == 1:
            votes.setdefault(named.pop(), Counter())[kinds.pop()] += 1
    out: dict[str, str] = {}
    for name, counts in votes.items():
        (top, n), *rest = counts.most_common()
        if not rest or n >= 3 * rest[0][1]:
            out[name] = top
    return out


_GENDERED = {"he": "m", "him": "m", "his": "m", "himself": "m"} | {
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}


def _subject_pronouns(doc: Doc, quotes: list[ScannedQuote]) -> list[tuple[int, str]]:
    return [
        (t.idx, t.lower_)
        for t in doc
        if t.lower_ in ("he", "she")
        and t.dep_ in ("nsubj", "nsubjpass")
        and not any(q.open <= t.idx < q.close for q in quotes)
    ]


_NICKNAME = re.compile(r"\b([A-Z][\w’'-]+)\s+[\"“‘'] ?([A-Z][\w’'-]+) ?[\"”’']\s+([A-Z][\w’'-]+)")


class _Names:
    """Story-wide canonical names: the most mentioned, then longest, full name per surname."""

    def __init__(self, names: list[str], texts: tuple[str, ...] = ()) -> None:
        self.counts = Counter(n for n in names if len(n.split()) >= 2)
        self.surnames = {n.split()[-1] for n in names}
        self._canonical: dict[str, str] = {}
        # Nicole “Snooki” Polizzi: the nickname is the same person as the full name
        votes: dict[str, Counter[str]] = {}
        for text in texts:
            for m in _NICKNAME.finditer(text):
                votes.setdefault(m.group(2), Counter())[f"{m.group(1)} {m.group(3)}"] += 1
        # the full name most outlets print (one outlet's misspelling does not win)
        self.aliases = {nick: c.most_common(1)[0][0] for nick, c in votes.items()}
        self.surnames |= set(self.aliases)

    def known(self, name: str) -> bool:
        return name.split()[-1] in self.surnames

    def canonical(self, name: str) -> str:
        if name not in self._canonical:
            self._canonical[name] = self._lookup(name)
        return self._canonical[name]

    def _lookup(self, name: str) -> str:
        if name in self.aliases:
            return self._lookup(self.aliases[name])
        tokens = name.split()
        fits = [
            (count, len(full), full)
            for full, count in self.counts.items()
            if full.split()[-1] == tokens[-1] and set(tokens) <= set(full.split())
        ]
        return max(fits)[2] if fits else name


@dataclass
class _Scope:
    """What one article offers for resolving a speaker: the people it names, the speakers
    already attributed (in text order, growing as quotes are read), its paragraphs, and the
    story-wide canonical names."""

    people: list[_Person]
    paragraphs: list[Span]
    names: _Names
    speakers: list[tuple[int, str]] = field(default_factory=list)

    sentences: list[int] = field(default_factory=list)
    """Start offsets of the article's sentences, in order (from the parse)."""

    def resolve(self, who: str, at: int) -> str | None:
        if who.lower() in ("he", "she"):
            return self.pronoun(who, at)[0]
        return _resolve(who, at, self.people, self.speakers, self.paragraphs, self.names)

    pronouns: list[tuple[int, str]] = field(default_factory=list)
    """Subject pronouns outside quotations ("she accused the BBC"): (offset, "he" or "she")."""
    genders: dict[str, str] = field(default_factory=dict)
    """Canonical name -> "m"/"f", from titles and from sentences about one person only."""

    def description(self, who: str, at: int) -> tuple[str | None, float]:
        """ "the director told ...": a person the article titled so (sure), else, like a
        pronoun, the one person the last sentence naming anyone names ("Bigelow has always
        gone for immersion. “...,” the director told ...")."""
        titled = self.resolve(who, at)
        if titled is not None:
            return titled, 1.0
        words = who.split()
        if len(words) != 2 or _norm(words[0]) != "the" or _norm(words[1]) not in _ROLES:
            return None, 0.0
        if _SPOKES_WORD.fullmatch(words[1]):
            return None, 0.0  # a spokesperson speaks for someone else: not an anaphor
        name, confidence = self.pronoun("it", at)
        return name, confidence

    def pronoun(self, who: str, at: int, depth: int = 0) -> tuple[str | None, float]:
        """Whom "he"/"she" at ``at`` refers to, and how sure that is.

        The last sentence before it that names anyone decides: one person named there is the
        referent (sure); several, of whom one is a clause subject, make that subject a
        likely referent (not sure enough to print); several subjects, no telling. A person a
        title gives the other gender ("Mr.", "spokeswoman") is never the referent.
        """
        idx = next((i for i, (s, e) in enumerate(self.paragraphs) if s <= at < e + 1), 0)
        window = self.paragraphs[max(0, idx - 2)][0]
        want = {"he": "m", "she": "f"}.get(who.lower())  # none: a description ("the director")
        genders = self.genders
        found = [
            (p.start, self.names.canonical(p.name), p.agent)
            for p in self.people
            if window <= p.start < at
        ]
        found += [(s, self.names.canonical(n), True) for s, n in self.speakers if window <= s < at]
        if want is not None:
            found = [f for f in found if genders.get(f[1], want) == want]
        if not found:
            return None, 0.0
        sentence = {f: bisect_right(self.sentences, f[0]) for f in found}
        last = max(sentence.values())
        near = sorted(f for f in found if sentence[f] == last)
        here = bisect_right(self.sentences, at)
        # "she accused the BBC ..., angering Tony Blair": a sentence led by the same pronoun is
        # about its referent, not about the people it mentions
        link = next(
            (
                o
                for o, w in reversed(self.pronouns)
                if o < at
                and w == who.lower()
                and bisect_right(self.sentences, o) == last
                and not any(f[2] and f[0] < o for f in near)
            ),
            None,
        )
        if link is not None and depth < 4:
            return self.pronoun(who, link, depth + 1)
        far = here - last > 3
        people = {f[1] for f in near}
        if len(people) == 1:
            if far:
                return near[-1][1], PRONOUN_FAR
            agent = any(f[2] for f in near)  # "Glaser said that ..." rather than "... told Glaser"
            return near[-1][1], PRONOUN_SUBJECT_ONE if agent else PRONOUN_ONE
        subjects = {f[1] for f in near if f[2]}
        pick = max((f for f in near if f[2]), default=near[-1])
        return pick[1], PRONOUN_SUBJECT if len(subjects) == 1 else PRONOUN_UNSURE

    def represented(self, represented: str, at: int) -> str | None:
        """A person the article names ("Ted Cruz", "the prime minister") by their canonical
        name, else the organisation as printed ("British Foreign Office"), without its article."""
        if re.match(r"(?i)(?:the|an?)\s", represented):
            person = self.resolve(represented, at)
            if person is not None:
                return person
            represented = represented.split(None, 1)[1]
        name, _ = _strip_name(represented)
        if _looks_like_name(name) and self.names.known(name):
            return name
        return represented if represented[:1].isupper() else None


def _resolve(
    who: str,
    at: int,
    people: list[_Person],
    speakers: list[tuple[int, str]],
    paragraphs: list[Span],
    names: _Names,
) -> str | None:
    """The named person ``who`` refers to at ``at``, or None when the text does not say."""
    lowered = who.lower()
    if lowered in ("he", "she"):
        idx = next((i for i, (s, e) in enumerate(paragraphs) if s <= at < e + 1), 0)
        window = paragraphs[max(0, idx - 2)][0]
        found = [(p.start, p.name, p.subject) for p in people if window <= p.start < at]
        found += [(s, n, True) for s, n in speakers if window <= s < at]
        subjects = [f for f in found if f[2]]
        pick = max(subjects or found, default=None)
        return pick[1] if pick else None
    document = _document(who)
    if document is not None:
        return document
    if re.match(r"(?:the|an?)\s", lowered):
        words = who.split()[1:]
        at_role = next(
            (
                i
                for i, w in enumerate(words)
                if _norm(w).rstrip("s") in _ROLES or _norm(w) in _ROLES
            ),
            None,
        )
        if at_role is None:
            # "the French foreign ministry" is a named speaker; "the crowd" is no one in particular
            if (
                words
                and _norm(words[-1]) in _BODIES
                and any(w[:1].isupper() for w in words[:-1])
                and lowered.startswith("the ")
            ):
                return " ".join(words)
            return None
        role = _norm(words[at_role])
        roles = _ROLE_SYNONYMS.get(role, {role})
        places = {_PLACE_OF.get(_norm(w), _norm(w)) for w in words[:at_role] if w[:1].isupper()}
        fits = [p for p in people if p.start < at and p.roles & roles]
        if places:
            fits = [p for p in fits if p.places & places]
        if not fits:
            return None  # _Scope.description may still read it as an anaphor
        mentions = Counter(names.canonical(p.name) for p in people)
        best = max(fits, key=lambda p: (mentions[names.canonical(p.name)], p.start))
        return best.name
    name, _ = _strip_name(who)
    if _looks_like_name(name) and names.known(name) and not _bare_title(name):
        return name
    return None


def _document(who: str) -> str | None:
    """ "the suit", "her complaint", "the 40-page report" as the speaker: "the suit" (the head
    noun with "the"), so every outlet's name for one document compares as one speaker."""
    words = who.split()
    if len(words) < 2 or len(words) > 4 or _norm(words[-1]) not in _DOCUMENTS:
        return None
    if _norm(words[0]) not in ("the", "his", "her", "their", "its"):
        return None
    head = _norm(words[-1])
    return "the " + {"suit": "lawsuit", "filings": "filing", "documents": "document"}.get(
        head, head
    )


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
    if owner is not None:
        tokens = [t for t in doc[owner.left_edge.i : owner.i + 1] if t.dep_ != "case"]
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


def _plural(groups: list[tuple[int, str]], at: int, paragraphs: list[Span]) -> str | None:
    """ "they" -> the last group or organisation that was a subject in this or the previous
    paragraph; None when there is none (anonymous people: "residents ... they said")."""
    idx = next((i for i, (s, e) in enumerate(paragraphs) if s <= at < e + 1), 0)
    window = paragraphs[max(0, idx - 1)][0]
    found = [(s, name) for s, name in groups if window <= s < at]
    return max(found)[1] if found else None


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
    # the verb that introduces the quote comes first; one after it only when none does
    verb = min(verbs, key=lambda t: (t.idx > q.open, abs(t.idx - q.open)))
    cue = (verb.idx, verb.idx + len(verb.text))
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            break
        if verb.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acomp", "prep", "pobj"):
            verb = verb.head  # "ready to riff on it, telling the crowd": up to "seemed"
        else:
            return None
    else:
        return None
    if subject.lower_ in ("who", "that") and verb.dep_ == "relcl" and verb.head.pos_ == "PROPN":
        subject = verb.head  # "the actor Alyssa Milano, who said: “...”"
    if subject.pos_ == "PRON":
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
    return Attribution(who, span, framed, cue, speech)


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


def _proper_name(doc: Doc, att: Attribution) -> str | None:
    """A speaker phrase the parser reads as a proper name ("CNN", "Breitbart News", "Espinoza")
    is the speaker as printed, even when the entity tagger missed it: organisations speak too."""
    span = doc.char_span(att.span[0], att.span[1], alignment_mode="expand")
    if span is None:
        return None
    tokens = list(span)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    if any(t.ent_type_ in _NOT_SPEAKERS for t in tokens):
        return None  # "who will testify Thursday": a date is nobody
    run = len(tokens)
    while run > 0 and tokens[run - 1].pos_ == "PROPN":
        run -= 1
    if run == len(tokens):
        return None  # "the crowd", "officials": no name to report
    name, _ = _strip_name(doc.text[tokens[run].idx : tokens[-1].idx + len(tokens[-1])])
    return name if _looks_like_name(name) and not _bare_title(name) else None


def _bare_title(name: str) -> bool:
    """ "Sgt", "General", "Patriarch": a title with the name cut off is nobody in particular."""
    return len(name.split()) == 1 and (_norm(name) in _TITLES or _norm(name) in _HONORIFICS)


_HONORIFICS = frozenset(_wordlist("patriarch bishop rabbi imam reverend father sister brother"))


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
    if not _only_quotes(text, para, m.quote):
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


def _introduced_speaker(
    text: str, m: _Mention, paragraphs: list[Span], people: list[_Person]
) -> _Person | None:
    """A paragraph that is nothing but a quotation, after a paragraph about someone speaking
    ("The DNC issued a statement ...", "Trump said:"), is theirs: the last named subject there."""
    para = next(((s, e) for s, e in paragraphs if s <= m.quote.open < e), None)
    if para is None or not _only_quotes(text, para, m.quote):
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
