"""The words and patterns quotations are recognised by: cue verbs, roles, titles, names,
and the shapes of attributions, settings and sentence ends."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


def _wordlist(text: str) -> list[str]:
    return text.split()


_CUE_VERBS = _wordlist(
    """
    say says said saying tell tells told telling add adds added adding insist insists insisted
    declare declares declared state states stated write writes wrote continue continues
    continued ask asks asked explain explains explained note notes noted warn warns warned argue
    argues argued claim claims claimed reply replies replied respond responds responded recall
    recalls recalled announce announces announced remark remarks remarked comment comments
    commented admit admits admitted acknowledge acknowledges acknowledged urge urges urged vow
    vows vowed promise promises promised pledge pledges pledged suggest suggests suggested
    confirm confirms confirmed deny denies denied stress stresses stressed emphasise emphasised
    emphasize emphasized observe observed counter countered conclude concluded reiterate
    reiterated predict predicted tweet tweeted post posted reveal reveals revealed joke joked
    report reports reported testify testifies testified recount recounts recounted answer
    answers answered retort retorts retorted
    quip quipped boast boasted complain complained caution cautioned shout shouted exclaim
    exclaimed concede conceded laugh laughs laughed sigh sighs sighed demand demands demanded
    wonder wonders wondered
    """
)


_CUE = r"(?:" + "|".join(sorted(_CUE_VERBS, key=len, reverse=True)) + r")"


_CUE_NOUNS = r"(?:assertion|insistence|suggestion|claim|message|remarks?|comments?|words|statement|response|warning|promise|vow|pledge|reply|answer|retort|quip|boast)"


_SPEECH = re.compile(
    r"\b(?:" + _CUE[3:-1] + r"|speaking|talking|addressing|spoke|talked|remarks|interview|"
    r"press conference|news conference|briefing|statement|according to)\b",
    re.IGNORECASE,
)


_ROLES = frozenset(
    _wordlist(
        """
    president leader spokesman spokeswoman spokesperson minister secretary chancellor premier
    senator governor mayor ambassador envoy general commander chief director official adviser
    advisor king queen prince princess pope ceo chairman chairwoman chair judge lawyer attorney
    prosecutor emir sheikh congressman congresswoman lawmaker diplomat negotiator candidate
    nominee coach captain founder head source
    """
    )
)


_BODIES = frozenset(
    _wordlist(
        """ministry department office agency authority government administration commission
    council committee company campaign ministries embassy military army police court
    parliament senate congress service board"""
    )
)


"""Head nouns of organisations that issue statements in their own name ("the French foreign
ministry said"): with a proper qualifier they name the speaker, no person needed."""


_ROLE_SYNONYMS = {
    "leader": {"president", "premier", "chancellor", "king", "queen", "minister", "emir", "leader"},
    "spokesperson": {"spokesman", "spokeswoman", "spokesperson"},
    "adviser": {"adviser", "advisor"},
}


_TITLES = _ROLES | frozenset(
    _wordlist(
        """
    mr mrs ms miss dr prof sir dame lord lady sen rep gov gen lt col maj capt sgt adm vice
    deputy acting former foreign defence defense interior finance prime press
    """
    )
)


_PLACE_OF = {
    "american": "us", "america": "us", "us": "us", "usa": "us", "washington": "us",
    "russian": "russia", "russia": "russia", "kremlin": "russia", "moscow": "russia",
    "ukrainian": "ukraine", "ukraine": "ukraine", "kyiv": "ukraine",
    "british": "uk", "britain": "uk", "uk": "uk", "chinese": "china", "china": "china",
    "beijing": "china", "french": "france", "france": "france", "german": "germany",
    "germany": "germany", "israeli": "israel", "israel": "israel", "iranian": "iran",
    "iran": "iran", "tehran": "iran",
}  # fmt: skip


"""A qualifier in a description ("the American leader") and in a title ("US President") is
compared through this small table of demonyms and capitals; other qualifiers compare as words."""


_SPOKES_WORD = re.compile(r"spokes(?:man|woman|person|men|women|people)", re.IGNORECASE)


_SPOKES = r"(?i:spokes(?:man|woman|person|men|women|people))"


_ORG_NAME = r"[A-Z][\w.'’&-]*(?:\s+(?:(?:of|for|and|on|the|&)\s+)*[A-Z][\w.'’&-]*)*"


_SPOKES_FOR = re.compile(
    rf"(?P<det>(?i:the|an?)\s+)?(?:[\w.'’-]+\s+){{0,3}}?{_SPOKES}\s+(?i:for|of|at|with)\s+"
    rf"(?:(?i:the)\s+)?(?P<org>{_ORG_NAME})"
)


_SPOKES_OF = re.compile(rf"(?P<org>.+?)['’]s\s+(?:[\w-]+\s+){{0,2}}?{_SPOKES}")


"""An unnamed spokesperson speaks for whom they represent ("a spokesman for Exxon Mobil",
"Cameron's spokesman"): the speaker is that organisation or person, as the guide says."""


_NAME_TOKEN = r"[A-Z][\w'’.-]*"


_NAME = rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,5}}"


_DOCUMENTS = frozenset(
    _wordlist(
        """complaint lawsuit suit indictment filing filings affidavit petition motion ruling
    verdict report study survey memo memorandum letter document documents papers"""
    )
)


"""Documents that speak in their own words ("the suit states", "according to the
complaint"): the guide makes the document the speaker, never the person it is about."""


_DESC = (
    r"(?:[Tt]he|[Aa]n?)\s+(?:[\w.'’-]+\s+){0,4}?(?i:" + "|".join(sorted(_ROLES)) + r")s?\b"
    r"(?:\s+(?:at|in|of|from|for|close to|familiar with)(?:\s+[\w.'’-]+){1,5}?)?"
    r"|(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:[\w'’-]+\s+){0,2}?(?:"
    + "|".join(sorted(_DOCUMENTS, key=len, reverse=True))
    + r")\b"
)


def _who(group: str = "who") -> str:
    return rf"(?P<{group}>\b(?:[Hh]e|[Ss]he)\b|{_DESC}|{_NAME})"


_WHO = _who()


_ADVERB = r"(?:\s+(?:has|had|have|also|later|then|\w+ly))*"


_APPOSITION = r"(?:,\s+(?:an?|the|his|her|their|who|in|at|from)\s+[^,;:“”\"()]{1,60}?,)?"


"""An apposition between a name and its verb: “…,” Flynn, a top Trump surrogate, said; “…,”
Winawer, who wasn’t involved in the study, added; Le Pichon, in Kansas City, said, “…”."""


_AFTER_WHO_CUE = re.compile(rf"^[\s,;:—–-]*{_WHO}{_APPOSITION}{_ADVERB}\s+(?P<cue>{_CUE})\b")


_OBJECT_CUES = frozenset(
    _wordlist("tell tells told telling ask asks asked asking urge urges urged warn warns warned")
)


_CUE_INV = r"(?:" + "|".join(sorted(set(_CUE_VERBS) - _OBJECT_CUES, key=len, reverse=True)) + r")"


"""Cue verbs that may come before their speaker ("said Trump"): after "told", "asked",
"urged" the name is the listener ("telling Reuters"), never the speaker."""


_AFTER_CUE_WHO = re.compile(rf"^[\s,;:—–-]*(?P<cue>{_CUE_INV})\s+{_WHO}")


_AFTER_ACCORDING = re.compile(rf"^[\s,;:—–-]*(?P<cue>according to)\s+{_WHO}")


_BEFORE_FRAMED = re.compile(
    rf"{_WHO}{_APPOSITION}{_ADVERB}\s+(?P<cue>{_CUE})(?:\s+[\w.'’-]+){{0,4}}?\s*[,:]\s*$"
    rf"|(?P<cue2>[Aa]ccording to)\s+{_who('who2')},\s*$"
    rf"|^\s*(?P<cue3>(?i:{_CUE_INV}))\s+{_who('who3')}\s*:\s*$"  # "Stated Stone: “...”"
)


_ANY_WHO_CUE = re.compile(
    rf"{_WHO}{_ADVERB}\s+(?P<cue>{_CUE})\b|\b(?P<cue2>{_CUE_INV})\s+{_who('who2')}"
    rf"|(?P<cue3>[Aa]ccording to)\s+{_who('who3')}"
)


_POSSESSIVE_CUE = re.compile(rf"{_WHO}['’]s\s+(?:[a-z]+\s+)?(?P<cue>{_CUE_NOUNS})\b")


_CUE_WORD = re.compile(rf"\b{_CUE}\b")


_TRAILING = re.compile(
    rf",\s+{_WHO}{_ADVERB}\s+(?P<cue>{_CUE})\s*[.!?]?\s*$"
    rf"|,\s+(?P<cue2>{_CUE_INV})\s+{_who('who2')}\s*[.!?]?\s*$"
    rf"|,\s+(?P<cue3>according to)\s+{_who('who3')}\s*[.!?]?\s*$"
)


"""An attribution closing the sentence after a comma ("..., and “scolded” her, the complaint
adds."): it frames everything the sentence reports, whatever verbs come before it."""


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)


_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"


_WHEN = re.compile(
    rf"\b(?:(?:on|last|this|next|late|early)\s+)?(?:{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:[-–]\d{{1,2}})?(?:,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}})?)\b"
    r"|\b(?:yesterday|today|tonight|earlier (?:this|on|in the) (?:week|month|day)|last (?:week|month|night|year)|this (?:week|month|morning|evening))\b"
)


_WHERE_START = re.compile(
    r"\b(?:aboard|on board|on the sidelines of|en route to|at|during|while|outside|inside|in)\s",
    re.IGNORECASE,
)


_WHERE_STOP = re.compile(
    rf"[,;:!?()\[\]\"“”«»—–]|\.(?=\s|$)|\s(?:that|who|which|where|when|as|and|but|after|before|to say)\s"
    rf"|\s(?:on\s+)?(?:{_WEEKDAY}|{_MONTH}\s+\d)|\s{_CUE}\b"
)


_OCCASION = re.compile(
    r"\b(?:summit|conference|briefing|rally|meeting|interview|statement|speech|address|hearing|"
    r"session|event|ceremony|visit|trip|flight|debate|talks|forum|gathering|airport|parliament|"
    r"podcast|broadcast|show|post|tweet)s?\b",
    re.IGNORECASE,
)


_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")


_ABBREVIATIONS = frozenset(
    _wordlist("mr mrs ms dr st gen sen rep gov lt col jr sr no prof capt sgt vs")
)


_NORM_DROP = re.compile(r"[^\w]")


_WORD = re.compile(r"[^\s—–]+")


_CUE_LEMMAS = frozenset(
    {w for w in _CUE_VERBS if not w.endswith(("s", "ed", "ing"))}
    | set(
        _wordlist(
            """say tell add insist declare state write continue ask explain note warn argue claim
    reply respond recall announce remark comment admit acknowledge urge vow promise pledge
    suggest confirm deny stress emphasise emphasize observe counter conclude reiterate predict
    tweet post reveal joke quip boast complain caution shout exclaim concede call label describe
    dub term brand praise thank accuse blast slam criticize criticise mock lament quote cite
    point tout hail decry dismiss chant echo read proclaim assert report testify recount assure
    answer press retort interject wonder muse snap scoff yell scream liken compare"""
        )
    )
)


"""Verbs that report speech or characterise it with the speaker's words ("Rubio called the
statement “offensive”"), matched on spaCy lemmas when no surface pattern names the speaker."""
