"""Statements aligned across articles into a claim x source matrix.

A claim unit is one sentence of an article that reads as a statement. Units from different
outlets are aligned when their embeddings are close *and* their named entities and numbers
do not disagree: embeddings alone put any two sentences about Putin and Iran close together,
while entities alone miss paraphrases, so the score is cosine similarity nudged by entity and
number agreement (see :func:`pair_score`). Aligned units are grouped greedily, best pair first,
never letting one claim hold two sentences of the same article, which keeps groups from
chaining through a third, merely topical sentence.

Scores see topic as much as statement, so a pair may align only when it also passes checks of
what is stated (:func:`states_same`, :func:`shares_specifics`): a quotation aligns only with
another rendering of the same words (its content is a claim about the speaker, never a fact
of the event), and two sentences must share words specific to a statement, not only the
story's topic words. Captions, credit lines and teasers are never claims. Support counts
independent outlets: duplicate pages and verbatim wire copies are listed but count once, and
each row says how it was counted (``Claim.independence``). Each source is typed ``fact``,
``attributed`` (a named source or a quotation), ``opinion`` (evaluative wording, or a page that
presents itself as commentary) or ``speculation``.

Everything shown (``ClaimSource.text``) is ``article.text[span]``; the matching works only on
normalised copies.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np

from storylens.config import ClaimsConfig
from storylens.nlp import Models
from storylens.records import Article, Claim, ClaimKind, ClaimSource, Story
from storylens.slots import Geography, Statement, disagreements, geography

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

Kind = ClaimKind
CORROBORATING_KINDS: frozenset[Kind] = frozenset({"fact", "attributed"})
"""Kinds of statement that outlets can corroborate as news of the event."""

# Where a page says it is commentary: its URL path ("/opinion/", "/commentary/") or a kicker
# line above the story ("ANALYSIS", "Opinion |"). Every statement of such a page is the
# writer's view, however factual its wording.
_OPINION_PATH = re.compile(
    r"/(?:opinions?|commentary|comment|editorials?|columns?|columnists?|op-?eds?|analysis"
    r"|blogs?|views?|perspectives?)(?:/|$|-)",
    re.IGNORECASE,
)
_OPINION_KICKER = re.compile(
    r"^\s*(?:opinion|analysis|commentary|editorial|column|op-?ed|perspective|viewpoint)\b"
    r"\s*(?:[:|—–-]|\n)",
    re.IGNORECASE,
)

MIN_WORDS = 6
"""Fewer words than this is a heading, caption or fragment, not a statement."""

_WORD = re.compile(r"[^\W_][\w'’.-]*")
_TERMINAL = re.compile(r"[.!…][\"'”’)\]]*$|[\"”’][.!]?$")
_QUESTION = re.compile(r"\?[\"'”’)\]]*$")
_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}

# Lines a page prints around the story rather than as part of it: photo captions and gallery
# chrome ("Caption ...", "1 of 10 Full Screen Autoplay"), credit lines ("... contributed to
# this report", "Reporting by ..."), bracketed teasers of other stories ("[Obama says ...]").
# They read as sentences, but no outlet states them as news of the event.
_NOT_NEWS = re.compile(
    r"^(?:(?:image\s+)?caption|photo|file\s+photo|pictured|watch|read\s+more|related|see\s+also"
    r"|click|sign\s+up|subscribe)\b[\s:]"
    r"|^\d+\s+of\s+\d+\b"
    # a caption naming what the picture is, without an article ("X-ray image of a ring dove
    # producing ..."; "The picture of Mitchell still hangs ..." is a sentence)
    r"|^(?!(?:the|a|an|this|that|these|those|his|her|its|their|our|my)\s)"
    r"(?:[\w-]+\s+)?(?:image|photograph|picture|illustration)\s+of\b"
    r"|\b(?:full\s+screen|autoplay|skip\s+ad|view\s+photos)\b"
    r"|\bcontributed\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article)"
    r"|^(?:additional\s+)?(?:reporting|writing|editing)\s+by\b"
    r"|^\s*\[[^\]]*\]\s*$"
    # a caption's dateline glued to its text ("March 30, 2016 A stray lion passes ...")
    r"|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\s+[A-Z]"
    # stock-quote furniture of a finance page ("BP BP., +0.88% BP, +0.60% Chairman ...")
    r"|[+-]\d+\.\d+%",
    re.IGNORECASE,
)

# Hedging cues: the writer signals that the statement is not established. ``would`` is a cue
# unless it is the idiom of wanting ("would like", "would love", "would prefer").
_SPECULATION = re.compile(
    r"\b(?:may(?!\s+\d)|might|could|would(?!\s+(?:like|love|prefer|rather))|appears?\s+to|appeared\s+to"
    r"|seems?\s+to|seemed\s+to|suggests?|suggesting|suggested\s+that|likely|unlikely|possibly"
    r"|perhaps|potentially|probably|presumably|reportedly|allegedly|expected\s+to"
    r"|speculat\w*|rumou?r\w*)\b",
    re.IGNORECASE,
)

# Commentary cues: evaluative adjectives/adverbs and interpretive verbs by which the writer
# judges rather than reports. A documented word list, not a classifier: it errs towards
# calling analysis pieces opinion, which is what a reader comparing sources needs to know.
_OPINION = re.compile(
    r"\b(?:significan(?:t|tly|ce)|represents?|representing|reflects?|reflecting|underscores?"
    r"|underscoring|highlights?|highlighting|revealing|crucial|prescient|wisdom|wise|prudent"
    r"|unprecedented|remarkable|remarkably|blunt(?:ly)?|firmly|pointed|dramatic(?:ally)?"
    r"|clearly|effectively|indispensable|ideal|fundamental(?:ly)?|substantial|essential"
    r"|unusual|characteristically|arguably|undoubtedly|of\s+course|troubling|alarming"
    r"|shameful|disgraceful|brilliant|masterful|disastrous|outrageous|must\s+be\s+understood"
    r"|should\s+be\s+understood|it\s+is\s+(?:clear|obvious|evident)|in\s+other\s+words"
    r"|strategic\s+(?:implications|significance|calculation|choice|choices))\b",
    re.IGNORECASE,
)

# Reporting verbs whose subject is the source of the statement around them.
_REPORT_VERBS = {
    "say", "tell", "report", "cite", "claim", "announce", "state", "confirm", "add", "insist",
    "disclose", "reveal", "write", "note", "warn", "accuse", "allege", "deny", "acknowledge",
    "explain", "argue", "declare", "estimate", "assert", "tweet", "post", "quote", "brief",
}  # fmt: skip
# Head nouns that make an unnamed subject a source ("local officials", "US media").
_SOURCE_NOUNS = {
    "official", "media", "medium", "spokesman", "spokeswoman", "spokesperson", "source",
    "agency", "ministry", "minister", "police", "report", "statement", "president",
    "government", "analyst", "expert", "witness", "resident", "reporter", "journalist",
    "newspaper", "outlet", "researcher", "investigator", "authority", "military", "army",
    "office", "department", "people", "leader", "spokesmen", "prosecutor", "document",
    "study", "survey", "intelligence", "kremlin", "white", "house", "person", "aide",
}  # fmt: skip
_SOURCE_ENTS = {"PERSON", "ORG", "NORP", "GPE"}
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

# Weights of :func:`pair_score`. The entity and number terms were tuned on the sample coverage
# and the paraphrase pairs in tests/test_claims.py; the embedding weight and the two overlap
# terms on the ECB+ alignment gold, two-fold by topic (benchmarks/RESULTS.md, "Claims
# alignment"): the sentence embedding sees the topic, the soft word overlap sees the specific
# content, a shared predicate and the number of shared words say that the same thing is stated
# rather than the same subject discussed, a shared set of named entities lifts a paraphrase, a
# different set of numbers pushes look-alikes apart.
EMBEDDING_WEIGHT = 0.3
PREDICATE_BONUS = 0.1
"""Added when both sentences use the same content verb (reporting verbs do not count)."""
SHARED_WORDS_WEIGHT = 0.04
"""Times ``log(1 + shared content lemmas)``: two long sentences sharing six words are more
surely one statement than two short ones sharing two, at the same proportion of overlap."""
WORD_MATCH_FLOOR = 0.5
"""Word pairs less similar than this (static embeddings) count as no match at all."""
ENTITY_WEIGHT = 0.16
NUMBER_AGREE = 0.05
NUMBER_DISAGREE = 0.12
LINKAGE_MARGIN = 0.2
"""Two groups merge only if their sentences score, on average over all cross pairs, at least
the threshold minus this: one strong link is not enough to pull a whole group in."""
TOPIC_SHARE = 0.08
"""A content word used by at least this share of the story's statements is
one of its topic words ("lion", "park", "Nairobi" in a story of a lion shot near the park);
five at least, so that a handful of sentences has no topic words to discount."""
SPECIFIC_WORDS = 2
"""Two statements must share this many content words besides the topic words, or a figure, to
state one thing: "Mohawk was one of 35 lions in Nairobi National Park" and "The Nairobi
National Park has had several lion escapes" share only the topic (crossoutlet dev, fit on half
the stories and checked on the other half: benchmarks/results/issue-18.md)."""
COVER_MARGIN = 0.05
COVER_SHARE = 0.5
"""A pair scoring up to ``COVER_MARGIN`` below the threshold still aligns when the shorter
sentence's content (IDF-weighted) recurs word for word, for ``COVER_SHARE`` of it, in the other:
"Heath was booked on a $1 million bond." / "He is currently being held at the Fort Worth jail
with a $1 million bond." (crossoutlet dev, checked on each half of the stories:
benchmarks/results/issue-18.md)."""
MIN_COSINE = 0.45
"""Sentence pairs below this embedding similarity are never compared further (speed)."""


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

    @property
    def text(self) -> str:
        return self.article.slice(self.span)


# --- quotation masking ---------------------------------------------------------------------


def quote_mask(text: str, inside: bool = False) -> tuple[list[bool], bool]:
    """For each character, whether it lies inside double quotation marks, and the state after.

    Curly quotes open and close; a straight ``"`` toggles. Single quotes are left alone since
    they double as apostrophes. A quote left open runs to the end of the paragraph, which is
    how news prints a quotation that continues into the next paragraph.
    """
    mask = [False] * len(text)
    for i, ch in enumerate(text):
        if ch == "“" or (ch == '"' and not inside):
            mask[i] = inside = True
        elif ch == "”" or (ch == '"' and inside):
            mask[i] = True
            inside = False
        else:
            mask[i] = inside
    return mask, inside


def _paragraph_start(text: str, pos: int) -> int:
    brk = text.rfind("\n\n", 0, pos)
    return 0 if brk < 0 else brk + 2


def quoting(article: Article, span: tuple[int, int]) -> tuple[list[bool], bool, bool]:
    """Quote mask of the sentence, whether it starts inside a quotation opened earlier in its
    paragraph, and whether a quotation is still open at its end (both mark a sentence that is
    one piece of a longer quotation)."""
    para = _paragraph_start(article.text, span[0])
    _, opened = quote_mask(article.text[para : span[0]])
    mask, still_open = quote_mask(article.slice(span), opened)
    return mask, opened, still_open


def unquoted(text: str, mask: list[bool]) -> str:
    """The sentence with quoted characters blanked (same length, so offsets still hold)."""
    return "".join(" " if m else c for c, m in zip(text, mask, strict=True))


# --- statements, kinds, attribution ---------------------------------------------------------


def is_statement(text: str, sent: Span) -> bool:
    """A declarative sentence: enough words, terminal punctuation, a finite verb, not shouted.

    Headings and captions have no terminal full stop, teasers and bylines are short, and a
    question states nothing; all-capital lines are section headings; captions, credit lines
    and bracketed teasers that do end in a full stop are recognised by their form.
    """
    stripped = text.strip()
    if len(_WORD.findall(stripped)) < MIN_WORDS or _NOT_NEWS.search(stripped):
        return False
    if _QUESTION.search(stripped) or not _TERMINAL.search(stripped):
        return False
    letters = [c for c in stripped if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.7:
        return False
    return any(
        t.tag_ in _FINITE_TAGS
        or (t.pos_ in {"VERB", "AUX"} and "Fin" in t.morph.get("VerbForm", []))
        # the small model tags some past-tense roots as participles ("The US bombardments
        # sealed off ..."): a verbal root that is not a gerund is finite too
        or (t.dep_ == "ROOT" and t.pos_ == "VERB" and t.tag_ in {"VBN", "VBD"})
        for t in sent
    )


def classify_kind(text: str, mask: list[bool] | None = None) -> Kind:
    """Speculation if a hedging cue occurs outside quotation marks, opinion if an evaluative cue
    does, else fact. Words inside quotes are what someone said, which the article reports as a
    fact about them, so they never make the sentence speculative."""
    plain = unquoted(text, mask) if mask is not None else text
    if _SPECULATION.search(plain):
        return "speculation"
    if _OPINION.search(plain):
        return "opinion"
    return "fact"


def is_opinion_page(article: Article) -> bool:
    """The page presents itself as commentary (URL path or kicker), not as a news report."""
    from urllib.parse import urlparse

    path = urlparse(article.url).path if article.url else ""
    if _OPINION_PATH.search(path):
        return True
    return any(_OPINION_KICKER.match(t) for t in (article.title or "", article.text[:80]))


def _is_source_subject(subj: Token) -> bool:
    """A subject that names who is speaking: a proper name or named entity as the head of the
    subject, or a source noun as its head ("local officials", "US media"). A name only in a
    modifier ("Putin's offer revealed") does not make the phrase a source."""
    if subj.pos_ == "PRON" or subj.tag_ in {"PRP", "WP", "WDT"}:
        return False
    if subj.pos_ == "PROPN" or subj.ent_type_ in _SOURCE_ENTS:
        return True
    return subj.lemma_.lower() in _SOURCE_NOUNS or subj.text.lower() in _SOURCE_NOUNS


def _left_subject(verb: Token, sent: Span) -> Token | None:
    """The noun phrase right before a verb, for when the parse hung the subject elsewhere.

    spaCy parses the whole article, so a sentence after a heading without a full stop can get
    its subject attached across the paragraph break; reading back from the verb over auxiliaries
    and adverbs ("had earlier") to a noun restores "US President Donald Trump has claimed".
    """
    i = verb.i - 1
    while i >= sent.start and sent.doc[i].dep_ in {"aux", "auxpass", "neg", "advmod"}:
        i -= 1
    if i < sent.start or sent.doc[i].pos_ not in {"PROPN", "NOUN"}:
        return None
    return sent.doc[i]


def _phrase(doc: Doc, start: int, end: int) -> str:
    """Tokens [start, end) as they appear in the text (the verbatim characters)."""
    return doc.text[doc[start].idx : doc[end - 1].idx + len(doc[end - 1].text)]


def _object_extent(verb: Token, limit: int) -> int | None:
    """End token index of the object a verb of telling/citing takes ("told reporters",
    "cited people familiar with a preliminary report"), stopping before "as saying"/"that"."""
    for child in verb.children:
        if child.dep_ in {"dobj", "dative"} and child.i > verb.i:
            end = child.i + 1
            for t in child.subtree:
                if t.i >= end and t.dep_ not in {"relcl", "acl", "mark"} and t.text != ",":
                    end = t.i + 1
                elif t.i >= end:
                    break
            return min(end, limit)
    return None


def find_attribution(sent: Span, mask: list[bool]) -> str | None:
    """The attribution phrases of a sentence, in text order, joined by "; ".

    Rules (over spaCy's parse, ignoring anything inside quotation marks):
    * "according to X" -> "according to X" (X the whole object phrase);
    * a reporting verb (say, tell, report, cite, ...) whose subject is a named entity or a
      source noun ("officials", "media", "spokesman") -> subject through verb, with the object
      of telling/citing: "Kremlin spokesman Dmitry Peskov told reporters", "US media had
      earlier cited people familiar with a preliminary US intelligence report";
    * inverted "..., said Trump" -> "said Trump"; a subjectless "citing X" -> "citing X".
    Pronoun subjects ("he said") are not resolved here: that is the quote stage's work.
    """
    doc = sent.doc
    base = sent.start_char

    def quoted(tok: Token) -> bool:
        k = tok.idx - base
        return 0 <= k < len(mask) and mask[k]

    found: list[tuple[int, str]] = []
    for tok in sent:
        if quoted(tok):
            continue
        low = tok.lower_
        if low == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            if to is None and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
                to = doc[tok.i + 1]
            if to is not None:
                objs = [c for c in to.children if c.dep_ == "pobj"]
                if objs:
                    last = max(t.i for t in objs[0].subtree)
                    found.append((tok.i, _phrase(doc, tok.i, min(last + 1, sent.end))))
            continue
        if tok.lemma_.lower() not in _REPORT_VERBS or tok.pos_ not in {"VERB", "AUX"}:
            continue
        subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is None or not sent.start <= subj.i < sent.end:
            subj = _left_subject(tok, sent) if tok.tag_ != "VBG" else None
        obj_end = _object_extent(tok, sent.end) if tok.lemma_.lower() in {"tell", "cite"} else None
        if subj is not None and _is_source_subject(subj):
            if subj.i < tok.i:
                start = max(subj.left_edge.i, sent.start)
                while start > sent.start and doc[start - 1].dep_ == "compound":
                    start -= 1
                end = obj_end or tok.i + 1
                found.append((start, _phrase(doc, start, end)))
            else:
                # inverted: "..., said Trump, who added" -> "said Trump"
                end = max(
                    [subj.i + 1]
                    + [t.i + 1 for t in subj.lefts if t.i > tok.i]
                    + [t.i + 1 for t in subj.rights if t.dep_ in {"compound", "appos", "flat"}]
                )
                found.append((tok.i, _phrase(doc, tok.i, end)))
        elif subj is None and tok.tag_ == "VBG" and obj_end is not None:
            found.append((tok.i, _phrase(doc, tok.i, obj_end)))
    if not found:
        return None
    found.sort()
    return "; ".join(dict.fromkeys(p for _, p in found))


# --- entities and numbers for alignment -----------------------------------------------------


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


def content_words(sent: Span) -> list[str]:
    """Lower-case lemmas of the content words (stop words, numbers and punctuation left out)."""
    seen: dict[str, None] = {}
    for t in sent:
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
            found.add(t.lemma_.lower())
    return frozenset(found) - _REPORT_VERBS


class WordMatcher:
    """Soft, IDF-weighted word overlap between sentences of one story.

    Each content word of one sentence is matched to its most similar word of the other
    (static word embeddings, so "help" finds "assistance"); similarities below
    ``WORD_MATCH_FLOOR`` count as zero and the rest are rescaled to [0, 1]. Words are weighted
    by a smoothed inverse document frequency over the story's sentences, ``log(1 + n / df)``,
    so the names every sentence of the story repeats ("Trump", "Iran") carry little and the
    specific content carries the match, without a story of two short articles counting the
    very words they share as noise. The score is the mean of both directions.
    """

    def __init__(self, units: list[Unit], models: Models) -> None:
        vocab = sorted({w for u in units for w in u.words})
        self.index = {w: k for k, w in enumerate(vocab)}
        self.vectors = models.embed(vocab) if vocab else np.zeros((0, 1), dtype=np.float32)
        n = len(units)
        df: dict[str, int] = {}
        for u in units:
            for w in u.words:
                df[w] = df.get(w, 0) + 1
        idf = np.zeros(len(vocab), dtype=np.float32)
        for w, k in self.index.items():
            idf[k] = float(np.log1p(n / df[w]))
        self.idf = idf
        self.topic = {w for w, c in df.items() if c >= max(5.0, TOPIC_SHARE * n)}

    def specific_shared(self, a: Unit, b: Unit) -> int:
        """Content words both sentences use that are not the story's topic words."""
        shared = set(a.words) & set(b.words)
        return len(shared - self.topic - a.source_words - b.source_words)

    def cover(self, a: Unit, b: Unit) -> float:
        """Share of the shorter sentence's content (its words weighted by IDF) that the other
        repeats word for word: a short report whose every specific word recurs in a longer
        one is restated there, however low the embedding puts the longer sentence."""
        wa, wb = self.weight(a), self.weight(b)
        shared = sum(self.idf[self.index[w]] for w in set(a.words) & set(b.words))
        smaller = min(wa, wb)
        return float(shared / smaller) if smaller > 0 else 0.0

    def weight(self, unit: Unit) -> float:
        return float(self.idf[self._ids(unit)].sum()) if unit.words else 0.0

    def _ids(self, unit: Unit) -> np.ndarray:
        return np.asarray([self.index[w] for w in unit.words], dtype=np.int64)

    def score(self, a: Unit, b: Unit) -> float:
        ia, ib = self._ids(a), self._ids(b)
        if len(ia) == 0 or len(ib) == 0:
            return 0.0
        sims = self.vectors[ia] @ self.vectors[ib].T
        sims = np.clip((sims - WORD_MATCH_FLOOR) / (1 - WORD_MATCH_FLOOR), 0.0, 1.0)
        wa, wb = self.idf[ia], self.idf[ib]
        forward = float((sims.max(axis=1) * wa).sum() / wa.sum())
        backward = float((sims.max(axis=0) * wb).sum() / wb.sum())
        return (forward + backward) / 2


def pair_score(cos: float, words: float, a: Unit, b: Unit) -> float:
    """How surely two sentences state the same thing.

    ``EMBEDDING_WEIGHT * cos + (1 - EMBEDDING_WEIGHT) * words`` (words: the soft overlap of
    :class:`WordMatcher`), plus PREDICATE_BONUS for a shared content verb and
    ``SHARED_WORDS_WEIGHT * log(1 + shared lemmas)`` (exact overlap: the soft overlap alone
    lets near-synonyms of a topic's vocabulary, "patch" and "flaw", pass for a restatement),
    plus ``ENTITY_WEIGHT * (agreement - 0.5)`` when either names an entity (same people and
    places gain up to 0.08, different ones lose as much), plus NUMBER_AGREE for a shared figure
    or minus NUMBER_DISAGREE when both give figures and none is shared.
    """
    score = EMBEDDING_WEIGHT * cos + (1 - EMBEDDING_WEIGHT) * words
    if a.predicates & b.predicates:
        score += PREDICATE_BONUS
    shared = len(set(a.words) & set(b.words))
    score += SHARED_WORDS_WEIGHT * float(np.log1p(shared))
    agree = entity_agreement(a.entities, b.entities)
    if agree is not None:
        score += ENTITY_WEIGHT * (agree - 0.5)
    if a.numbers and b.numbers:
        # most of the figures of the sentence giving fewer must recur in the other: sharing an
        # age bracket ("under 50") while giving other percentages is two different findings
        shared_figures = len(a.numbers & b.numbers)
        if shared_figures * 2 >= min(len(a.numbers), len(b.numbers)):
            score += NUMBER_AGREE
        else:
            score -= NUMBER_DISAGREE
    return score


# --- statement checks -----------------------------------------------------------------------

_TOKEN = re.compile(r"\w+")
QUOTE_LED_SHARE = 0.5
"""A sentence at least this much inside quotation marks reports what someone said."""
RENDERING_OVERLAP = 0.6
"""Share of the shorter quotation's words that the other sentence must repeat, in order runs
of ``RENDERING_RUN`` words or more, to be another rendering of the same statement."""
RENDERING_RUN = 3


def _tokens(text: str) -> list[str]:
    return [t.lower().replace("’", "'") for t in _TOKEN.findall(text)]


def quote_led(unit: Unit) -> bool:
    """Whether the sentence's content is someone's quoted words (wholly or mostly, or a piece
    of a quotation running over sentences): a claim about what the speaker said."""
    return unit.quoted_share >= QUOTE_LED_SHARE or unit.starts_in_quote or unit.ends_in_quote


def _shared_run_tokens(short: tuple[str, ...], long_: tuple[str, ...], run: int) -> int:
    """How many tokens of ``short`` lie in runs of ``run``+ consecutive tokens also found
    consecutively in ``long_`` (verbatim wording, not a shared vocabulary)."""
    grams = {long_[i : i + run] for i in range(len(long_) - run + 1)}
    covered = [False] * len(short)
    for i in range(len(short) - run + 1):
        if short[i : i + run] in grams:
            for k in range(i, i + run):
                covered[k] = True
    return sum(covered)


def same_rendering(a: Unit, b: Unit) -> bool:
    """Whether two sentences carry the same quotation: the quoted words of the one that quotes
    (the shorter quotation when both do) recur verbatim, in runs, in the other."""
    led = [(u, u.quoted_tokens or u.tokens) for u in (a, b) if quote_led(u)]
    if not led:
        return True
    quoting_unit, short = min(led, key=lambda pair: len(pair[1]))
    other = b if quoting_unit is a else a
    if len(short) < RENDERING_RUN:
        return False
    shared = _shared_run_tokens(short, other.tokens, RENDERING_RUN)
    return shared >= RENDERING_OVERLAP * len(short)


def shares_specifics(a: Unit, b: Unit, matcher: WordMatcher) -> bool:
    """Whether two sentences share what is specific to a statement rather than to the story:
    ``SPECIFIC_WORDS`` content words that are not topic words, or a figure. A quotation's
    check is its wording (:func:`same_rendering`), so it is not asked again here."""
    if quote_led(a) or quote_led(b) or a.numbers & b.numbers:
        return True
    return matcher.specific_shared(a, b) >= SPECIFIC_WORDS


DIFFERENT_FIGURES = 2
"""Two sentences that each give this many figures the other lacks report different findings
("about 95 percent ... roughly 92 percent" / "about 68 percent ... about 67 percent", both for
patients under 50), however much else they share."""


def _unmatched_figures(these: frozenset[float], others: frozenset[float]) -> int:
    """Figures of ``these`` that ``others`` gives neither as such nor rounded ("21.3 percent"
    and "21 percent" are one figure)."""
    return sum(1 for x in these if not any(round(x) == round(y) for y in others))


_SAYING = re.compile(
    r"\b(?:says?|said|saying|tell|tells|told|telling|add(?:s|ed)?|not(?:es|ed)|according"
    r"|explain(?:s|ed)?|insist(?:s|ed)?|argu(?:es|ed)|tweet(?:s|ed)?|writes|wrote|warn(?:s|ed)?)\b",
    re.IGNORECASE,
)


def attribution_words(sent: Span, attributed_to: str | None) -> frozenset[str]:
    """Content lemmas of the sentence's attribution phrases ("Mayor Michael Bloomberg said"):
    who says it is not what is said, so two things one mayor said share no statement words
    by his name."""
    if not attributed_to:
        return frozenset()
    # only phrases of saying: "Virginia and Maryland declared states of emergency" is itself
    # the statement, not its source
    phrase = {
        w.lower()
        for part in attributed_to.split("; ")
        if _SAYING.search(part)
        for w in _TOKEN.findall(part)
    }
    return frozenset(
        t.lemma_.lower() for t in sent if t.is_alpha and not t.is_stop and t.lower_ in phrase
    )


def named_subject(sent: Span) -> frozenset[str]:
    """The proper names of the subject of what the sentence says happened (lower case): the
    root's subject, or, when the root is a reporting verb, the subject of what is reported.
    Empty when that subject is not a name ("the man", "it", "a lion")."""
    root = next((t for t in sent if t.dep_ == "ROOT"), None)
    if root is None:
        return frozenset()
    if root.lemma_.lower() in _REPORT_VERBS:
        root = next((c for c in root.children if c.dep_ == "ccomp"), None)
        if root is None:
            return frozenset()
    # the subject nearest the verb: a dateline ("JOHANNESBURG (AP) — A lion was shot") can be
    # parsed as a second subject before the real one
    subjects = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}]
    subj = max(subjects, key=lambda c: (c.i < root.i, c.i if c.i < root.i else -c.i), default=None)
    if subj is not None and subj.pos_ == "NOUN":
        # a thing of a named owner is said of that owner ("NamUs' website includes ..." is
        # said of NamUs, not of "The North Coast Journal")
        # ("Sunday's dedication" is not said of Sunday)
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


def different_subjects(a: Unit, b: Unit) -> bool:
    """Whether the two sentences say it of different named subjects ("American Airlines
    currently boards by zone" / "Group 1 also boards through lane 1"): the same predicate of
    two parties is two statements. Only when both subjects are names sharing none."""
    if not a.subject or not b.subject:
        return False
    return not any(_key_match(x, y) for x in a.subject for y in b.subject)


_EARLIER_TIME = re.compile(
    r"\b(?:past|previous|prior|earlier)\s+(?:years|seasons|decades)\b"
    r"|\ba\s+year\s+(?:earlier|before)\b",
    re.IGNORECASE,
)


def different_times(a: Unit, b: Unit) -> bool:
    """Whether one sentence sets what it says in earlier periods ("In past years, most cases
    have occurred ...", "a year earlier") and the other does not: the same predicate at two
    times is two occurrences. "Last year" and "last month" are left out: they count from the
    article's own date, so two outlets may name one time by them and by a date."""
    return bool(_EARLIER_TIME.search(a.text)) != bool(_EARLIER_TIME.search(b.text))


def different_figures(a: Unit, b: Unit) -> bool:
    """Whether each sentence gives ``DIFFERENT_FIGURES`` or more figures the other does not:
    a shared age bracket or year does not make two sets of results one statement."""
    return (
        min(_unmatched_figures(a.numbers, b.numbers), _unmatched_figures(b.numbers, a.numbers))
        >= DIFFERENT_FIGURES
    )


def states_same(a: Unit, b: Unit) -> bool:
    """Checks beyond the score that two sentences state one thing: a quotation aligns only with
    another rendering of the same words (its content is a claim about the speaker, and a
    quotation's words never corroborate a fact of the event)."""
    return same_rendering(a, b)


# --- units and alignment --------------------------------------------------------------------


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


def outlet_key(story: Story, article: Article) -> str:
    """What counts as one independent source: the outlet if known, else the article; a
    duplicate counts as the article it copies."""
    seen: set[str] = set()
    while article.duplicate_of is not None and article.duplicate_of not in seen:
        seen.add(article.id)
        try:
            article = story.article(article.duplicate_of)
        except KeyError:
            break
    return (article.outlet or "").strip().lower() or f"article:{article.id}"


def align_units(
    units: list[Unit], embeddings: np.ndarray, matcher: WordMatcher, threshold: float
) -> list[list[int]]:
    """Groups of unit indices: greedy best-pair-first union, at most one sentence per article.

    Two sentences of one outlet may share a claim (a duplicate and its original do) but never
    corroborate each other: support counts outlets, not sentences. A merge also needs the
    average score over all cross pairs of the two groups (pairs never compared count as 0) to
    reach ``threshold - LINKAGE_MARGIN``: with single links only, a group grows by chaining
    (A like B, B like C, C merely topical to A), which on the ECB+ gold aligned one pair in
    nine of the topic's *other* event. Every cross pair must also pass :func:`states_same` and
    :func:`different_figures`, so a group of three never joins two pieces of a quotation or two
    sets of figures through a third sentence that holds both.
    """
    n = len(units)
    if n == 0:
        return []
    sims = embeddings @ embeddings.T
    scores: dict[tuple[int, int], float] = {}
    rows, cols = np.nonzero(np.triu(sims >= MIN_COSINE, k=1))
    for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
        if units[i].article.id == units[j].article.id or not states_same(units[i], units[j]):
            continue
        if not shares_specifics(units[i], units[j], matcher):
            continue
        if different_figures(units[i], units[j]) or different_subjects(units[i], units[j]):
            continue
        if different_times(units[i], units[j]):
            continue
        scores[i, j] = pair_score(
            float(sims[i, j]), matcher.score(units[i], units[j]), units[i], units[j]
        )
    candidates = sorted(
        (
            (s, i, j)
            for (i, j), s in scores.items()
            if s >= threshold
            or (
                s >= threshold - COVER_MARGIN
                and matcher.cover(units[i], units[j]) >= COVER_SHARE
            )
        ),
        key=lambda c: (-c[0], c[1], c[2]),
    )

    parent = list(range(n))
    members: dict[int, set[str]] = {i: {units[i].article.id} for i in range(n)}
    indices: dict[int, list[int]] = {i: [i] for i in range(n)}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def linkage(ri: int, rj: int) -> float:
        cross = [scores.get((min(x, y), max(x, y)), 0.0) for x in indices[ri] for y in indices[rj]]
        return sum(cross) / len(cross)

    def compatible(ri: int, rj: int) -> bool:
        # every cross pair must be the same quotation and the same figures, not only the pair
        # that links them: a long sentence holding two quotations ("I imagine the price ... I
        # just think we have to start delineating ...") would otherwise join an outlet that
        # printed only the first to one that printed only the second. Shared specific words
        # are not asked of every pair: a paraphrase may share only the topic with a third
        # outlet's wording of the same fact.
        return all(
            (min(x, y), max(x, y)) in scores
            or (states_same(units[x], units[y]) and not different_figures(units[x], units[y]))
            for x in indices[ri]
            for y in indices[rj]
        )

    for _, i, j in candidates:
        ri, rj = find(i), find(j)
        if ri == rj or members[ri] & members[rj]:
            continue
        if linkage(ri, rj) < threshold - LINKAGE_MARGIN or not compatible(ri, rj):
            continue
        parent[rj] = ri
        members[ri] |= members.pop(rj)
        indices[ri] += indices.pop(rj)

    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def _representative(group: list[int], sims: np.ndarray, units: list[Unit], kind: Kind) -> int:
    """The member most similar to the others (the medoid), among those of the claim's kind."""
    pool = [i for i in group if units[i].kind == kind] or group
    if len(pool) == 1:
        return pool[0]
    return max(pool, key=lambda i: (float(np.mean([sims[i, j] for j in group if j != i])), -i))


def _majority_kind(kinds: list[Kind]) -> Kind:
    """Most common kind among the sources; ties go to fact, attributed, then speculation."""
    order: list[Kind] = ["fact", "attributed", "speculation", "opinion"]
    return max(order, key=lambda k: (kinds.count(k), -order.index(k)))


def _disputed(group: list[Unit], story: Story, models: Models, geo: Geography) -> bool:
    """Aligned sources from different outlets that give one slot incompatible values: an
    amount, a date, or the polarity of the main predicate (see :mod:`storylens.slots`)."""
    statements = [Statement(outlet_key(story, u.article), u.article, u.span) for u in group]
    return bool(disagreements(statements, models, geo))


COPY_RUN = 4
COPY_SHARE = 0.9
COPY_MIN_TOKENS = 10
"""A sentence of ``COPY_MIN_TOKENS``+ words whose words lie, for ``COPY_SHARE`` of them, in
runs of ``COPY_RUN``+ found verbatim in another outlet's sentence repeats that sentence: two
reporters do not write the same ten words in the same order; a wire rewrite does. A copy may
add words, but may not change what is stated: see :func:`repeats_wording`."""
_NEGATIONS = frozenset({"not", "no", "never", "nor", "none", "nothing", "nobody", "t", "n't"})


def repeats_wording(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether one sentence repeats the other's wording: mostly the same runs of words, no
    content word of the shorter missing from the longer, and no negation or figure added by
    the longer ("offered" / "did not offer", "in Kharkiv" / "in Dnipro" are two accounts, not
    a copy: they feed conflicts)."""
    from collections import Counter

    from spacy.lang.en.stop_words import STOP_WORDS

    short, long_ = sorted((a, b), key=len)
    if len(short) < COPY_MIN_TOKENS:
        return False
    if _shared_run_tokens(short, long_, COPY_RUN) < COPY_SHARE * len(short):
        return False
    lost = Counter(short) - Counter(long_)
    added = Counter(long_) - Counter(short)
    if any(t not in STOP_WORDS or t in _NEGATIONS for t in lost):
        return False
    return not any(t in _NEGATIONS or any(c.isdigit() for c in t) for t in added)


def copied_sources(story: Story, members: list[Unit]) -> dict[int, str]:
    """Which members of a claim are copies, and of which article: a page marked as a duplicate
    (of the page it copies), and a sentence another outlet's sentence repeats verbatim (a wire
    copy, credited to the earlier source). A quotation repeated word for word is not a copy:
    outlets quote the same words independently."""
    copies: dict[int, str] = {}
    for k, u in enumerate(members):
        if u.article.duplicate_of is not None:
            copies[k] = u.article.duplicate_of
    for k, u in enumerate(members):
        if k in copies or quote_led(u) or len(u.tokens) < COPY_MIN_TOKENS:
            continue
        for e in range(k):
            earlier = members[e]
            if e in copies or quote_led(earlier):
                continue
            if outlet_key(story, earlier.article) == outlet_key(story, u.article):
                continue
            if repeats_wording(u.tokens, earlier.tokens):
                copies[k] = earlier.article.id
                break
    return copies


def independence_note(
    story: Story, members: list[Unit], copies: dict[int, str], support: int
) -> str:
    """How the row's support was counted, for the reader: "2 outlets, 1 wire copy"."""
    parts = [f"{support} outlet" + ("" if support == 1 else "s")]
    wire = sum(1 for k in copies if members[k].article.duplicate_of is None)
    pages = len(copies) - wire
    counted = {outlet_key(story, u.article) for k, u in enumerate(members) if k not in copies}
    same = len(members) - len(copies) - len(counted)
    if wire:
        parts.append(f"{wire} wire cop" + ("y" if wire == 1 else "ies"))
    if pages:
        parts.append(f"{pages} duplicate page" + ("" if pages == 1 else "s"))
    if same > 0:
        parts.append(f"{same} more from the same outlet")
    return ", ".join(parts)


def claim_id(story: Story, unit: Unit) -> str:
    digest = hashlib.sha1(f"{story.id}|{unit.article.id}|{unit.span}".encode()).hexdigest()
    return "c-" + digest[:10]


def align_claims(story: Story, models: Models, config: ClaimsConfig) -> list[Claim]:
    """Every statement of the story as a claim, with the articles that make it.

    Duplicates take part (their copy of a sentence is listed as a source) but never add
    support: ``support`` counts distinct independent outlets.
    """
    order = {a.id: k for k, a in enumerate(story.articles)}
    units: list[Unit] = []
    for article in story.articles:
        units.extend(statement_units(article, models))
    if not units:
        return []
    embeddings = models.embed([u.text for u in units])
    groups = align_units(units, embeddings, WordMatcher(units, models), config.threshold)
    sims = embeddings @ embeddings.T
    geo = geography(story.articles, models)

    claims: list[tuple[tuple[int, float, int, int], Claim]] = []
    for group in groups:
        group.sort(key=lambda i: (order[units[i].article.id], units[i].span[0]))
        kind = _majority_kind([units[i].kind for i in group])
        rep = units[_representative(group, sims, units, kind)]
        members = [units[i] for i in group]
        copies = copied_sources(story, members)
        support = len(
            {outlet_key(story, u.article) for k, u in enumerate(members) if k not in copies}
        )
        status: Literal["corroborated", "single_source", "disputed"] = (
            "single_source" if support < 2 else "corroborated"
        )
        if support >= 2 and _disputed(members, story, models, geo):
            status = "disputed"
        first = members[0]
        sort_key = (
            0 if status == "corroborated" else 1,
            -float(support),
            order[first.article.id],
            first.span[0],
        )
        claims.append(
            (
                sort_key,
                Claim(
                    id=claim_id(story, first),
                    text=rep.text,
                    status=status,
                    kind=kind,
                    support=support,
                    independence=independence_note(story, members, copies, support),
                    sources=[
                        ClaimSource(
                            article=u.article.id,
                            text=u.text,
                            span=u.span,
                            attributed_to=u.attributed_to,
                            kind=u.kind,
                            copy_of=copies.get(k),
                        )
                        for k, u in enumerate(members)
                    ],
                ),
            )
        )
    claims.sort(key=lambda c: c[0])
    return [c for _, c in claims]
