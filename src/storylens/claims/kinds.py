"""What kind of statement a sentence is, and whether it is one at all.

A statement is a declarative sentence of the story (not a caption, credit line, teaser,
heading or question); its kind is ``fact``, ``attributed``, ``opinion`` or ``speculation``
from documented cue words outside quotation marks and from where the page says it is
commentary. Only ``fact`` and ``attributed`` rows count as corroborated news.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storylens.claims.quoting import unquoted
from storylens.records import Article, ClaimKind

if TYPE_CHECKING:
    from spacy.tokens import Span

Kind = ClaimKind
CORROBORATING_KINDS: frozenset[Kind] = frozenset({"fact", "attributed"})

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
