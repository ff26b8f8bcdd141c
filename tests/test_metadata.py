"""Metadata of flattened pages: headline, byline, publication time with its zone, outlet, language."""

from __future__ import annotations

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
