"""Who a statement is credited to: the attribution phrases of a sentence, kept verbatim, and
the words they use (who says it is not what is said)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storylens.claims.quoting import _TOKEN

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

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
    words = {t.lemma_.lower() for t in sent if t.is_alpha and not t.is_stop and t.lower_ in phrase}
    for verb in sent:
        if verb.lemma_.lower() not in _REPORT_VERBS or verb.lower_ not in phrase:
            continue
        for subj in verb.children:
            if subj.dep_ in {"nsubj", "nsubjpass"} and subj.lower_ in phrase:
                words |= {t.lemma_.lower() for t in _speaker_words(subj)}
    return frozenset(words)


_CLAUSES = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"}


def _speaker_words(subj: Token) -> list[Token]:
    """Content words of who is speaking, with what says who they are ("Dorothy Toolan of the
    Dare County Emergency Management office in Manteo"), without a clause about them ("who died
    last month"): a title and an office are the speaker, not the statement."""
    out: list[Token] = []
    stack = [subj]
    while stack:
        tok = stack.pop()
        if tok.is_alpha and not tok.is_stop:
            out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in _CLAUSES)
    return out
