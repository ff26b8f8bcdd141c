"""Claims: statements typed, attributed, and aligned across independent outlets.

The alignment threshold was first tuned on the sample coverage and on the pairs below (then
``score = 0.4 * cosine + 0.6 * soft word overlap + entity/number adjustments``: the 12
hand-labelled true pairs of the samples scored 0.53-1.08 except the content-farm rewrite of
the core event, 0.48, merely topical pairs at most 0.47), so 0.5 is used. The embedding weight
and the shared-predicate and shared-word terms were later set on the ECB+ alignment gold
(benchmarks/RESULTS.md); at 0.5 the sample claims are unchanged.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from storylens import Report
from storylens.claims import (
    COVER_SHARE,
    Unit,
    WordMatcher,
    align_claims,
    classify_kind,
    different_amounts,
    different_figures,
    different_subjects,
    different_times,
    figures_recur,
    named_subject,
    pair_score,
    predicates,
    quote_mask,
    repeats_wording,
    roles_agree,
    shares_specifics,
    statement_units,
)
from storylens.clean.text import assemble
from storylens.config import ClaimsConfig
from storylens.evaluation import EvaluationError
from storylens.evaluation.claims import evaluate
from storylens.nlp import Models
from storylens.records import Article, Claim, RawDocument, Story

TUNED = ClaimsConfig(threshold=0.5)

KYIV = """Ukraine's president says Putin offered no ceasefire

President Volodymyr Zelensky said on Tuesday that Russian President Vladimir Putin had called \
the White House and offered to help resolve the conflict between Iran and Israel.

At least 14 people were killed when a Russian missile struck an apartment block in Odesa on \
Monday night, regional officials said.

The European Union is preparing its 18th package of sanctions against Moscow, diplomats in \
Brussels told reporters.

Analysts say the offer could signal a shift in the Kremlin's approach to the Middle East.

Why does this matter?
"""

WIRE = """Zelensky: Kremlin offered to mediate on Iran

Putin offered Washington his help with the conflict between Israel and Iran, Ukrainian President \
Volodymyr Zelensky told journalists in Kyiv on Tuesday.

At least 21 people were killed when a Russian missile hit a residential building in Odesa late \
on Monday, regional officials said.

Russia has deepened military and political ties with Tehran during the full-scale invasion of \
Ukraine.

This represents a significant escalation of the diplomatic rhetoric.
"""


def make_article(raw: str, source: str, outlet: str | None = None, **meta: object) -> Article:
    """A cleaned article of every non-blank line of ``raw`` (one paragraph per line)."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", raw) if m.group().strip()]
    article = assemble(RawDocument(source=source, raw=raw), spans)
    return article.model_copy(update={"outlet": outlet, **meta})


def make_story(*articles: Article) -> Story:
    return Story(id="s-test", title="test", articles=list(articles))


@pytest.fixture(scope="module")
def two_outlets(models: Models) -> Story:
    story = make_story(
        make_article(KYIV, "kyiv.txt", "Kyiv Daily"), make_article(WIRE, "wire.txt", "Wire")
    )
    return story.model_copy(update={"claims": align_claims(story, models, TUNED)})


def claim_with(story: Story, needle: str) -> Claim:
    return next(c for c in story.claims if any(needle in s.text for s in c.sources))


def unit_of(models: Models, sentence: str) -> Unit:
    units = statement_units(make_article(sentence, "one.txt"), models)
    assert len(units) == 1, sentence
    return units[0]


def test_paraphrase_from_two_outlets_is_one_corroborated_claim(two_outlets: Story) -> None:
    claim = claim_with(two_outlets, "offered to help resolve the conflict")
    assert claim.status == "corroborated"
    assert claim.support == 2
    assert {s.article for s in claim.sources} == {a.id for a in two_outlets.articles}
    assert any("Putin offered Washington his help" in s.text for s in claim.sources)


def test_merely_topical_sentences_stay_single_source(two_outlets: Story) -> None:
    sanctions = claim_with(two_outlets, "18th package of sanctions")
    ties = claim_with(two_outlets, "deepened military and political ties")
    assert sanctions.status == ties.status == "single_source"
    assert sanctions.id != ties.id
    assert len(sanctions.sources) == len(ties.sources) == 1


def test_same_event_with_different_death_tolls_is_disputed(two_outlets: Story) -> None:
    claim = claim_with(two_outlets, "Odesa")
    assert claim.status == "disputed"
    assert len(claim.sources) == 2


def test_paraphrase_scores_above_threshold_and_topical_pair_below(models: Models) -> None:
    offer = unit_of(
        models, "Trump said Putin had offered to help with Iran during their phone call."
    )
    paraphrase = unit_of(
        models,
        "Putin called him and offered to help resolve the conflict between Iran and Israel.",
    )
    topical = unit_of(
        models, "Russia supplied Iran with the Middle East's first nuclear power plant."
    )
    matcher = WordMatcher([offer, paraphrase, topical], models)
    vectors = models.embed([offer.text, paraphrase.text, topical.text])
    same = pair_score(
        float(vectors[0] @ vectors[1]), matcher.score(offer, paraphrase), offer, paraphrase
    )
    other = pair_score(
        float(vectors[0] @ vectors[2]), matcher.score(offer, topical), offer, topical
    )
    assert same >= TUNED.threshold > other


def test_duplicate_copy_is_listed_but_adds_no_support(models: Models) -> None:
    original = make_article(WIRE, "wire.txt", "Wire")
    copy = make_article(WIRE + "\n", "copy.txt", "Reposter", duplicate_of=original.id)
    story = make_story(original, copy)
    claims = align_claims(story, models, TUNED)
    offer = next(c for c in claims if "Putin offered Washington" in c.text)
    assert len(offer.sources) == 2
    assert offer.support == 1
    assert offer.status == "single_source"


def test_two_articles_of_one_outlet_do_not_corroborate(models: Models) -> None:
    story = make_story(
        make_article(WIRE, "a.txt", "Wire"), make_article(WIRE + "\n\n", "b.txt", "wire ")
    )
    claims = align_claims(story, models, TUNED)
    assert claims and all(c.status == "single_source" and c.support == 1 for c in claims)


def test_corroborated_claims_come_first_then_by_position(two_outlets: Story) -> None:
    statuses = [c.status for c in two_outlets.claims]
    assert statuses[0] == "corroborated"
    assert "corroborated" not in statuses[statuses.index("single_source") :]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The strikes may have set the programme back by only a few months.", "speculation"),
        ("Trump appears to be placing responsibility for resolution on Russia.", "speculation"),
        (
            "The American leader is expected to meet Zelensky at the summit on Wednesday.",
            "speculation",
        ),
        ("This framing represents a significant evolution in his approach to the war.", "opinion"),
        ("His rejection of the offer must be understood within the broader context.", "opinion"),
        ("Trump added that he would like Russia and Ukraine to reach a deal.", "fact"),
        ('"We may strike again," the minister told reporters in Tehran on Sunday.', "fact"),
        ("Trump spoke at an event in the Oval Office on May 5, 2025, in Washington.", "fact"),
    ],
)
def test_kind_follows_documented_cue_words_outside_quotes(sentence: str, kind: str) -> None:
    mask, _ = quote_mask(sentence)
    assert classify_kind(sentence, mask) == kind


@pytest.mark.parametrize(
    "line",
    [
        "STORY CONTINUES BELOW THIS AD",
        "Trump says Putin called him to offer help with Iran",
        "He said, can I help you with Iran?",
        "Advertisement",
        "With inputs from agencies",
    ],
)
def test_headings_questions_and_fragments_are_not_claims(models: Models, line: str) -> None:
    assert statement_units(make_article(line, "x.txt"), models) == []


@pytest.mark.parametrize(
    ("sentence", "attribution"),
    [
        (
            "Trump said on June 24 that Putin had called him and offered help, Fox News reported.",
            "Fox News reported",
        ),
        (
            "The bombardments sealed off entrances to some facilities, according to the Defence "
            "Intelligence Agency report.",
            "according to the Defence Intelligence Agency report",
        ),
        (
            "But US media had earlier cited people familiar with a preliminary US intelligence "
            "report as saying that the strikes did not fully eliminate the centrifuges.",
            "US media had earlier cited people familiar with a preliminary US intelligence report",
        ),
        (
            "The US actions had ushered in a new spiral of escalation, Kremlin spokesman Dmitry "
            "Peskov told reporters.",
            "Kremlin spokesman Dmitry Peskov told reporters",
        ),
        (
            "Russia launched a deadly missile attack on the city of Dnipro on June 24, striking a "
            "passenger train, local officials reported.",
            "local officials reported",
        ),
    ],
)
def test_attribution_chain_is_kept_verbatim(
    models: Models, sentence: str, attribution: str
) -> None:
    unit = unit_of(models, sentence)
    assert unit.attributed_to is not None
    assert attribution in unit.attributed_to.split("; ")


def test_possessive_name_is_not_a_source(models: Models) -> None:
    unit = unit_of(
        models,
        "Trump's response to Putin's offer revealed his administration's priorities in the region.",
    )
    assert unit.attributed_to is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Trump said Putin had offered to help resolve the conflict with Iran.",
            {"offer", "help", "resolve"},
        ),
        (
            "Following American strikes on Iranian nuclear facilities, the region has witnessed "
            "an unprecedented escalation.",
            {"witness"},
        ),
        (
            "Russian offers are unwelcome, as they could undermine the narrative while providing "
            "Russia with opportunities to claim credit.",
            set(),
        ),
    ],
)
def test_predicates_are_main_clause_verbs_not_scene_setting_or_reporting_ones(
    models: Models, sentence: str, expected: set[str]
) -> None:
    doc = models.doc(make_article(sentence, "p.txt"))
    assert set(predicates(doc[:])) == expected


# --- end to end on the sample coverage ------------------------------------------------------


def test_samples_commentary_sharing_only_an_incidental_verb_does_not_corroborate(
    sample_report: Report,
) -> None:
    # "did not provide further details" vs. "... while providing Russia with opportunities":
    # a verb of a subordinate clause is not what a sentence states
    story = sample_report.stories[0]
    details = [c for c in story.claims if "did not provide further details" in c.text]
    assert details and details[0].status == "single_source"
    assert len(details[0].sources) == 1


def test_samples_corroborate_putins_offer_across_outlets(sample_report: Report) -> None:
    story = sample_report.stories[0]
    offer = [
        c
        for c in story.claims
        if c.status == "corroborated" and "Putin" in c.text and "offer" in c.text
    ]
    assert offer, [c.text for c in story.claims if c.status == "corroborated"]
    assert offer[0].support >= 2
    assert len({s.article for s in offer[0].sources}) >= 2


def test_sample_claims_are_statements_with_exact_spans(sample_report: Report) -> None:
    story = sample_report.stories[0]
    assert len(story.claims) > 20
    for claim in story.claims:
        assert len(claim.text.split()) >= 6
        assert claim.text in {s.text for s in claim.sources}
        assert claim.support <= len({s.article for s in claim.sources})
        for src in claim.sources:
            assert story.article(src.article).slice(src.span) == src.text
    texts = " ".join(c.text for c in story.claims)
    assert "STORY CONTINUES" not in texts and "Advertisement" not in texts


def test_content_farm_commentary_is_typed_opinion_or_speculation(sample_report: Report) -> None:
    story = sample_report.stories[0]
    longest = max(story.articles, key=lambda a: a.words)
    mine = [c for c in story.claims if all(s.article == longest.id for s in c.sources)]
    hedged = [c for c in mine if c.kind != "fact"]
    assert len(hedged) / len(mine) > 0.5


def test_samples_offer_and_refusal_is_corroborated_by_all_three_outlets(
    sample_report: Report,
) -> None:
    story = sample_report.stories[0]
    refusal = [c for c in story.claims if "need help with Iran" in c.text]
    assert refusal and refusal[0].status == "corroborated"
    assert refusal[0].support == 3
    assert {s.article for s in refusal[0].sources} == {a.id for a in story.articles}


def test_samples_summer_offensive_is_corroborated_by_the_two_that_report_it(
    sample_report: Report,
) -> None:
    story = sample_report.stories[0]
    reporting = {
        a.id for a in story.articles if re.search(r"summer offensive", a.text, re.IGNORECASE)
    }
    assert len(reporting) == 2
    claims = [
        c
        for c in story.claims
        if any(re.search(r"summer offensive", s.text, re.IGNORECASE) for s in c.sources)
    ]
    assert len(claims) == 1 and claims[0].status == "corroborated"
    assert {s.article for s in claims[0].sources} == reporting


def test_samples_agreeing_figures_written_differently_are_not_disputed(
    sample_report: Report,
) -> None:
    story = sample_report.stories[0]
    soldiers = [c for c in story.claims if "Six thousand soldiers" in c.text]
    assert soldiers and soldiers[0].support == 2 and soldiers[0].status == "corroborated"
    assert not [c for c in story.conflicts if c.kind in {"number", "time", "place", "negation"}]


# --- alignment benchmark on ECB+ event coreference ------------------------------------------

GOLD = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "claims-ecbplus-dev.json"


def test_alignment_benchmark_scores_a_slice_of_the_ecbplus_gold(tmp_path: Path) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    assert "ECB+" in gold["origin"]
    topic = {k for k, s in gold["sentences"].items() if s["event"].startswith("1_")}
    pairs = [p for p in gold["pairs"] if p["a"] in topic and p["b"] in topic]
    assert {p["label"] for p in pairs} == {0, 1}
    small = tmp_path / "claims-slice.json"
    small.write_text(
        json.dumps({**gold, "sentences": {k: gold["sentences"][k] for k in topic}, "pairs": pairs})
    )
    result = evaluate(tmp_path)["sets"]["claims-slice"]
    assert result["pairs"] == len(pairs) and result["skipped_pairs"] == 0
    ours = result["pair_scoring"]["storylens"]
    assert ours["average_precision"] > sum(p["label"] for p in pairs) / len(pairs)
    assert ours["at_threshold"]["precision"] > 0.7
    assert set(result["pair_scoring"]) == {"storylens", "baseline_cosine", "baseline_word_jaccard"}


def test_grouping_does_not_chain_into_the_other_event_of_a_topic(tmp_path: Path) -> None:
    # ECB+ topic 5 mixes two events of one team; with single links, groups grew through
    # bridging sentences until 3 of its 20 other-event pairs shared a claim
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    topic = {k for k, s in gold["sentences"].items() if s["event"].startswith("5_")}
    pairs = [p for p in gold["pairs"] if p["a"] in topic and p["b"] in topic]
    small = tmp_path / "claims-topic5.json"
    small.write_text(
        json.dumps({**gold, "sentences": {k: gold["sentences"][k] for k in topic}, "pairs": pairs})
    )
    result = evaluate(tmp_path)["sets"]["claims-topic5"]
    other = result["aligned_share_by_pair_type"]["other event of the topic"]
    assert other["aligned_by_grouping"] <= 0.05
    assert result["grouping"]["precision"] >= 0.85


def test_alignment_benchmark_explains_a_folder_without_gold(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="no claims-"):
        evaluate(tmp_path)


# --- statements, not topics: quotations, page furniture, kinds, copies ----------------------
# Sentences below are from the Multi-News dev coverage (shared/data/crossoutlet).

DANIELS = (
    '"It\'s way too early to know, or to issue, to pronounce last rites over one performance," '
    'Daniels said on CNN\'s "State of the Union."'
)
WARNER = '"Yes, it is embarrassing," Warner said on CNN\'s "State of the Union."'
SVANBERG_GUARDIAN = (
    "Mr Svanberg told the meeting: “On remuneration, the shareholders’ reactions are very "
    "strong. They are seeking change in the way we should approach this in the future."
)
SVANBERG_BBC = (
    "\"On remuneration, the shareholders' reactions are very strong. They are seeking change "
    'in the way we should approach this in the future," he said.'
)


def aligned(models: Models, one: str, other: str) -> list[Claim]:
    story = make_story(
        make_article(one, "one.txt", "First Outlet"), make_article(other, "two.txt", "Second")
    )
    return [c for c in align_claims(story, models, TUNED) if c.support >= 2]


def test_two_different_quotations_said_on_one_show_do_not_corroborate(models: Models) -> None:
    assert aligned(models, DANIELS, WARNER) == []


def test_two_renderings_of_one_quotation_are_one_attributed_claim(models: Models) -> None:
    shared = aligned(models, SVANBERG_GUARDIAN, SVANBERG_BBC)
    assert shared, "the same words quoted by two outlets are one claim about the speaker"
    assert all(c.kind == "attributed" for c in shared)
    assert all(s.kind == "attributed" for c in shared for s in c.sources)


@pytest.mark.parametrize(
    "line",
    [
        "Caption Wildlife officials in Kenya shot the escaped lion several times after it "
        "injured a person in the Kajiado district, said Paul Udoto, a spokesman.",
        "1 of 10 Full Screen Autoplay Close Skip Ad × The moment a lion is shot dead after "
        "attacking a man in Kenya View Photos.",
        "Staff writers Shyamantha Asokan, Dana Hedgpeth and John Wagner contributed to this "
        "report.",
        "[President Obama says he could have beaten Trump — Trump says ‘NO WAY!’]",
        "X-ray image of a ring dove (Streptopelia risoria) producing cooing sounds with a "
        "closed mouth.",
    ],
)
def test_captions_credit_lines_and_teasers_are_not_claims(models: Models, line: str) -> None:
    assert statement_units(make_article(line, "x.txt"), models) == []


def test_a_statement_credited_to_a_named_source_is_attributed(models: Models) -> None:
    unit = unit_of(
        models,
        "Wildlife officials in Kenya shot the escaped lion several times after it injured a man "
        "in the Kajiado district, said Paul Udoto, a spokesman for the Kenya Wildlife Service.",
    )
    assert unit.kind == "attributed"
    assert unit.attributed_to is not None and "Paul Udoto" in unit.attributed_to


def test_every_statement_of_an_opinion_page_is_opinion(models: Models) -> None:
    text = "Mohawk was one of 35 lions in Nairobi National Park, one of 2,000 nationwide."
    news = make_article(text, "a.txt", url="https://example.com/world/2016/03/31/lion")
    column = make_article(text + "\n", "b.txt", url="https://example.com/opinion/2016/03/31/lion")
    assert [u.kind for u in statement_units(news, models)] == ["fact"]
    assert [u.kind for u in statement_units(column, models)] == ["opinion"]


def test_a_wire_sentence_reprinted_by_a_second_outlet_counts_once_and_says_so(
    models: Models,
) -> None:
    wire = (
        "A couple was found shot to death inside a south Fort Worth home early Sunday morning, "
        "police said."
    )
    own = (
        "Two people were found fatally shot inside a house in south Fort Worth early on Sunday "
        "morning, according to police."
    )
    story = make_story(
        make_article(wire, "a.txt", "Wire"),
        make_article("Couple found dead\n" + wire, "b.txt", "Reprinter"),
        make_article(own, "c.txt", "Local Paper"),
    )
    claim = next(c for c in align_claims(story, models, TUNED) if len(c.sources) == 3)
    assert claim.support == 2
    assert claim.independence == "2 outlets, 1 wire copy"
    assert [s.copy_of for s in claim.sources] == [None, story.articles[0].id, None]


@pytest.mark.parametrize(
    ("other", "copy"),
    [
        (
            "A couple was found shot to death inside a south Fort Worth home early Sunday morning.",
            True,
        ),
        (
            "A couple was found shot to death inside a south Fort Worth home early Sunday morning, "
            "police said.",
            True,
        ),
        (
            "A couple was found shot to death inside a north Fort Worth home early Sunday morning.",
            False,
        ),
        (
            "A couple was not found shot to death inside a south Fort Worth home early Sunday morning.",
            False,
        ),
        (
            "Three people were found shot to death inside a south Fort Worth home early Sunday morning.",
            False,
        ),
    ],
)
def test_a_wire_copy_repeats_the_wording_without_changing_what_it_states(
    models: Models, other: str, copy: bool
) -> None:
    wire = unit_of(
        models,
        "A couple was found shot to death inside a south Fort Worth home early Sunday morning.",
    )
    assert repeats_wording(wire.tokens, unit_of(models, other).tokens) is copy


# mn-dev-d6efc159a8337406: two outlets' survival figures for two different tumour stages
SURVIVAL_LOCAL = (
    "Five-year survival odds were about 95 percent for patients under 50 diagnosed with local "
    "tumors that hadn't spread yet, compared to roughly 92 percent for older people."
)
SURVIVAL_ALL = (
    "For patients under 50, about 68 percent survived five years, while about 67 percent of the "
    "patients 50 and older survived five years, she said."
)


def test_two_sets_of_results_sharing_an_age_bracket_are_different_findings(
    models: Models,
) -> None:
    local, overall = unit_of(models, SURVIVAL_LOCAL), unit_of(models, SURVIVAL_ALL)
    assert different_figures(local, overall)
    assert aligned(models, SURVIVAL_LOCAL, SURVIVAL_ALL) == []


def test_the_same_figures_written_twice_are_not_different_findings(models: Models) -> None:
    one = unit_of(models, "About 68 percent of patients under 50 survived five years.")
    other = unit_of(models, "Five years on, 68 percent of the patients younger than 50 were alive.")
    assert not different_figures(one, other)


# mn-dev-088f63f5603e5d81: one outlet prints two pieces of a quotation as one sentence, the
# other two outlets print one piece each
DAMON_BOTH = (
    "He said: “I imagine the price that he’s paid at this point is so beyond anything that he — "
    "I just think that we have to kind of start delineating between what these behaviors are.”"
)
DAMON_SECOND = '"I just think that we have to start delineating between what these behaviors are."'
DAMON_FIRST = "“I imagine the price that he’s paid at this point is so beyond anything ... ”"


def test_a_long_quotation_does_not_join_outlets_that_printed_different_pieces_of_it(
    models: Models,
) -> None:
    story = make_story(
        make_article(DAMON_BOTH, "both.txt", "First"),
        make_article(DAMON_SECOND, "second.txt", "Second"),
        make_article(DAMON_FIRST, "first.txt", "Third"),
    )
    for claim in align_claims(story, models, TUNED):
        texts = " | ".join(s.text for s in claim.sources)
        assert not ("delineating" in texts and "price" in texts and len(claim.sources) == 3), texts


# mn-dev-bb2f3e69f445e6c4: the same predicate said of two different parties
AMERICAN = (
    "American Airlines currently boards by zone using only two lanes while Delta Air Lines "
    "splits the difference and boards with four."
)
UNITED_LANES = "Group 1 also boards through lane 1, while Group 2 lines up in lane 2."


def test_the_same_action_of_two_differently_named_parties_is_two_statements(
    models: Models,
) -> None:
    assert different_subjects(unit_of(models, AMERICAN), unit_of(models, UNITED_LANES))
    assert aligned(models, AMERICAN, UNITED_LANES) == []


def test_a_dateline_is_not_the_subject_of_the_sentence(models: Models) -> None:
    dateline = unit_of(
        models,
        "JOHANNESBURG (AP) — A lion was shot dead in Kenya on Wednesday after attacking a man.",
    )
    named = unit_of(
        models, "Mohawk the lion, one of Kenya’s most famous big cats, was fatally shot Wednesday."
    )
    assert not different_subjects(dateline, named)
    assert not different_subjects(
        named, unit_of(models, "Mohawk was shot and killed Wednesday by wildlife rangers.")
    )


BLOOMBERG_BOATS = (
    "New York City's Mayor Michael Bloomberg said police are deploying more than 80 boats "
    "around the city as well as several helicopters to prepare for emergencies."
)
BLOOMBERG_TRANSIT = (
    "In New York, the Associated Press reported that Mayor Michael R. Bloomberg (I) said "
    "officials expect to shut down the city’s transit system Saturday afternoon ahead of the "
    "hurricane, which is forecast to strike eastern Queens."
)


def test_two_things_one_mayor_said_share_no_statement_words_by_his_name(
    models: Models,
) -> None:
    boats, transit = unit_of(models, BLOOMBERG_BOATS), unit_of(models, BLOOMBERG_TRANSIT)
    assert {"mayor", "michael", "bloomberg"} <= boats.source_words
    matcher = WordMatcher([boats, transit], models)
    assert not shares_specifics(boats, transit, matcher)


def test_a_statement_of_saying_is_not_a_declaration_of_the_named_states(models: Models) -> None:
    unit = unit_of(
        models,
        "North Carolina, Virginia, Maryland, New Jersey, New York, Delaware and Connecticut "
        "declared states of emergency.",
    )
    assert unit.source_words == frozenset()


def test_a_thing_of_a_named_owner_is_said_of_that_owner(models: Models) -> None:
    namus = unit_of(
        models,
        "NamUs' website includes several Humboldt County area reports that don't appear on the "
        "Attorney General's website.",
    )
    journal = unit_of(
        models,
        "The North Coast Journal included Martinez in a cover story featuring images of the 35 "
        "people listed as missing in Humboldt County.",
    )
    assert different_subjects(namus, journal)
    sunday = unit_of(
        models,
        "Sunday’s dedication of the memorial to the Rev. Martin Luther King Jr. was postponed.",
    )
    assert sunday.subject == frozenset(), "a day is not the owner of what happens on it"


def test_cover_is_the_share_of_the_shorter_sentence_the_longer_repeats(models: Models) -> None:
    short = unit_of(models, "Heath was booked on a $1 million bond.")
    longer = unit_of(
        models, "Heath was booked on a $1 million bond at the Tarrant County jail on Monday."
    )
    other = unit_of(models, "Records show Heath lives in the 900 block of Buffalo Springs.")
    matcher = WordMatcher([short, longer, other], models)
    assert matcher.cover(short, longer) == matcher.cover(longer, short) == pytest.approx(1.0)
    assert matcher.cover(short, other) < COVER_SHARE


def test_what_happened_in_past_years_does_not_corroborate_one_years_count(
    models: Models,
) -> None:
    one_year = unit_of(
        models,
        "The illness seemed to peak in 2014, with 120 cases reported between August and "
        "December — all children.",
    )
    past = unit_of(
        models,
        "In past years, most cases have occurred between August and December, with a peak in "
        "October.",
    )
    assert different_times(one_year, past)
    assert not different_times(
        one_year, unit_of(models, "In 2014, 120 cases were reported between August and December.")
    )


def test_a_sentence_the_parse_hangs_from_the_one_before_keeps_its_own_subject(
    models: Models,
) -> None:
    # spaCy parses the whole article: a sentence can come out as a clause of the one before
    text = (
        "She was furious, a friend said Driver was discussing comments by Matt Damon, whom she "
        "once dated and with whom she starred in the Oscar-winning 1997 film Good Will Hunting."
    )
    doc = models.parse_text(text)
    sentence = doc.char_span(text.index("Driver"), len(text), alignment_mode="expand")
    assert sentence is not None and all(t.dep_ != "ROOT" for t in sentence)
    assert named_subject(sentence) == frozenset({"driver"})


# mn-dev-7226efab4c9cafdc: two things one county official said, each with her title
TOOLAN_SERIOUS = (
    '"This is a very, very serious situation," said Dorothy Toolan, public information officer '
    "for Dare County, N.C."
)
TOOLAN_STORM = (
    '"This is a very dangerous storm," said Dorothy Toolan of the Dare County Emergency '
    "Management office in Manteo, N.C."
)


def test_two_things_one_official_said_share_no_statement_words_by_her_title(
    models: Models,
) -> None:
    serious, storm = unit_of(models, TOOLAN_SERIOUS), unit_of(models, TOOLAN_STORM)
    assert {"dare", "county", "officer"} <= serious.source_words
    assert {"dare", "county", "office"} <= storm.source_words
    assert aligned(models, TOOLAN_SERIOUS, TOOLAN_STORM) == []


def test_a_wire_dateline_is_not_a_statement_word(models: Models) -> None:
    unit = unit_of(
        models,
        "NEW YORK (Reuters) - New York City residents who live in low-lying areas should start "
        "moving out on Friday, Mayor Michael Bloomberg said on Thursday.",
    )
    assert "reuters" not in unit.words
    assert "resident" in unit.words and "york" in unit.words  # "New York City residents"


# mn-dev-78473fa18bef2d73: a photo caption and the report share the day only
MOHAWK_SHOT = (
    "Mohawk the Lion, one of Kenya's most famous big cats, was shot and killed Wednesday, "
    "March 30 by wildlife rangers."
)
RANGER_CAPTION = "A ranger of Kenya Wildflife Serive aims his gun at a lion on March 30."


def story_units(models: Models, *texts: str) -> tuple[list[Unit], WordMatcher]:
    """The statement units of a story of one article per text, and its word matcher (the
    story's own topic words)."""
    units = [
        u for k, t in enumerate(texts) for u in statement_units(make_article(t, f"{k}.txt"), models)
    ]
    return units, WordMatcher(units, models)


def unit_starting(units: list[Unit], start: str) -> Unit:
    return next(u for u in units if u.text.startswith(start))


def test_a_shared_calendar_day_does_not_make_two_sentences_one_statement(
    models: Models,
) -> None:
    units, matcher = story_units(
        models,
        f"{MOHAWK_SHOT}\nKenya's celebrity lion Mohawk is dead.\nThe most famous lion in Kenya "
        "died a horrific, agonising death.\nThe rangers came with guns but we suggested the lion "
        "be sedated and taken back to the park.\n",
        f"{RANGER_CAPTION}\nIt was the second incident this month involving a stray lion in "
        "Kenya.\nIn pictures of the shooting, the lion appears to be walking on an "
        "unpopulated stretch of farmland when a ranger takes aim.\nA ranger from the Kenya Wildlife Service shoots dead a male lion that had "
        "strayed from the Nairobi National Park.\n",
    )
    shot, caption = unit_starting(units, "Mohawk"), unit_starting(units, "A ranger of")
    assert {"lion", "kenya", "ranger"} <= matcher.topic
    assert shot.numbers & caption.numbers == {30.0} <= shot.days & caption.days
    assert not shares_specifics(shot, caption, matcher)
    booked = unit_of(models, "Heath was booked on a $1 million bond.")
    held = unit_of(
        models, "He is currently being held at the Fort Worth jail with a $1 million bond."
    )
    assert shares_specifics(booked, held, WordMatcher([booked, held], models))


def test_a_verb_with_its_particle_is_its_own_predicate(models: Models) -> None:
    showed_up = unit_of(models, "Another alarming symptom showed up soon after.")
    showed = unit_of(
        models,
        "Of those, 49 (64%) reported some symptom improvement, and 28 (36%) showed no "
        "improvement; none were fully recovered.",
    )
    assert "show up" in showed_up.predicates and "show" in showed.predicates
    assert not showed_up.predicates & showed.predicates


# mn-dev-7226efab4c9cafdc: one verb, two different things issued
EVACUATION = (
    "Evacuation orders were issued along the coast of North Carolina today in Dare, Currituck "
    "and Cateret counties."
)
WARNING = (
    "As massive Hurricane Irene advanced toward the Eastern Seaboard with 115-mph winds, "
    "officials issued a hurricane warning for the entire North Carolina coast to the Virginia "
    "border, New York ordered low-lying hospitals and nursing homes to evacuate, and at least "
    "seven states declared emergencies."
)


def test_one_verb_said_of_two_different_things_is_two_statements(models: Models) -> None:
    orders, warning = unit_of(models, EVACUATION), unit_of(models, WARNING)
    assert ("issue", "patient", "order") in orders.roles
    assert ("issue", "patient", "warning") in warning.roles
    assert not roles_agree(orders, warning, "issue")
    issue_orders = unit_of(
        models, "McDonnell (R) authorized local officials to issue mandatory evacuation orders."
    )
    assert roles_agree(orders, issue_orders, "issue")
    assert aligned(models, EVACUATION, WARNING) == []


def test_what_one_is_ordered_to_do_is_part_of_the_order(models: Models) -> None:
    pay = unit_of(models, "He was ordered to pay $33.5 million in damages to their families.")
    give = unit_of(
        models,
        "He was ordered to give control of the book to the Goldman family as partial payment "
        "of the civil judgment.",
    )
    assert not roles_agree(pay, give, "order")
    jury = unit_of(
        models,
        "A jury in a civil trial in 1997 ordered Simpson to pay $25 million in punitive damages "
        "to the families of Simpson and Goldman after finding him liable for the murders.",
    )
    assert roles_agree(pay, jury, "order")


# mn-dev-b52067a71a631691: last year's recommendation and this year's vote
LAST_YEAR = (
    "Last year, it also recommended that shareholders reject Mr. Dudley's pay package, noting "
    "that his compensation outpaced that received by chief executives at similar-sized firms."
)
REJECTED = (
    "BP shareholders have rejected a pay package of almost £14m for chief executive Bob Dudley "
    "at the oil company's annual general meeting."
)


def test_what_was_done_last_year_is_not_what_has_been_done_now(models: Models) -> None:
    assert different_times(unit_of(models, LAST_YEAR), unit_of(models, REJECTED))
    # "last month" and a date can name one time: the letter of a man who died
    assert not different_times(
        unit_of(
            models,
            "Mikhail Kalashnikov, who died last month aged 94, wrote a long emotional letter to "
            "Patriarch Kirill in May 2012, church officials say.",
        ),
        unit_of(
            models,
            "Kalashnikov, who died in December at the age of 94, in April wrote a lengthy "
            "emotional letter to Russian Orthodox Church Patriarch Kirill.",
        ),
    )


def test_describing_words_alone_do_not_make_two_sentences_one_statement(models: Models) -> None:
    units, matcher = story_units(
        models,
        "As a result of construction, all the electric fencing — intended to keep animals "
        "inside — has been destroyed.\nHe said the animal was tormented and stressed.\nThe "
        "animal management team that first arrived had no tranquilizers, only rifles.\n",
        "It is largely bounded by an electric fence to keep animals inside.\nSome animals "
        "eventually returned to the park.\nThe government also started building a highway "
        "through a section of the park, agitating the animals with constant noise.\n",
    )
    destroyed, bounded = unit_starting(units, "As a result"), unit_starting(units, "It is")
    assert "animal" in matcher.topic
    assert {"electric", "inside"} <= set(destroyed.words) & set(bounded.words)
    assert not shares_specifics(destroyed, bounded, matcher)


# mn-dev-b52067a71a631691: the pay rise in per cent, and the package in pounds
BP_RISE = (
    "Angry shareholders mounted an unprecedented protest against BP on Thursday, rebelling "
    "against a 20 per cent pay rise for chief executive Bob Dudley despite the oil group making "
    "its worst ever loss."
)
BP_BUMP = (
    "Last month, BP announced that Chief Executive Bob Dudley would receive a 20% bump in his "
    "total compensation package in 2015."
)
BP_HANDING = (
    "BP faces opposition from some shareholders for handing Chief Executive Bob Dudley a 20 "
    "percent increase in his total remuneration package for 2015 to $19.6 million."
)


def test_a_sentence_giving_none_of_a_rows_figures_does_not_join_it(models: Models) -> None:
    row = [unit_of(models, t) for t in (BP_RISE, BP_BUMP, BP_HANDING)]
    package = unit_of(models, REJECTED)
    assert not figures_recur(row, [package])
    assert figures_recur(
        row, [unit_of(models, "Just over 59% of investors rejected Mr Dudley's 20% increase.")]
    )
    assert figures_recur(row[:1], [package]), "two sentences are left to the pair score"


def test_a_synonym_fills_the_same_role_of_a_shared_verb(models: Models) -> None:
    # the samples: the content-farm rewrite says "assistance" where the others say "help"
    disclosed = unit_of(
        models,
        "President Donald Trump has disclosed that Russian President Vladimir Putin offered "
        "assistance with the Iran situation.",
    )
    claimed = unit_of(
        models,
        "US President Donald Trump has claimed that his Russian counterpart, Vladimir Putin, "
        "offered him help to resolve the conflict between Israel and Iran, which he declined.",
    )
    matcher = WordMatcher([disclosed, claimed], models)
    assert not roles_agree(disclosed, claimed, "offer"), "different words without similarity"
    assert roles_agree(disclosed, claimed, "offer", matcher.similarity)


def test_samples_putins_offer_is_corroborated_by_all_three_outlets(
    sample_report: Report,
) -> None:
    story = sample_report.stories[0]
    offer = next(
        c
        for c in story.claims
        if c.status == "corroborated" and "Putin" in c.text and "offered" in c.text
    )
    assert offer.support == 3, [s.text for s in offer.sources]


# mn-dev-e9aca7cfa87e9c3e: the punitive award beside the whole award, in three outlets
PUNITIVE = (
    "A jury in a civil trial in 1997 ordered Simpson to pay $25 million in punitive damages to "
    "the families of Simpson and Goldman after finding him liable for the murders."
)
TOTAL = "He was ordered to pay $33.5 million in damages to their families."
TOTAL_AGAIN = (
    "Despite being acquitted in the famous criminal case, he was found guilty in a subsequent "
    "civil suit and ordered to pay $33.5 million to the Brown and Goldman families in February "
    "1997."
)


def test_two_sums_of_one_currency_are_two_awards_whatever_else_is_shared(
    models: Models,
) -> None:
    punitive, total = unit_of(models, PUNITIVE), unit_of(models, TOTAL)
    assert different_amounts(punitive, total)
    assert not different_amounts(total, unit_of(models, TOTAL_AGAIN))
    rounded = unit_of(models, "He was told to pay about $34m in damages to the families.")
    assert not different_amounts(total, rounded), "a rounding of one sum is that sum"
    pounds = unit_of(models, "BP paid Mr Dudley almost £14m for 2015.")
    dollars = unit_of(models, "BP paid Mr Dudley $19.6 million for 2015.")
    assert not different_amounts(pounds, dollars), "another currency may render the same sum"


def test_the_punitive_award_does_not_corroborate_the_whole_award(models: Models) -> None:
    story = make_story(
        make_article(PUNITIVE, "a.txt", "A"),
        make_article(TOTAL, "b.txt", "B"),
        make_article(TOTAL_AGAIN, "c.txt", "C"),
    )
    rows = [c for c in align_claims(story, models, TUNED) if c.support >= 2]
    assert [sorted(s.text for s in c.sources) for c in rows] == [sorted([TOTAL, TOTAL_AGAIN])]
