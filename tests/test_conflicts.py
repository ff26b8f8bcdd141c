"""Conflicts: outlets placing a quote in different settings, or giving it to different people."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from storylens import Report
from storylens.claims import align_claims
from storylens.clean.text import assemble, line_spans
from storylens.config import ClaimsConfig, QuotesConfig
from storylens.conflicts import FINDERS, disputed, find_conflicts, one_person
from storylens.nlp import Models
from storylens.quotes import find_quotes
from storylens.records import Article, Conflict, ConflictValue, RawDocument, Story
from storylens.slots import amounts, dates
from test_claims import make_article, make_story


def story_with_quotes(models: Models, *texts: str) -> Story:
    articles = [
        assemble(RawDocument(source=f"outlet{i}.txt", raw=t), line_spans(t))
        for i, t in enumerate(texts)
    ]
    story = Story(id="s", title="t", articles=articles)
    return story.model_copy(update={"quotes": find_quotes(story, models, QuotesConfig())})


def assert_spans_exact(story: Story, conflicts: list[Conflict]) -> None:
    for conflict in conflicts:
        for value in conflict.values:
            for sp in value.spans:
                article = story.article(sp.article)
                assert article.slice(sp.span) == sp.text
                raw = article.raw_span_of(sp.span)
                assert raw is not None and article.raw[raw[0] : raw[1]] == sp.text


AT_SUMMIT = (
    "Speaking at the EU summit in Brussels, Chancellor Friedrich Merz said, "
    "“Europe has to pay for its own defence, and it will.”"
)
EN_ROUTE = (
    "“Europe has to pay for its own defence, and it will,” Merz told reporters while "
    "travelling to the EU summit."
)
EN_ROUTE_DETAIL = (
    "Merz spoke aboard the government plane on the way to a tense EU summit in Belgium.\n\n"
    "“Europe has to pay for its own defence,” Merz said."
)


def test_quote_said_at_the_event_and_on_the_way_there_conflicts(models: Models) -> None:
    story = story_with_quotes(models, AT_SUMMIT, EN_ROUTE, EN_ROUTE_DETAIL)
    assert len(story.quotes) == 1 and len(story.quotes[0].variants) == 3
    conflicts = find_conflicts(story, models)
    assert [c.kind for c in conflicts] == ["quote_context"]
    values = conflicts[0].values
    ids = [a.id for a in story.articles]
    assert [v.articles for v in values] == [[ids[0]], [ids[1], ids[2]]]
    assert values[0].value == "at the EU summit in Brussels"
    assert [sp.text for sp in values[1].spans] == [
        "while travelling to the EU summit",
        "aboard the government plane on the way to a tense EU summit in Belgium",
    ]
    assert conflicts[0].about.startswith("Europe has to pay")
    assert_spans_exact(story, conflicts)


def test_same_setting_in_other_words_is_no_conflict(models: Models) -> None:
    story = story_with_quotes(models, EN_ROUTE, EN_ROUTE_DETAIL)
    assert find_conflicts(story, models) == []


def test_quote_given_to_different_people_is_a_speaker_conflict(models: Models) -> None:
    one = (
        "Defence Secretary John Healey visited the base on Friday.\n\n"
        "“Our troops deserve better housing and better pay,” Healey said."
    )
    other = (
        "Prime Minister Keir Starmer visited the base on Friday with his defence secretary.\n\n"
        "“Our troops deserve better housing and better pay,” Starmer said."
    )
    story = story_with_quotes(models, one, other)
    conflicts = [c for c in find_conflicts(story, models) if c.kind == "speaker"]
    assert len(conflicts) == 1
    assert [v.value for v in conflicts[0].values] == ["John Healey", "Keir Starmer"]
    assert [sp.text for v in conflicts[0].values for sp in v.spans] == ["Healey", "Starmer"]
    assert conflicts[0].slot == "who said the words"
    assert_spans_exact(story, conflicts)


def test_same_person_named_differently_is_no_speaker_conflict(models: Models) -> None:
    one = "“Our troops deserve better housing,” Defence Secretary John Healey said."
    other = "“Our troops deserve better housing,” Healey told the BBC."
    story = story_with_quotes(models, one, other)
    assert [c for c in find_conflicts(story, models) if c.kind == "speaker"] == []


def test_a_speaker_only_pointed_at_is_no_side_of_a_speaker_conflict(models: Models) -> None:
    one = "“Our troops deserve better housing and better pay,” Defence Secretary John Healey said."
    other = (
        "Prime Minister Keir Starmer visited the base on Friday with his defence secretary.\n\n"
        "“Our troops deserve better housing and better pay,” he said."
    )
    story = story_with_quotes(models, one, other)
    assert [c for c in find_conflicts(story, models) if c.kind == "speaker"] == []


def test_two_people_saying_much_the_same_is_no_speaker_conflict(models: Models) -> None:
    one = (
        "“For more than three decades, the Endangered Species Act has successfully protected "
        "our nation's most threatened wildlife, and we should be looking for ways to improve "
        "it, not weaken it,” President Barack Obama said."
    )
    other = (
        "“For decades, the Endangered Species Act has protected threatened species and their "
        "habitats,” said Commerce Secretary Gary Locke."
    )
    story = story_with_quotes(models, one, other)
    assert [c for c in find_conflicts(story, models) if c.kind == "speaker"] == []


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("Undersheriff James Gage", "James Gage", True),
        ("Mark Jay Heller", "Mark Heller", True),
        ("A.J. Butler", "AJ Butler", True),
        ("Vincent DelGiudice", "Vincent Del Giudice", True),
        ("Karolos Papoulias", "Carolos Papoulias", True),
        ("Barack Obama", "Gary Locke", False),
        ("Tyler Hansbrough", "Phil Ford", False),
    ],
)
def test_one_speaker_under_titles_initials_and_spellings(one: str, other: str, same: bool) -> None:
    assert one_person(one, other) is same


def test_an_article_giving_both_values_disputes_no_one() -> None:
    def value(name: str, *articles: str) -> ConflictValue:
        return ConflictValue(value=name, articles=list(articles), spans=[])

    # the same words credited to Walter by two articles and to Will by one of the two
    assert not disputed([value("Walter", "a", "b"), value("Will", "b")])
    assert disputed([value("Walter", "a", "b"), value("Will", "c")])
    assert disputed([value("Walter", "a"), value("Will", "b"), value("Wes", "a", "b")])


def test_claims_can_join_as_another_finder() -> None:
    assert all(callable(f) for f in FINDERS) and len(FINDERS) >= 2


def test_sample_report_disputes_only_where_trump_spoke_each_side_cited(
    sample_report: Report,
) -> None:
    for story in sample_report.stories:
        for conflict in story.conflicts:
            assert conflict.kind == "quote_context" and conflict.slot
            assert len({sp.article for v in conflict.values for sp in v.spans}) >= 2
        assert_spans_exact(story, story.conflicts)
    assert sum(len(s.conflicts) for s in sample_report.stories) == 1


def test_sample_report_shows_where_trump_spoke_as_a_conflict(sample_report: Report) -> None:
    story = max(sample_report.stories, key=lambda s: len(s.articles))
    found = [
        c
        for c in story.conflicts
        if c.kind == "quote_context" and c.about.startswith("As you know, Vladimir")
    ]
    assert len(found) == 1
    texts = {sp.text for v in found[0].values for sp in v.spans}
    assert "at the Nato Summit in The Hague" in texts
    assert len(found[0].values) == 2
    assert_spans_exact(story, found)


# --- details of aligned statements: numbers, dates, negation ---------------------------------

WED = datetime(2025, 6, 25, 18, 30, tzinfo=timezone(timedelta(hours=-4)))
"""Wednesday 25 June 2025, evening in New York (already Thursday in UTC+10)."""


def aligned(models: Models, *paragraphs: tuple[str, str, datetime | None]) -> Story:
    """A story of one article per (text, outlet, published), claims aligned as the pipeline does."""
    articles = [
        make_article(text, f"{outlet}.txt", outlet, published=published)
        for text, outlet, published in paragraphs
    ]
    story = make_story(*articles)
    return story.model_copy(update={"claims": align_claims(story, models, ClaimsConfig())})


def of_kind(story: Story, models: Models, kind: str) -> list[Conflict]:
    found = [c for c in find_conflicts(story, models) if c.kind == kind]
    assert_spans_exact(story, found)
    return found


STRIKE_A = (
    "At least 14 people were killed when a Russian missile struck an apartment block in Odesa "
    "on Monday night, regional officials said.\n"
    "More than 30 people were injured and rescue teams were still searching the rubble.\n"
)
STRIKE_B = (
    "At least 21 people were killed when a Russian missile hit a residential building in Odesa "
    "late on Monday, regional officials said.\n"
    "Around 30 people were injured, according to the emergency services.\n"
)


def test_different_death_tolls_are_a_number_conflict_with_exact_spans(models: Models) -> None:
    story = aligned(models, (STRIKE_A, "Daily", WED), (STRIKE_B, "Wire", WED))
    found = of_kind(story, models, "number")
    assert len(found) == 1, [c.about for c in found]
    values = found[0].values
    assert [v.value for v in values] == ["at least 14 people", "at least 21 people"]
    assert [sp.text for v in values for sp in v.spans] == [
        "At least 14 people",
        "At least 21 people",
    ]
    assert found[0].slot == "number of people killed"
    # the injured counts ("more than 30" / "around 30") agree and are another slot anyway
    assert not any("injure" in c.about for c in found)


def test_same_figure_written_in_words_and_digits_is_no_conflict(models: Models) -> None:
    one = (
        "North Korea has sent six thousand troops to the Kursk region to fight alongside "
        "Russian forces, South Korean intelligence said.\n"
    )
    other = (
        "South Korean intelligence said North Korea has sent 6,000 troops to the Kursk region "
        "to fight alongside Russian forces.\n"
    )
    story = aligned(models, (one, "Daily", WED), (other, "Wire", WED))
    assert any(c.support == 2 for c in story.claims)
    assert of_kind(story, models, "number") == []
    assert all(c.status != "disputed" for c in story.claims)


def test_money_amounts_differing_are_a_conflict_but_rounding_is_not(models: Models) -> None:
    base = "The European Commission approved {} in emergency aid for farmers hit by the floods.\n"
    story = aligned(
        models,
        (base.format("€1.5 billion"), "Daily", WED),
        (base.format("about 1.45 billion euros"), "Wire", WED),
    )
    assert of_kind(story, models, "number") == []
    story = aligned(
        models, (base.format("€1.5 billion"), "Daily", WED), (base.format("€2bn"), "Wire", WED)
    )
    found = of_kind(story, models, "number")
    assert [v.value for v in found[0].values] == ["€1,500,000,000", "€2,000,000,000"]
    assert [sp.text for v in found[0].values for sp in v.spans] == ["€1.5 billion", "€2bn"]


def test_relative_and_absolute_dates_agree_when_they_resolve_to_the_same_day(
    models: Models,
) -> None:
    one = (
        "Zelensky said on Tuesday that Putin had called the White House and offered to help "
        "resolve the conflict between Iran and Israel.\n"
    )
    other = (
        "Zelensky said on June 24 that Putin had called the White House and offered to help "
        "resolve the conflict between Iran and Israel.\n"
    )
    naive = datetime(2025, 6, 25, 9, 0)  # a naive publication time is read as written
    story = aligned(models, (one, "Daily", WED), (other, "Wire", naive))
    assert any(c.support == 2 for c in story.claims)
    assert of_kind(story, models, "time") == []


def test_different_days_are_a_time_conflict_listing_each_resolved_date(models: Models) -> None:
    one = (
        "The ceasefire between Israel and Iran took effect on Tuesday morning, the White House "
        "said in a statement.\n"
    )
    other = (
        "The ceasefire between Israel and Iran took effect on Wednesday, the White House said in "
        "a statement.\n"
    )
    third = (
        "The ceasefire between Israel and Iran took effect earlier this week, the White House "
        "said in a statement.\n"
    )
    thursday = datetime(2025, 6, 26, 8, 0, tzinfo=UTC)
    story = aligned(
        models, (one, "Daily", WED), (other, "Wire", thursday), (third, "Weekly", thursday)
    )
    found = of_kind(story, models, "time")
    assert len(found) == 1
    values = {v.value: [sp.text for sp in v.spans] for v in found[0].values}
    # "on Tuesday" (Wed 25th) = 24 June; "on Wednesday" (Thu 26th) = 25 June; "earlier this
    # week" (Mon 23 - Thu 26) overlaps the first value it meets, so it is listed with it
    assert values["2025-06-24"][0] == "Tuesday"
    assert values["2025-06-25"] == ["Wednesday"]
    assert "earlier this week" in [t for texts in values.values() for t in texts]


def test_relative_dates_without_a_publication_date_are_not_guessed(models: Models) -> None:
    one = "The ceasefire between Israel and Iran took effect last week, officials said.\n"
    other = "The ceasefire between Israel and Iran took effect on June 24, officials said.\n"
    story = aligned(models, (one, "Daily", None), (other, "Wire", WED))
    assert of_kind(story, models, "time") == []


def test_two_weekdays_for_one_happening_conflict_even_without_publication_dates(
    models: Models,
) -> None:
    # mn-dev-088f63f5603e5d81 shape: the same happening cannot fall on two weekdays
    one = "The ceasefire between Israel and Iran took effect on Tuesday, officials said.\n"
    other = "The ceasefire between Israel and Iran took effect on Monday, officials said.\n"
    story = aligned(models, (one, "Daily", None), (other, "Wire", None))
    found = of_kind(story, models, "time")
    assert [sorted(v.value for v in c.values) for c in found] == [["Monday", "Tuesday"]]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Officials said six thousand troops were deployed to the border.", ["6,000 troops"]),
        ("Officials said 6,000 troops were deployed to the border.", ["6,000 troops"]),
        (
            "The firm paid $2.5 billion for two hundred and fifty stores.",
            ["$2,500,000,000", "250 stores"],
        ),
        ("Turnout reached about 40 per cent in the capital, officials said.", ["about 40%"]),
        (
            "More than 1.2 million people fled the city, the UN said.",
            ["more than 1,200,000 people"],
        ),
        ("Trump spoke aboard Air Force One on June 24, 2025, the 18th day of the war.", []),
    ],
)
def test_amounts_are_read_with_qualifier_and_unit(
    models: Models, sentence: str, expected: list[str]
) -> None:
    article = Article(id="a", source="a", text=sentence)
    found = amounts(article, (0, len(sentence)), models)
    assert [a.label for a in found] == expected
    assert all(article.slice(a.span) == a.text for a in found)


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        ("yesterday", "2025-06-24"),
        ("on Tuesday", "2025-06-24"),
        ("on Wednesday", "2025-06-25"),
        ("last Wednesday", "2025-06-18"),
        ("three days ago", "2025-06-22"),
        ("last week", "2025-06-16 to 2025-06-22"),
        ("earlier this week", "2025-06-23 to 2025-06-25"),
        ("last month", "2025-05-01 to 2025-05-31"),
        ("24 June", "2025-06-24"),
        ("Dec. 30", "2024-12-30"),
    ],
)
def test_dates_resolve_against_the_articles_own_publication_day(phrase: str, day: str) -> None:
    text = f"The talks ended {phrase}, officials said."
    # 23:30 on Wednesday in New York is Thursday in UTC: the local day is the one meant
    published = datetime(2025, 6, 25, 23, 30, tzinfo=timezone(timedelta(hours=-4)))
    article = Article(id="a", source="a", text=text, published=published)
    found = dates(article, (0, len(text)))
    assert [w.label for w in found] == [day]
    assert found[0].text == phrase


def test_different_places_for_one_event_are_a_place_conflict(models: Models) -> None:
    one = (
        "A Russian drone struck a power substation in Kharkiv overnight, cutting electricity "
        "to thousands of homes, the regional governor said.\n"
    )
    other = (
        "A Russian drone struck a power substation in Dnipro overnight, cutting electricity "
        "to thousands of homes, the regional governor said.\n"
    )
    story = aligned(models, (one, "Daily", WED), (other, "Wire", WED))
    found = of_kind(story, models, "place")
    assert [sp.text for v in found[0].values for sp in v.spans] == ["in Kharkiv", "in Dnipro"]
    assert [c.status for c in story.claims if c.support == 2] == ["disputed"]


def test_a_city_and_the_country_the_story_places_it_in_agree(models: Models) -> None:
    one = (
        "NATO leaders agreed to raise defence spending to five percent at the summit in The "
        "Hague on Wednesday, the alliance said.\n"
        "The meeting in The Hague, Netherlands, was the shortest summit in years.\n"
    )
    other = (
        "NATO leaders agreed to raise defence spending to five percent at the summit in the "
        "Netherlands on Wednesday, the alliance said.\n"
    )
    story = aligned(models, (one, "Daily", WED), (other, "Wire", WED))
    assert any(c.support == 2 for c in story.claims)
    assert of_kind(story, models, "place") == []
