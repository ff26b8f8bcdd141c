"""Publication dates from what an article states about itself: metadata, URL path, dateline."""

from __future__ import annotations

from datetime import UTC, date, datetime

from storylens.dating import as_date, dateline_date, gap_seconds, publication_interval, url_date
from storylens.records import Article

# Openings of ECB+ dev articles (1_1ecbplus, 14_1ecbplus, 1_14ecbplus).
LOHAN = (
    "Lindsay Lohan Leaves Betty Ford, Checks Into Malibu Rehab\n\n"
    "First Published: June 13, 2013 4: 59 PM EDT\n\n"
    "Lindsay Lohan has left the Betty Ford Center and is moving to a rehab facility in Malibu."
)
WAITROSE = (
    "21 July 2013 Last updated at 11: 11 GMT\n\nWaitrose fire in Wellington town centre tackled"
)
PEOPLE = "Lindsay Lohan Checks Into Betty Ford Rehab\n\nUPDATED 05 / 03 / 2013 at 11: 00 AM EDT"
BODY_DATE = (
    "The actress checked into the Betty Ford Center in May as part of a plea deal stemming "
    "from her June 12, 2012 car accident case, a spokesperson for the court said on Monday."
)


def test_a_date_in_the_url_path_is_the_publication_day() -> None:
    reuters = "http://www.reuters.com/article/2011/11/10/us-southsudan-bombing-idUSTRE7A94OI"
    assert url_date(reuters) is not None
    assert as_date(url_date(reuters)) == date(2011, 11, 10)  # type: ignore[arg-type]
    usatoday = "http://usatoday30.usatoday.com/sports/nfl/2009-02-03-williams-arrested_N.htm"
    assert as_date(url_date(usatoday)) == date(2009, 2, 3)  # type: ignore[arg-type]


def test_a_year_and_month_in_the_url_cover_the_whole_month() -> None:
    interval = url_date("http://www.thehollywoodgossip.com/2013/05/lindsay-lohan-checks-into")
    assert interval is not None
    assert interval[1] - interval[0] > 30 * 86400


def test_a_date_in_the_url_query_or_an_id_is_not_a_publication_date() -> None:
    assert url_date("http://money.msn.com/article.aspx?feed=OBR&date=20140310&id=17397149") is None
    assert url_date("http://www.bbc.co.uk/news/world-africa-15678261") is None
    assert url_date(None) is None


def test_a_dateline_under_the_headline_gives_the_day() -> None:
    assert as_date(dateline_date(LOHAN)) == date(2013, 6, 13)  # type: ignore[arg-type]
    assert as_date(dateline_date(WAITROSE)) == date(2013, 7, 21)  # type: ignore[arg-type]


def test_a_numeric_dateline_that_could_be_day_or_month_first_covers_both_readings() -> None:
    interval = dateline_date(PEOPLE)
    assert interval is not None
    may_3 = datetime(2013, 5, 3, 12, tzinfo=UTC).timestamp()
    march_5 = datetime(2013, 3, 5, 12, tzinfo=UTC).timestamp()
    assert interval[0] <= march_5 and may_3 <= interval[1]


def test_a_date_mentioned_in_a_sentence_of_the_body_is_not_a_dateline() -> None:
    assert dateline_date(BODY_DATE) is None


def test_metadata_wins_over_url_and_undated_articles_have_no_gap() -> None:
    article = Article(
        id="a",
        source="test://a",
        text=LOHAN,
        url="http://example.com/2013/06/01/lohan",
        published=datetime(2013, 6, 13, 20, 59, tzinfo=UTC),
    )
    interval = publication_interval(article)
    assert interval == (article.published.timestamp(),) * 2  # type: ignore[union-attr]
    undated = Article(id="b", source="test://b", text=BODY_DATE)
    assert publication_interval(undated) is None
    assert gap_seconds(interval, None) != gap_seconds(interval, None)  # NaN
    june_14 = url_date("http://example.com/2013/06/14/lohan")
    assert gap_seconds(interval, june_14) == 0.0
    assert gap_seconds(interval, url_date("http://example.com/2013/06/20/x")) > 5 * 86400
