"""The cited summary: verbatim sentences, corroborated facts first, every citation exact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storylens import Report
from storylens.claims import align_claims, quoting
from storylens.config import ClaimsConfig, SummaryConfig
from storylens.nlp import Models
from storylens.records import Conflict, ConflictSpan, ConflictValue, Story, SummarySentence
from storylens.summarize import depends_on_context, summarize
from test_claims import KYIV, WIRE, make_article, make_story

THIRD = """Putin offered to help on Iran, Zelensky says

Ukrainian President Volodymyr Zelensky said on Tuesday that Vladimir Putin had offered the \
United States help to resolve the conflict between Israel and Iran.

At least 18 people were killed when a Russian missile struck a residential building in Odesa on \
Monday, regional officials said.

He added that the offer showed Moscow wanted a seat at the table.

The offer could potentially reshape the diplomatic landscape of the entire region for years.

Zelensky, who spoke to journalists in Kyiv after a meeting with European defence ministers, \
said Ukraine would continue to press its partners for more air defence systems and long-range \
weapons, and that talks on a new round of sanctions against Russia were expected to conclude \
within weeks despite objections from several member states.
"""


def with_claims(models: Models, story: Story) -> Story:
    claims = align_claims(story, models, ClaimsConfig(threshold=0.5))
    return story.model_copy(update={"claims": claims})


@pytest.fixture(scope="module")
def three_outlets(models: Models) -> Story:
    story = make_story(
        make_article(KYIV, "k.txt", "Kyiv Daily"),
        make_article(WIRE, "w.txt", "Wire"),
        make_article(THIRD, "t.txt", "Third"),
    )
    return with_claims(models, story)


def assert_exact(story: Story, summary: list[SummarySentence]) -> None:
    for sentence in summary:
        assert sentence.citations
        first = sentence.citations[0]
        assert story.article(first.article).slice(first.span) == sentence.text
        for cite in sentence.citations:
            assert story.article(cite.article).slice(cite.span) == cite.text


def test_every_sentence_is_its_first_citation_verbatim(
    models: Models, three_outlets: Story
) -> None:
    summary = summarize(three_outlets, models, SummaryConfig())
    assert summary
    assert_exact(three_outlets, summary)


def test_lead_is_the_corroborated_fact_cited_by_every_outlet(
    models: Models, three_outlets: Story
) -> None:
    lead = [s for s in summarize(three_outlets, models, SummaryConfig()) if s.section == "lead"]
    assert lead
    offer = next(s for s in lead if "Putin" in s.text and "offer" in s.text)
    assert len({c.article for c in offer.citations}) == 3


def test_lead_avoids_dangling_speculative_long_and_topical_sentences(
    models: Models, three_outlets: Story
) -> None:
    summary = summarize(three_outlets, models, SummaryConfig())
    shown = " ".join(s.text for s in summary if s.section == "lead")
    assert "He added" not in shown
    assert "could potentially" not in shown
    assert "air defence systems" not in shown
    assert "This represents" not in shown


def test_lead_respects_word_budget_and_sentence_cap(models: Models, three_outlets: Story) -> None:
    config = SummaryConfig(words=40, max_sentences=1)
    lead = [s for s in summarize(three_outlets, models, config) if s.section == "lead"]
    assert len(lead) == 1


def test_only_section_holds_single_source_facts_from_different_articles(
    models: Models, three_outlets: Story
) -> None:
    config = SummaryConfig(max_sentences=1)
    summary = summarize(three_outlets, models, config)
    assert [s.section for s in summary].count("lead") == 1
    only = [s for s in summary if s.section == "only"]
    assert 1 <= len(only) <= 2
    assert len({s.citations[0].article for s in only}) == len(only)
    for sentence in only:
        assert len({c.article for c in sentence.citations}) == 1


def test_conflict_becomes_a_differ_sentence_citing_each_value(
    models: Models, three_outlets: Story
) -> None:
    values = []
    for article in three_outlets.articles:
        start = article.text.find("At least ")
        span = (start, start + len("At least 14"))
        values.append(
            ConflictValue(
                value=article.slice(span)[-2:],
                articles=[article.id],
                spans=[ConflictSpan(article=article.id, span=span, text=article.slice(span))],
            )
        )
    conflict = Conflict(kind="number", about="people killed in Odesa", values=values)
    story = three_outlets.model_copy(update={"conflicts": [conflict]})
    summary = summarize(story, models, SummaryConfig())
    differ = [s for s in summary if s.section == "differ"]
    assert len(differ) == 1
    assert differ[0].text.startswith("At least 14 people were killed")
    assert len(differ[0].citations) == 3
    assert_exact(story, summary)


def test_story_of_one_article_gets_a_lead_of_its_own_sentences(models: Models) -> None:
    story = with_claims(models, make_story(make_article(WIRE, "w.txt", "Wire")))
    summary = summarize(story, models, SummaryConfig())
    assert summary and {s.section for s in summary} == {"lead"}
    assert_exact(story, summary)
    assert "This represents" not in " ".join(s.text for s in summary)


# --- end to end on the sample coverage ------------------------------------------------------


def test_samples_lead_states_the_offer_and_the_refusal(sample_report: Report) -> None:
    story = sample_report.stories[0]
    lead = [s for s in story.summary if s.section == "lead"]
    assert lead
    text = " ".join(s.text for s in lead)
    assert "Putin" in text and "Iran" in text
    assert "declined" in text or "don't need help" in text or "deal" in text
    corroborated = [s for s in lead if len({c.article for c in s.citations}) >= 2]
    assert len(corroborated) >= 2
    assert any("Putin" in s.text and "offer" in s.text for s in corroborated)


def test_samples_summary_has_no_boilerplate_or_teasers(sample_report: Report) -> None:
    story = sample_report.stories[0]
    assert_exact(story, story.summary)
    text = " ".join(s.text for s in story.summary)
    for junk in ("Dnipro", "stolen data", "Financial Times", "Advertisement", "STORY CONTINUES"):
        assert junk not in text


def test_samples_lead_is_in_reading_order_within_budget(sample_report: Report) -> None:
    story = sample_report.stories[0]
    lead = [s for s in story.summary if s.section == "lead"]
    assert sum(len(s.text.split()) for s in lead) <= SummaryConfig().words
    positions = [
        s.citations[0].span[0] / len(story.article(s.citations[0].article).text) for s in lead
    ]
    assert positions == sorted(positions)


# --- context dependence and quotations ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "He added that the offer showed Moscow wanted a seat at the table.",
        "This represents a shift in policy.",
        "On Tuesday, he said the talks would continue in Geneva.",
        "But the Kremlin denied that any call took place.",
        "Musk is one of the most enthusiastic partners in that project.",
        "Kenya's famous lion shot dead\nWildlife officials in Kenya shot the escaped lion.",
    ],
)
def test_sentences_leaning_on_earlier_ones_depend_on_context(text: str) -> None:
    assert depends_on_context(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian President Volodymyr Zelensky said on Tuesday that Putin had offered help.",
        "The president added that he would like Russia and Ukraine to reach a deal.",
        "On Tuesday, Zelensky said the talks would continue in Geneva.",
        "The lion was shot dead this week after it injured a man in the Kajiado district.",
    ],
)
def test_self_contained_sentences_do_not_depend_on_context(text: str) -> None:
    assert not depends_on_context(text)


def test_lead_fills_the_word_budget_with_corroborated_sentences_first(
    models: Models, three_outlets: Story
) -> None:
    lead = [
        s for s in summarize(three_outlets, models, SummaryConfig(words=120)) if s.section == "lead"
    ]
    assert sum(len(s.text.split()) for s in lead) <= 120
    outlets = [len({c.article for c in s.citations}) for s in lead]
    assert outlets[0] >= 2
    first_single = next((k for k, n in enumerate(outlets) if n < 2), len(outlets))
    assert all(n < 2 for n in outlets[first_single:])


def test_differ_sentence_is_widened_to_the_whole_quotation(sample_report: Report) -> None:
    story = sample_report.stories[0]
    differ = [s for s in story.summary if s.section == "differ"]
    assert differ
    assert_exact(story, story.summary)
    for sentence in differ:
        for cite in sentence.citations:
            _, opened, still_open = quoting(
                story.article(cite.article), (cite.span[0], cite.span[1])
            )
            assert not opened and not still_open


def test_samples_differ_shows_the_accounts_of_where_trump_spoke(sample_report: Report) -> None:
    story = sample_report.stories[0]
    differ = " ".join(c.text for s in story.summary if s.section == "differ" for c in s.citations)
    assert "The Hague" in differ and "Air Force One" in differ


def test_cli_summary_words_sets_the_lead_budget(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from storylens.cli import app

    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["analyze", "examples", "--out", str(out), "-f", "json", "-q", "--summary-words", "40"]
    )
    assert result.exit_code == 0, result.output
    story = json.loads((out / "report.json").read_text(encoding="utf-8"))["stories"][0]
    lead = [s["text"] for s in story["summary"] if s["section"] == "lead"]
    assert lead and sum(len(t.split()) for t in lead) <= 40


# --- quotations in the lead, wording centrality and the position prior ----------------------

BARRIER = """Springfield approves a flood barrier

The Springfield city council approved a new flood barrier along the river on Monday evening.

“The river has flooded twice this year. We cannot wait for a third flood,” Mayor Jane Quimby \
told reporters after the vote.

“We will not back down on this,” he said.

The barrier will cost about 40 million dollars and should be finished within three years.
"""


def test_lead_takes_a_split_quotation_whole_and_skips_one_with_no_named_speaker(
    models: Models,
) -> None:
    story = with_claims(models, make_story(make_article(BARRIER, "b.txt", "Gazette")))
    lead = [s for s in summarize(story, models, SummaryConfig(words=200)) if s.section == "lead"]
    assert_exact(story, lead)
    texts = [s.text for s in lead]
    whole = next(t for t in texts if "flooded twice" in t)
    assert whole.startswith("“The river") and whole.endswith("after the vote.")
    assert "We cannot wait" in whole
    assert not any("back down" in t for t in texts)
    for sentence in lead:
        cite = sentence.citations[0]
        _, opened, still_open = quoting(story.article(cite.article), (cite.span[0], cite.span[1]))
        assert not opened and not still_open


def test_quoted_sentence_stands_alone_only_with_a_named_speaker(models: Models) -> None:
    from storylens.claims import statement_units
    from storylens.summarize import is_quote_fragment, names_speaker

    article = make_article(
        "Title here\n\n“We will not back down on this plan, whatever it ends up costing the "
        "city,” Quimby said.\n\n“We will not back down on this plan, whatever it ends up "
        "costing the city,” he said.\n",
        "q.txt",
    )
    named, pronoun = statement_units(article, models)
    assert named.quoted_share >= 0.75 and pronoun.quoted_share >= 0.75
    assert names_speaker(named) and not is_quote_fragment(named)
    assert not names_speaker(pronoun) and is_quote_fragment(pronoun)


def test_wording_similarity_rewards_shared_content_words(models: Models) -> None:
    from storylens.claims import statement_units
    from storylens.summarize import tfidf_vectors

    article = make_article(
        "Title here\n\nThe council approved the flood barrier on Monday.\n\n"
        "The flood barrier was approved by the council.\n\n"
        "The city museum will open an exhibition of Roman coins next week.\n",
        "t.txt",
    )
    units = statement_units(article, models)
    vectors = tfidf_vectors(units)
    assert vectors.shape[0] == len(units) == 3
    assert abs(float(vectors[0] @ vectors[0]) - 1.0) < 1e-9
    assert float(vectors[0] @ vectors[1]) > 0.5 > float(vectors[0] @ vectors[2])


def test_position_prior_prefers_a_reports_first_statement(models: Models) -> None:
    """Two statements equally central to a one-article story (each is the other's only
    neighbour): with room for one, the report's first statement wins."""
    first = make_article(
        "Title one\n\nThe council approved a flood barrier on Monday.\n\n"
        "The city museum will open an exhibition of Roman coins next week.\n",
        "a.txt",
    )
    story = with_claims(models, make_story(first))
    lead = [s for s in summarize(story, models, SummaryConfig(words=12)) if s.section == "lead"]
    assert [s.text for s in lead] == ["The council approved a flood barrier on Monday."]


# --- "where reports differ" sentences that lean on context ----------------------------------

SPORTS_A = """Saints lose Colston for the season

Marques Colston is the team's leading receiver this season. He has 53 catches for 605 yards \
and four touchdowns.
"""

SPORTS_B = """Colston out for the year

He has 51 catches for 605 yards, the team said.

Colston, the Saints' leading receiver, broke his hand in practice on Wednesday and had surgery.
"""


def conflict_story(models: Models, a: str, b: str) -> Story:
    """Two outlets and a number conflict whose values sit in sentences opening with "He"."""
    story = with_claims(
        models, make_story(make_article(a, "a.txt", "A Sports"), make_article(b, "b.txt", "B Wire"))
    )
    values = []
    for article in story.articles:
        start = article.text.find("He has ")
        span = (start + len("He has "), start + len("He has 53"))
        values.append(
            ConflictValue(
                value=article.slice(span),
                articles=[article.id],
                spans=[ConflictSpan(article=article.id, span=span, text=article.slice(span))],
            )
        )
    conflict = Conflict(kind="number", about="catches", values=values)
    return story.model_copy(update={"conflicts": [conflict]})


def test_differ_sentence_opening_with_a_pronoun_is_joined_to_the_one_naming_him(
    models: Models,
) -> None:
    story = conflict_story(models, SPORTS_A, SPORTS_B)
    summary = summarize(story, models, SummaryConfig())
    differ = [s for s in summary if s.section == "differ"]
    assert len(differ) == 1
    assert differ[0].text.startswith("Marques Colston is the team's leading receiver")
    assert differ[0].text.endswith("four touchdowns.")
    assert not depends_on_context(differ[0].text)
    assert {c.article for c in differ[0].citations} == {a.id for a in story.articles}
    assert_exact(story, summary)


def test_differ_line_is_left_out_when_no_account_reads_on_its_own(models: Models) -> None:
    # the pronoun sentence opens its paragraph in both: nothing before it can say who "he" is
    first = SPORTS_A.replace("this season. He has", "this season.\n\nHe has")
    story = conflict_story(models, first, SPORTS_B)
    summary = summarize(story, models, SummaryConfig())
    assert not [s for s in summary if s.section == "differ"]
    assert story.conflicts  # the conflict itself stays in the report


def test_an_opinion_page_never_supplies_a_lead_sentence(models: Models) -> None:
    column = make_article(
        THIRD, "c.txt", "Columnist", url="https://example.com/opinion/2025/06/25/putin-iran"
    )
    story = with_claims(models, make_story(make_article(KYIV, "k.txt", "Kyiv Daily"), column))
    lead = [s for s in summarize(story, models, SummaryConfig(words=200)) if s.section == "lead"]
    assert lead
    assert all(s.citations[0].article != column.id for s in lead)


def test_a_larger_word_budget_gives_a_longer_lead(models: Models, three_outlets: Story) -> None:
    def lead_words(budget: int) -> int:
        summary = summarize(three_outlets, models, SummaryConfig(words=budget))
        return sum(len(s.text.split()) for s in summary if s.section == "lead")

    short, long_ = lead_words(30), lead_words(220)
    assert short < long_ <= 220
