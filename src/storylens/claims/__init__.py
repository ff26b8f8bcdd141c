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

The package has a room per concern: ``kinds`` (what a statement is, and its kind), ``quoting``
(quotation marks and renderings), ``attribution`` (who it is credited to), ``units`` (statement
sentences), ``scoring`` (the pair score), ``checks`` (the gates beyond the score), ``align``
(grouping), ``independence`` (outlets, copies) and ``matrix`` (the claims of a story). Everything
is importable from ``storylens.claims`` as before.
"""

from __future__ import annotations

from storylens.claims.align import (
    COVER_MARGIN,
    COVER_SHARE,
    GROUPS_MARGIN,
    LINKAGE_MARGIN,
    MIN_COSINE,
    align_units,
    figures_recur,
)
from storylens.claims.attribution import (
    attribution_words,
    find_attribution,
)
from storylens.claims.checks import (
    AMOUNT_TOLERANCE,
    DIFFERENT_FIGURES,
    SPECIFIC_WORDS,
    different_amounts,
    different_figures,
    different_subjects,
    different_times,
    shares_specifics,
    states_same,
)
from storylens.claims.independence import (
    COPY_MIN_TOKENS,
    COPY_RUN,
    COPY_SHARE,
    copied_sources,
    independence_note,
    outlet_key,
    repeats_wording,
)
from storylens.claims.kinds import (
    CORROBORATING_KINDS,
    MIN_WORDS,
    Kind,
    classify_kind,
    is_opinion_page,
    is_statement,
)
from storylens.claims.matrix import (
    align_claims,
    claim_id,
)
from storylens.claims.quoting import (
    QUOTE_LED_SHARE,
    RENDERING_OVERLAP,
    RENDERING_RUN,
    quote_led,
    quote_mask,
    quoting,
    same_rendering,
    unquoted,
)
from storylens.claims.scoring import (
    EMBEDDING_WEIGHT,
    ENTITY_WEIGHT,
    NUMBER_AGREE,
    NUMBER_DISAGREE,
    PREDICATE_BONUS,
    SHARED_WORDS_WEIGHT,
    TOPIC_SHARE,
    WORD_MATCH_FLOOR,
    WordMatcher,
    pair_score,
    roles_agree,
)
from storylens.claims.units import (
    Unit,
    calendar_days,
    content_words,
    entity_agreement,
    money_amounts,
    named_subject,
    predicate_roles,
    predicates,
    statement_units,
    unit_at,
)

__all__ = [
    "AMOUNT_TOLERANCE",
    "COPY_MIN_TOKENS",
    "COPY_RUN",
    "COPY_SHARE",
    "CORROBORATING_KINDS",
    "COVER_MARGIN",
    "COVER_SHARE",
    "DIFFERENT_FIGURES",
    "EMBEDDING_WEIGHT",
    "ENTITY_WEIGHT",
    "GROUPS_MARGIN",
    "LINKAGE_MARGIN",
    "MIN_COSINE",
    "MIN_WORDS",
    "NUMBER_AGREE",
    "NUMBER_DISAGREE",
    "PREDICATE_BONUS",
    "QUOTE_LED_SHARE",
    "RENDERING_OVERLAP",
    "RENDERING_RUN",
    "SHARED_WORDS_WEIGHT",
    "SPECIFIC_WORDS",
    "TOPIC_SHARE",
    "WORD_MATCH_FLOOR",
    "Kind",
    "Unit",
    "WordMatcher",
    "align_claims",
    "align_units",
    "attribution_words",
    "calendar_days",
    "claim_id",
    "classify_kind",
    "content_words",
    "copied_sources",
    "different_amounts",
    "different_figures",
    "different_subjects",
    "different_times",
    "entity_agreement",
    "figures_recur",
    "find_attribution",
    "independence_note",
    "is_opinion_page",
    "is_statement",
    "money_amounts",
    "named_subject",
    "outlet_key",
    "pair_score",
    "predicate_roles",
    "predicates",
    "quote_led",
    "quote_mask",
    "quoting",
    "repeats_wording",
    "roles_agree",
    "same_rendering",
    "shares_specifics",
    "statement_units",
    "states_same",
    "unit_at",
    "unquoted",
]
