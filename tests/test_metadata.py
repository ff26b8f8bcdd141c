"""Metadata of flattened pages: headline, byline, publication time with its zone, outlet, language."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from storylens.clean import metadata
from storylens.clean.text import clean_text
from storylens.config import CleanConfig
from storylens.records import Article, RawDocument

SAMPLES = Path(__file__).resolve().parents[1] / "examples" / "coverage-trump-putin-iran"


def _sample(prefix: str, hints: dict[str, str] | None = None) -> Article:
    path = next(SAMPLES.glob(f"{prefix}*.txt"))
    doc = RawDocument(source=str(path), raw=path.read_text(encoding="utf-8"), hints=hints or {})
    result = clean_text(doc, CleanConfig())
    assert isinstance(result, Article)
    return result


def test_firstpost_sample_has_headline_desk_byline_and_ist_time() -> None:
    article = _sample("000_")
    assert (
        article.title
        == "'No, thank you': Trump says he rejected Putin's offer to help with Israel-Iran conflict"
    )
    assert article.byline == "FP News Desk"
    assert article.published == datetime(
        2025, 6, 26, 7, 58, 6, tzinfo=timezone(timedelta(hours=5, minutes=30))
    )
    assert article.outlet is None  # "FP" does not name the outlet; no guessing
    assert article.language == "en"


def test_kyiv_independent_sample_takes_headline_repeat_name_over_role_and_bio_outlet() -> None:
    article = _sample("001_")
    assert article.title == "Trump says Putin called him to offer help with Iran"
    assert article.byline == "Kateryna Hodunova"
    assert article.outlet == "Kyiv Independent"
    assert article.published is None


def test_content_farm_sample_takes_first_title_case_headline_and_written_by_name() -> None:
    article = _sample("004_")
    assert article.title == "Trump Fires Off Harsh Message to Putin After Tense Phone Call"
    assert article.byline == "Sarah Morgan"


def test_hints_win_over_what_the_text_suggests() -> None:
    hints = {
        "title": "Given title",
        "byline": "Given Author",
        "outlet": "Firstpost",
        "published": "2025-06-25T10:00:00+00:00",
        "url": "https://example.org/a",
    }
    article = _sample("000_", hints)
    assert (article.title, article.byline, article.outlet, article.url) == (
        "Given title",
        "Given Author",
        "Firstpost",
        "https://example.org/a",
    )
    assert article.published == datetime(2025, 6, 25, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Published 11:11 PM EST Nov 19, 2019",
            datetime(2019, 11, 19, 23, 11, tzinfo=timezone(timedelta(hours=-5))),
        ),
        (
            "June 26, 2025, 07:58:06 IST",
            datetime(2025, 6, 26, 7, 58, 6, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        ),
        (
            "Updated: 24 June 2025 14:05 CEST",
            datetime(2025, 6, 24, 14, 5, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("2025-06-24T09:30:00Z", datetime(2025, 6, 24, 9, 30, tzinfo=UTC)),
        ("Tuesday, November 19, 2019 08:38 AM", datetime(2019, 11, 19, 8, 38)),
        ("March 4, 2024", datetime(2024, 3, 4)),
        ("23/08/2018", datetime(2018, 8, 23)),
    ],
)
def test_dates_keep_their_zone_and_stay_naive_without_one(text: str, expected: datetime) -> None:
    found = metadata.find_datetime(text)
    assert found == expected
    assert (found.tzinfo is None) == (expected.tzinfo is None)


def test_ambiguous_numeric_date_is_not_guessed() -> None:
    assert metadata.find_datetime("03/04/2020") is None


@pytest.mark.parametrize(
    ("lines", "byline"),
    [
        (
            ["Headline about the floods", "By Maria Lopez and Tom Reid | Reuters"],
            "Maria Lopez and Tom Reid",
        ),
        (["Headline", "by Jeff Foust — November 18, 2019"], "Jeff Foust"),
        (["Headline", "Carlos Nadalim 23/08/2018 2 comentários"], "Carlos Nadalim"),
        (["Headline", "Jane Roe", "Senior Political Correspondent"], "Jane Roe"),
    ],
)
def test_byline_patterns(lines: list[str], byline: str) -> None:
    assert metadata.find_byline([*lines, "Body paragraph."], len(lines), len(lines)) == byline


def test_language_is_english_only_for_english_prose() -> None:
    english = "The council said on Monday that it would review the plan after residents raised concerns about the cost of the work."
    portuguese = "A equipe do Serviço de Atendimento Domiciliar registrou nesta manhã o arrombamento de dois dos cinco automóveis da unidade."
    assert metadata.language_of(english) == "en"
    assert metadata.language_of(portuguese) is None


# --- outlet, URL dates, genre, wire, input id ---------------------------------------------

AP_STORY = (
    "BROOKSVILLE, Ala. (AP) — Authorities say a driver suspected of firing a gun at motorists "
    "on an Alabama highway and exchanging gunfire with officers has been killed.\n\n"
    "Alabama State Troopers say the ordeal began around 7 a.m. Tuesday in Blount County, where "
    "911 dispatchers got word that someone was opening fire on vehicles along the highway. "
    "Officers found the driver's car and a chase followed for several miles before it ended."
)


def _clean(raw: str, hints: dict[str, str] | None = None) -> Article:
    result = clean_text(RawDocument(source="page.txt", raw=raw, hints=hints or {}), CleanConfig())
    assert isinstance(result, Article)
    return result


def test_a_well_known_domain_gets_its_readable_name_and_an_unknown_one_its_domain() -> None:
    assert metadata.outlet_name("https://www.nytimes.com/2018/04/17/us/x.html") == (
        "The New York Times"
    )
    # a portal's sub-site keeps its own name, not the portal's domain
    assert metadata.outlet_name("https://abcnews.go.com/Politics/story?id=1") == "ABC News"
    assert metadata.outlet_name("https://www.valley-courier.example.com/a") == "example.com"
    assert metadata.outlet_name(None) is None


def test_text_input_with_a_url_names_its_outlet_and_without_one_names_none() -> None:
    with_url = _clean(AP_STORY, {"url": "https://www.theguardian.com/us-news/2019/may/7/x"})
    assert with_url.outlet == "The Guardian"
    assert _clean(AP_STORY).outlet is None


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://www.nytimes.com/2018/04/17/us/politics/trump.html", datetime(2018, 4, 17)),
        ("https://example.com/news/2019-11-05-storm-hits-coast", datetime(2019, 11, 5)),
        ("https://example.com/world/20180417/story.html", datetime(2018, 4, 17)),
        ("https://example.com/2018/04/monthly-archive", None),  # a month is not a day
        ("https://example.com/2018/13/45/not-a-date", None),
        ("https://example.com/story/9780141036144", None),  # an ISBN-like number
    ],
)
def test_the_url_path_date_is_read_only_when_it_names_a_day(url: str, day: datetime) -> None:
    assert metadata.url_date(url) == day


def test_the_url_date_dates_a_text_page_whose_text_gives_none() -> None:
    article = _clean(AP_STORY, {"url": "https://example.com/2019/05/07/alabama-chase"})
    assert article.published == datetime(2019, 5, 7)


@pytest.mark.parametrize(
    ("url", "genre"),
    [
        ("https://www.nytimes.com/2018/04/17/opinion/trump-iran.html", "opinion"),
        ("https://www.theguardian.com/commentisfree/2019/may/07/x", "opinion"),
        ("https://www.bbc.com/news/world-us-canada-123", "news"),
        ("https://variety.com/2019/film/reviews/a-film-review-1203/", "review"),
        ("https://example.com/news/analysis/what-the-vote-means", "analysis"),
        ("https://example.com/2019/05/07/story", None),
    ],
)
def test_genre_comes_from_the_section_in_the_url(url: str, genre: str | None) -> None:
    assert metadata.genre_of_url(url) == genre


@pytest.mark.parametrize(
    ("url", "section"),
    [
        ("https://www.nytimes.com/2018/04/17/us/politics/trump.html", "politics"),
        ("https://www.theguardian.com/us-news/2019/may/07/x", "us news"),
        ("https://www.cbssports.com/nfl/news/browns-player-suspended", "nfl"),
        ("https://www.rt.com/news/473849-morales-supporters-killed/", "news"),
        # a date, an id, a kind of page or the page's own slug is no section
        ("https://example.com/2019/05/07/story", None),
        ("https://www.reuters.com/article/us-usa-trade/x-idUSKCN1", None),
        ("https://example.com/politics-and-the-city-council-vote", None),
    ],
)
def test_the_section_is_the_first_url_folder_that_is_a_word(url: str, section: str | None) -> None:
    assert metadata.section_of_url(url) == section


def test_a_text_page_with_a_url_gets_its_section() -> None:
    article = _clean(AP_STORY, {"url": "https://example.com/world/2019/05/07/alabama-chase"})
    assert article.section == "world"


def test_a_kicker_line_above_the_headline_marks_an_opinion_piece() -> None:
    raw = "OPINION\n\nWhy the council should rethink its housing plan\n\n" + AP_STORY
    assert _clean(raw).genre == "opinion"


@pytest.mark.parametrize(
    ("text", "wire"),
    [
        (AP_STORY, "AP"),
        (
            "CAIRO (Reuters) - European Union foreign policy chief Catherine Ashton said on "
            "Tuesday she found that deposed Egyptian President Mohamed Mursi was well.",
            "Reuters",
        ),
        (
            "The state government on Monday announced relief for the flood-hit districts.\n"
            "(With inputs from PTI)",
            "PTI",
        ),
        (
            "Officials said the talks would resume next week.\n"
            "Reporting by Jeff Mason; Editing by Mary Milliken",
            "Reuters",
        ),
        # an agency photo credit is not wire copy
        ("Crowds gathered outside the court (AP Photo/Evan Vucci) on Monday.", None),
        ("The mayor said the plan was approved.", None),
    ],
)
def test_wire_copy_is_marked_from_its_dateline_or_credit(text: str, wire: str | None) -> None:
    assert metadata.find_wire(text, None, []) == wire


def test_an_agency_byline_marks_wire_copy() -> None:
    assert metadata.find_wire("The talks resumed.", "By AFP", []) == "AFP"


def test_the_jsonl_id_is_kept_as_input_id(tmp_path: Path) -> None:
    from storylens.config import IngestConfig
    from storylens.ingest.jsonl import read_jsonl

    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "doc-17", "text": AP_STORY}) + "\n", encoding="utf-8")
    (doc,) = list(read_jsonl(path, IngestConfig()))
    assert isinstance(doc, RawDocument)
    result = clean_text(doc, CleanConfig())
    assert isinstance(result, Article)
    assert result.input_id == "doc-17"
    assert result.wire == "AP"


def test_an_input_holding_a_lone_surrogate_still_gets_a_stable_id() -> None:
    from storylens.clean.metadata import article_id

    held = "Reporters saw \ud800 the vote."
    assert article_id(held) == article_id(held)
    assert len(article_id(held)) == 12
    assert article_id(held) != article_id("Reporters saw  the vote.")
