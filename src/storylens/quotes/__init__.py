"""Direct quotations, who said them, where and when, and the same quote across outlets.

Four steps, each a plain rule a reader can check against the text:

1. **Scanning** (``scan_quotes``). Real scrapes mix straight and curly marks, use ’ both as an
   apostrophe and as a quote mark, and sometimes print ” where “ was meant. A mark's role is
   therefore read from its neighbours, not from its glyph: a mark after a space, a dash or an
   opening bracket and before a word opens; a mark after a word and before a space or
   punctuation closes; the glyph only breaks ties. A single mark between two letters or digits
   (don’t, Iran’s, ’90s) is an apostrophe. Marks are paired per paragraph with a stack per
   family (double, single, guillemet); a pair lying inside another pair is a nested quote and
   is not reported on its own. A quote left open at the end of a paragraph whose next paragraph
   starts with an opening mark continues there (the convention for multi-paragraph quotes).
2. **Attribution** (``attribution``). A cue verb (said, told, added, ...) next to the quote in
   the same sentence names the speaker: ``“...,” Trump told``, ``said Trump``, ``Trump said,
   “...”``, ``Trump has insisted that ... “...”``, ``Trump’s assertion that “...”``. A pronoun
   (he, she) resolves to the most recent named person that was the subject of its sentence (or
   of an earlier quote) in this or the two previous paragraphs; a description ("the president",
   "the Kremlin spokesman") resolves to a person the article gave that role as a title
   ("Kremlin spokesman Dmitry Peskov"), the most mentioned one when several fit. A speaker that
   is not a person spaCy or the rest of the story knows stays None: never a guess.
   Names are made canonical across the story: titles are stripped and a name becomes the most
   mentioned (then longest) full name with the same last token ("President Trump" ->
   "Donald Trump").
   The surface patterns are backed by the dependency parse (``_parsed_attribution``), which is
   asked first: the subject of the speech verb nearest the quote in its sentence (climbing
   from "telling Reuters" to the clause it modifies; "told X", "asked X" name the listener),
   the subject of a sentence handing over with a colon ("Cruz called them on it: “...”"), a
   transcript label ("Clinton: “...”"), else the person whose verb governs the quoted words.
   A proper-name subject the entity tagger missed ("Politico", "CNN") is the speaker as
   printed; "the French foreign ministry" names an organisation. A paragraph that is nothing
   but a quotation continues the quote that closed the previous paragraph, or belongs to the
   named subject of a previous paragraph about speaking, and a quote opening its sentence after
   a sentence of reported speech in the same paragraph takes that sentence's speaker. An
   unnamed spokesperson speaks for whom they represent ("a spokesman for Exxon Mobil" ->
   "Exxon Mobil", "Merkel's spokesman" -> Angela Merkel); "they" is the last organisation or
   group that was a clause subject nearby, else None. Quote marks around an unattributed
   title-case string (“Dancing with the Stars”) mark a title, and around an unattributed short
   noun phrase introduced as a term ("a condition called “...”") or used as a label before a
   noun (the “law and order” issue) mark a term: neither is reported as a quotation.
3. **Setting** (``said_where_when``): a prepositional phrase (at, in, aboard, during, while ...)
   naming a place or an occasion, and a date expression, taken from the quote's sentence outside
   the quoted words, else from the earlier sentences of the paragraph, else (for a quote that
   opens its paragraph) from the previous paragraph; an earlier sentence counts only if it is
   about speaking (a cue verb, "speaking", "talking"), and only its part before "that".
4. **Variants**. Mentions are compared on normalised word sequences (case, punctuation and quote
   marks dropped): two are the same quote when the shorter keeps ``match_threshold`` of its
   words in order in the longer one and shares a run of ``min_words`` words with it; quotes
   shorter than ``min_words`` only match identical ones. Mentions are taken longest first, so a
   quote's first variant is its fullest. Each article gives a quote at most one variant, its
   fullest mention; a shorter repeat in the same article (a headline, a pull quote, a later
   fragment) is folded into it.

A quote broken by an attribution (``“I said,” he added, “no ...”``) or running over paragraphs
is one utterance and is reported as ONE quote (a piece that opens a new sentence after a whole
attribution sentence, ``“A,” Clinton said on Thursday. “B.”``, keeps the speaker but is a
quotation of its own): ``Quote.text`` joins its pieces with " … ", and
each variant's ``parts`` lists the span of every piece (the variant's own ``span`` and ``text``
are its first piece, so shown text still equals the article's characters). Grouping, the diff
and the fidelity compare joined utterances, so an outlet printing only one piece is a shorter
variant of the whole. A variant's
``said_on`` is its ``said_when`` as a day (:func:`said_on`); a quote printed by one independent
outlet only is ``single_source``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from rapidfuzz.distance import Indel, LCSseq

from storylens.config import QuotesConfig
from storylens.nlp import Models
from storylens.quotes._types import DiffOp, Span
from storylens.quotes.evidence import (
    CONTINUED,
    GROUP,
    GROUP_NOUN,
    GROUP_UNSURE,
    INTRODUCED,
    LABEL,
    NAMED_BODY,
    NEXT_SENTENCE,
    PREVIOUS_SENTENCE,
    PRONOUN_UNSURE,
    SPOKESPERSON,
    UNKNOWN_NAME,
    _Evidence,
    basis_of,
    named,
)
from storylens.quotes.marks import (
    ScannedQuote,
    _context,
    _Mention,
    _norm_words,
    _paragraphs,
    _surface_words,
    scan_quotes,
)
from storylens.quotes.people import (
    _document,
    _learned_genders,
    _Names,
    _people,
    _Person,
    _Scope,
    _subject_pronouns,
    unnamed_person_between,
)
from storylens.quotes.setting import _setting, said_on, said_where_when
from storylens.quotes.speakers import (
    Attribution,
    _attribution,
    _continued_speaker,
    _group_noun,
    _groups,
    _inner_label,
    _introduced_speaker,
    _is_term,
    _is_title,
    _named_body,
    _next_sentence_speaker,
    _parsed_attribution,
    _plural,
    _previous_sentence_speaker,
    _proper_name,
    _represented,
    _signature,
    _speaking_body,
    _standalone,
    _trailing_attribution,
    attribution,
)
from storylens.records import Article, Evidence, Quote, QuoteAttribution, QuoteVariant, Story

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "Attribution",
    "QuoteMention",
    "ScannedQuote",
    "attribution",
    "canonical_speakers",
    "find_quotes",
    "quote_mentions",
    "said_on",
    "said_where_when",
    "same_words",
    "scan_quotes",
]


def same_words(a: str, b: str, config: QuotesConfig | None = None) -> bool:
    """Whether two quoted texts are the same quotation by the stage's own grouping rule (the
    shorter keeps most of its words in order in the longer one)."""
    config = config or QuotesConfig()
    wa, wb = _norm_words(a), _norm_words(b)
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return _same_quote(short, long, config)


def _same_quote(short: list[str], long: list[str], config: QuotesConfig) -> bool:
    if len(short) < config.min_words or len(long) < config.min_words:
        return short == long
    if LCSseq.similarity(short, long) / len(short) < config.match_threshold:
        return False
    runs = _runs(short, long)
    if max((len(r) for r in runs), default=0) < config.min_words:
        return False
    # a shared run of little words ("to take this") is no shared wording: "People really need
    # to take this seriously" is not "We are asking people ... to take this storm very
    # seriously"; the run must carry two words of content when the shorter has them
    content = sum(1 for w in short if w not in _FUNCTION_WORDS)
    return content < 2 or any(
        sum(1 for w in r if w not in _FUNCTION_WORDS) >= 2
        for r in runs
        if len(r) >= config.min_words
    )


def _runs(a: list[str], b: list[str]) -> list[list[str]]:
    """The runs of words ``a`` and ``b`` share, in order."""
    return [a[op.src_start : op.src_end] for op in Indel.opcodes(a, b) if op.tag == "equal"]


_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "into",
        "about",
        "than",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "not",
        "no",
        "so",
        "too",
        "very",
        "just",
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "they",
        "them",
        "their",
        "there",
        "here",
        "what",
        "which",
        "who",
        "whom",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "some",
        "such",
        "then",
        "now",
        "up",
        "out",
        "over",
        "off",
        "again",
    ]
)


def _diff(full: str, variant: str) -> tuple[list[DiffOp], float]:
    """Word diff of ``variant`` against ``full`` and the share of ``full``'s words kept in order."""
    a = _surface_words(full)
    b = _surface_words(variant)
    na = [n for _, n in a]
    nb = [n for _, n in b]
    ops: list[DiffOp] = []
    for op in Indel.opcodes(na, nb):
        if op.tag == "equal":
            ops.append(("=", " ".join(t for t, _ in b[op.dest_start : op.dest_end])))
            continue
        if op.src_end > op.src_start:
            ops.append(("-", " ".join(t for t, _ in a[op.src_start : op.src_end])))
        if op.dest_end > op.dest_start:
            ops.append(("+", " ".join(t for t, _ in b[op.dest_start : op.dest_end])))
    return ops, round(_fidelity(na, nb), 3)


def _fidelity(full: list[str], variant: list[str]) -> float:
    """How faithfully ``variant`` prints the words of ``full`` it covers: compared with the same
    stretch of the fullest variant (first to last shared word), so a short verbatim excerpt
    scores 1.0 and a changed word inside it costs, while words it leaves out do not."""
    if not full or not variant:
        return 1.0
    equal = [op for op in Indel.opcodes(full, variant) if op.tag == "equal"]
    if not equal:
        return 0.0
    stretch = equal[-1].src_end - equal[0].src_start
    return LCSseq.similarity(full, variant) / max(stretch, len(variant))


def find_quotes(story: Story, models: Models, config: QuotesConfig) -> list[Quote]:
    """The story's quotations, each with one variant per article that prints it."""
    mentions, names = _mentions(story, models, config)
    return _group(mentions, names, config)


@dataclass(frozen=True)
class QuoteMention:
    """One quotation as printed once in one article, before quotes are grouped across outlets.

    The benchmark scores these: grouping folds a shorter repeat in the same article into its
    fullest mention, which is right for a report but would hide repeats from a recall count.
    """

    article: str
    span: Span
    text: str
    kind: Literal["full", "partial"]
    speaker: str | None
    """The story's canonical name for the speaker, or None when the text does not say."""
    group: int
    """Pieces of one utterance in one article (broken by attribution, across paragraphs)."""
    confidence: float = 0.0
    """How sure the attribution is (see :mod:`storylens.quotes.evidence`); below the stage's
    threshold ``speaker`` is None."""
    basis: str | None = None
    candidate: str | None = None
    """Whom the evidence points at when it is too weak to print ("possibly X")."""


def quote_mentions(story: Story, models: Models, config: QuotesConfig) -> list[QuoteMention]:
    """Every quotation mention of every article, in text order, with its canonical speaker."""
    mentions, names = _mentions(story, models, config)
    return [
        QuoteMention(
            article=m.article.id,
            span=m.quote.span,
            text=m.text,
            kind=m.kind,
            speaker=names.canonical(m.speaker)
            if m.speaker and m.evidence and m.evidence.confidence >= config.min_confidence
            else None,
            group=m.quote.group,
            confidence=m.evidence.confidence if m.evidence else 0.0,
            basis=m.evidence.basis if m.evidence else None,
            candidate=names.canonical(m.speaker)
            if m.speaker and m.evidence and m.evidence.confidence < config.min_confidence
            else None,
        )
        for m in mentions
    ]


def _mentions(story: Story, models: Models, config: QuotesConfig) -> tuple[list[_Mention], _Names]:
    mentions: list[_Mention] = []
    all_names: list[str] = []
    per_article: list[tuple[Article, list[ScannedQuote], list[_Person]]] = []
    for article in story.articles:
        quotes = scan_quotes(article.text)
        people = _people(article, models.doc(article), quotes) if quotes else []
        all_names += [p.name for p in people]
        per_article.append((article, quotes, people))
    names = _Names(all_names, tuple(a.text for a in story.articles))

    for order, (article, quotes, people) in enumerate(per_article):
        mentions += _article_mentions(article, order, quotes, people, names, models, config)
    return mentions, names


def _article_mentions(
    article: Article,
    order: int,
    quotes: list[ScannedQuote],
    people: list[_Person],
    names: _Names,
    models: Models,
    config: QuotesConfig,
) -> list[_Mention]:
    text = article.text
    paragraphs = _paragraphs(text)
    found: list[_Mention] = []
    group_speaker: dict[int, tuple[str, _Evidence]] = {}
    titles: set[int] = set()  # found[k] is a title read in a clause that reports no speech
    turns: set[int] = set()  # found[k] opens with the label of someone the article never names
    doc = models.doc(article) if quotes else None
    sentences = [s.start_char for s in doc.sents] if doc is not None else []
    scope = _Scope(
        people,
        paragraphs,
        names,
        sentences=sentences,
        pronouns=_subject_pronouns(doc, quotes) if doc is not None else [],
        genders=_learned_genders(doc, quotes, people, names) if doc is not None else {},
        quotes=quotes,
    )
    groups = _groups(doc, quotes) if doc is not None else []
    for q in quotes:
        ctx = _context(text, q, quotes)
        att = _attribution(text, q, quotes, ctx)
        parsed = _parsed_attribution(doc, text, q, quotes, ctx) if doc is not None else None
        words = _norm_words(text[q.span[0] : q.span[1]])
        speaker: str | None = None
        evidence: _Evidence | None = None
        # the parse reads the clause structure ("X, telling Reuters, “...”"); the surface
        # patterns cover what the small parser gets wrong; the first that names someone wins
        trailing = _signature(text, q) or _trailing_attribution(text, q, quotes, ctx)
        # every reading that names someone is weighed; the strongest evidence wins (the
        # closing attribution first, then the parse, then the surface patterns on a tie)
        best: tuple[float, Attribution, str, _Evidence] | None = None
        for cand in (trailing, parsed, att):
            if cand is None or (cand is att and parsed is not None and parsed.governs):
                continue
            who, ev = _speaker_of(cand, doc, scope, groups, paragraphs)
            if who is not None and ev is not None and (best is None or ev.confidence > best[0]):
                best = (ev.confidence, cand, who, ev)
                if cand is trailing:
                    break  # it frames the whole sentence: verbs inside it report, not speak
        label = _inner_label(text, q) if best is None else None
        if label is not None:
            # only a label the article names elsewhere ("Gov. Mike Pence"): a capitalised
            # word before a colon ("BREAKING:") is no one
            who = scope.resolve(label.who, label.span[0])
            if who is not None:
                best = (LABEL, label, who, _Evidence("label", LABEL, label.span))
            else:
                turns.add(len(found))  # a new speaker's turn: not the last speaker going on
        if best is not None:
            _, att, speaker, evidence = best
            if (not att.speech or _hearsay(text, att)) and _is_title(text[q.span[0] : q.span[1]]):
                # a name in quote marks in a clause that reports no speech ("found on the
                # reality series, “The Bachelor,”") is a title, nobody's words
                speaker, evidence = None, None
                titles.add(len(found))
        att = att or parsed
        framed = att.framed if att else _standalone(text, q, ctx)
        kind: Literal["full", "partial"] = (
            "full" if framed and len(words) >= config.min_words else "partial"
        )
        m = _Mention(article, order, q, words, kind, speaker=speaker, evidence=evidence)
        if att is not None and speaker and evidence is not None and att.who.lower() != "they":
            scope.speakers.append((att.span[0], speaker))
            group_speaker.setdefault(q.group, (speaker, evidence))
        found.append(m)
    for k, m in enumerate(found):
        if k in titles or k in turns:
            continue
        if m.quote.group in group_speaker:
            # a piece of a statement whose first attributed piece rests on stronger evidence
            # than its own reading goes on with that speaker
            speaker, ev = group_speaker[m.quote.group]
            if m.speaker is None or (
                m.evidence is not None
                and m.speaker != speaker
                and m.evidence.confidence < ev.confidence
            ):
                m.speaker, m.evidence = speaker, ev.weaker("continued", 1.0)
        prev = found[k - 1] if k > 0 else None
        if m.speaker is None and prev is not None and prev.evidence is not None:
            m.speaker = _continued_speaker(text, m, prev, paragraphs)
            if m.speaker is not None:
                m.evidence = prev.evidence.weaker("continued", CONTINUED)
        if m.speaker is None and prev is not None and prev.evidence is not None:
            m.speaker = _next_sentence_speaker(text, m, prev, quotes)
            if m.speaker is not None:
                m.evidence = prev.evidence.weaker("continued", NEXT_SENTENCE)
        if m.speaker is None and doc is not None:
            prior = _previous_sentence_speaker(doc, text, m.quote, quotes)
            if prior is not None:
                m.speaker, ev = _speaker_of(prior, doc, scope, groups, paragraphs)
                if ev is not None:
                    m.evidence = ev.weaker("context", PREVIOUS_SENTENCE)
        if m.speaker is None:
            person = _introduced_speaker(text, m, paragraphs, people)
            if person is not None:
                m.speaker = person.name
                m.evidence = _Evidence("context", INTRODUCED, (person.start, person.end))
    found = [
        m
        for k, m in enumerate(found)
        if k not in titles
        and not (_is_title(m.text) and _names_a_show(text, m.quote))
        and (
            # only a speaker sure enough to print makes a title-case string someone's words
            (m.evidence is not None and m.evidence.confidence >= config.min_confidence)
            or not (_is_title(m.text) or (doc is not None and _is_term(doc, text, m.quote, quotes)))
        )
    ]
    for m in found:
        where, when = _setting(text, m.quote, quotes, m.speaker)
        m.where = where.text if where else None
        m.when = when.text if when else None
        m.when_span = when.span if when else None
    return found


def _hearsay(text: str, att: Attribution) -> bool:
    """ "According to LN, expect to hear … “Listen To The Music,” “Black Water” …": a source
    reporting a sentence, not a voice saying the title-case names in it."""
    return att.cue is not None and text[att.cue[0] : att.cue[1]].lower() == "according to"


def _names_a_show(text: str, quote: ScannedQuote) -> bool:
    """A title-case quote right after "on NBC's", "in the", "on" is the name of a show, a book,
    a paper ("said on CNN's “State of the Union.”", "a contestant on the current season of
    “The Bachelor.”"): a title, whoever the sentence names."""
    before = text[max(0, quote.open - 40) : quote.open]
    return bool(re.search(r"(?:\b(?:on|in|at|of)|['’]s)\s*$", before))


def _speaker_of(
    cand: Attribution,
    doc: Doc | None,
    scope: _Scope,
    groups: list[tuple[int, str]],
    paragraphs: list[Span],
) -> tuple[str | None, _Evidence | None]:
    """The speaker ``cand`` names, resolved against the article, and the evidence for it."""
    represented = _represented(doc, cand) if doc is not None else None
    if represented is not None:  # an unnamed spokesperson: whom they speak for
        speaker = scope.represented(represented, cand.span[0])
        confidence, basis = SPOKESPERSON, "spokesperson"
    elif cand.who.lower() == "they":
        speaker = _plural(groups, cand.span[0], paragraphs)
        confidence, basis = GROUP, "group"
    elif cand.who.lower() in ("he", "she"):
        speaker, confidence = scope.pronoun(cand.who, cand.span[0])
        confidence = min(confidence, named(cand.who, framed=cand.framed, speech=cand.speech))
        if doc is not None and unnamed_person_between(doc, cand.span[0], scope.quotes):
            confidence = min(confidence, PRONOUN_UNSURE)
        basis = "pronoun"
    elif basis_of(cand.who) == "description" and not _document(cand.who):
        speaker, sure = scope.description(cand.who, cand.span[0])
        confidence = min(sure, named(cand.who, framed=cand.framed, speech=cand.speech))
        basis = "description"
    else:
        speaker = scope.resolve(cand.who, cand.span[0])
        confidence = named(cand.who, framed=cand.framed, speech=cand.speech)
        basis = "document" if _document(cand.who) else basis_of(cand.who)
    if (
        speaker is None
        and doc is not None
        and (represented or cand.who).lower().startswith(("the ", "its "))
    ):
        speaker = _named_body(
            doc,
            represented or cand.who,
            cand.span[0],
            scope.quotes,
            tuple(n for _, n in scope.speakers),
        )
        if speaker is not None and represented is None:
            sure = named(cand.who, framed=cand.framed, speech=cand.speech)
            confidence, basis = min(sure, NAMED_BODY), "description"
    if speaker is None and doc is not None and represented is None:
        speaker = _proper_name(doc, cand)
        confidence, basis = min(confidence, UNKNOWN_NAME), "cue"
    if speaker is None and doc is not None and represented is None and cand.speech:
        speaker = _group_noun(doc, cand)
        # its own figure: "wrote the researchers" failed as a titled person's description
        sure = named(cand.who, framed=cand.framed, speech=cand.speech)
        confidence, basis = min(sure, GROUP_NOUN), "group"
        body = _speaking_body(doc, cand.span[0], paragraphs, scope.quotes) if speaker else None
        if speaker is not None and " " not in speaker and body is not None:
            # "officials said" after "Humboldt County Sheriff’s Office said": likely that
            # office's people, but the text does not say so; shown as "possibly" only
            speaker, confidence = body, GROUP_UNSURE
    if speaker is None:
        return None, None
    return speaker, _Evidence(basis, confidence, cand.span, cand.cue)


@dataclass
class _Utterance:
    """One utterance in one article: its pieces (one, or several when broken by attribution or
    run over paragraphs), compared and diffed as one joined text."""

    pieces: list[_Mention]

    @property
    def first(self) -> _Mention:
        return self.pieces[0]

    @property
    def words(self) -> list[str]:
        return [w for m in self.pieces for w in m.words]

    @property
    def text(self) -> str:
        return ELLIPSIS.join(m.text for m in self.pieces)

    @property
    def best(self) -> _Mention | None:
        """The piece whose speaker rests on the strongest evidence."""
        named = [m for m in self.pieces if m.speaker and m.evidence is not None]
        return max(named, key=lambda m: m.evidence.confidence if m.evidence else 0.0, default=None)

    @property
    def speaker(self) -> str | None:
        best = self.best
        return best.speaker if best else None

    @property
    def confidence(self) -> float:
        best = self.best
        return best.evidence.confidence if best and best.evidence else 0.0

    def attributed(self, config: QuotesConfig) -> str | None:
        """The speaker when the evidence is strong enough to print, else None."""
        return self.speaker if self.confidence >= config.min_confidence else None

    def attribution(self, config: QuotesConfig) -> QuoteAttribution:
        best = self.best
        if best is None or best.evidence is None or best.speaker is None:
            return QuoteAttribution()
        ev, article = best.evidence, best.article
        sure = ev.confidence >= config.min_confidence
        return QuoteAttribution(
            status="attributed" if sure else "unattributed",
            confidence=ev.confidence,
            basis=ev.basis,
            cue=Evidence(span=ev.cue, text=article.slice(ev.cue)) if ev.cue else None,
            mention=Evidence(span=ev.mention, text=article.slice(ev.mention))
            if ev.mention
            else None,
            candidate=None if sure else best.speaker,
        )

    @property
    def kind(self) -> Literal["full", "partial"]:
        return "full" if any(m.kind == "full" for m in self.pieces) else "partial"


ELLIPSIS = " … "


"""How the pieces of one utterance are joined in ``Quote.text`` (and in the rendered reports)."""


def _utterances(mentions: list[_Mention]) -> list[_Utterance]:
    """Pieces joined into utterances: those of one sentence broken by its attribution, or run
    over paragraphs. A piece opening a new sentence after ``Clinton said on Thursday.`` is a
    quotation of its own (with the same speaker): another outlet may print it alone, and each
    shown variant's text is then the whole of what it stands for."""
    by_group: dict[tuple[str, int, int], list[_Mention]] = {}
    part = 0
    for m in sorted(mentions, key=lambda m: (m.article.id, m.quote.span[0])):
        if m.quote.sentence_break:
            part += 1
        if m.words:
            by_group.setdefault((m.article.id, m.quote.group, part), []).append(m)
    return [_Utterance(sorted(ms, key=lambda m: m.quote.span[0])) for ms in by_group.values()]


def _group(mentions: list[_Mention], names: _Names, config: QuotesConfig) -> list[Quote]:
    """Utterances across articles grouped into quotes, each with one variant per article.

    The unit is the utterance, not the piece between two quote marks: "“I said,” he added,
    “no ...”" is one quote, and another outlet printing only "no ..." is a variant of it.
    """
    clusters: list[list[_Utterance]] = []
    said_by: list[str | None] = []  # the one canonical speaker each cluster is attributed to
    ordered = sorted(
        _utterances(mentions),
        key=lambda u: (-len(u.words), u.first.order, u.first.quote.span[0]),
    )
    for u in ordered:
        who = u.attributed(config)
        who = names.canonical(who) if who else None
        placed = False
        for k, cluster in enumerate(clusters):
            if who and said_by[k] and said_by[k] != who:
                continue  # the same words from someone else: another quote (a speaker conflict)
            if (who is None) != (said_by[k] is None) and len(u.words) < config.min_words * 2:
                continue  # "scolded" in two outlets need not be one person's word
            if not _same_quote(u.words, cluster[0].words, config):
                continue
            mine = next((c for c in cluster if c.first.article.id == u.first.article.id), None)
            if mine is None:
                cluster.append(u)
            elif not _same_quote(u.words, mine.words, config):
                continue  # another utterance of this article, not a repeat
            said_by[k] = said_by[k] or who
            placed = True
            break
        if not placed:
            clusters.append([u])
            said_by.append(who)

    built: list[tuple[tuple[int, int, int, int], Quote]] = []
    for cluster in clusters:
        fullest = cluster[0]
        variants: list[QuoteVariant] = []
        for u in sorted(cluster, key=lambda c: c.first.order):
            diff, fidelity = _diff(fullest.text, u.text)
            m = u.first
            setting = next((p for p in u.pieces if p.where or p.when), m)
            variants.append(
                QuoteVariant(
                    article=m.article.id,
                    text=m.text,
                    span=m.quote.span,
                    raw_span=m.article.raw_span_of(m.quote.span),
                    speaker=u.attributed(config),
                    said_where=setting.where,
                    said_when=setting.when,
                    said_on=said_on(m.article, setting.when_span) if setting.when_span else None,
                    parts=[p.quote.span for p in u.pieces] if len(u.pieces) > 1 else [],
                    diff=diff,
                    fidelity=fidelity,
                    attribution=u.attribution(config),
                )
            )
        speaker = said_by[clusters.index(cluster)]
        kind: Literal["full", "partial"] = (
            "full" if any(u.kind == "full" for u in cluster) else "partial"
        )
        first = min((u.first.order, u.first.quote.span[0]) for u in cluster)
        outlets = {u.first.article.duplicate_of or u.first.article.id for u in cluster}
        quote = Quote(
            id="",
            speaker=speaker,
            text=fullest.text,
            kind=kind,
            variants=variants,
            single_source=len(outlets) == 1,
            scare=_is_scare(fullest, variants),
        )
        built.append(((-len(cluster), -len(fullest.words), *first), quote))
    built.sort(key=lambda item: item[0])
    return [q.model_copy(update={"id": f"q{i}"}) for i, (_, q) in enumerate(built, 1)]


def _is_scare(fullest: _Utterance, variants: list[QuoteVariant]) -> bool:
    """One or two words in marks that no outlet ties to anyone (“historic”, “voluntary
    missing”): a writer's scare quote, listed apart rather than as a quotation."""
    return len(fullest.words) <= 2 and all(
        v.attribution.candidate is None and v.attribution.status == "unattributed" for v in variants
    )


def canonical_speakers(story: Story, models: Models) -> dict[str, str]:
    """Each speaker name used by a variant mapped to the story's canonical name for it."""
    names: list[str] = []
    for article in story.articles:
        names += [p.name for p in _people(article, models.doc(article), scan_quotes(article.text))]
    table = _Names(names)
    return {
        v.speaker: table.canonical(v.speaker) for q in story.quotes for v in q.variants if v.speaker
    }
