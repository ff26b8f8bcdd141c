"""The flattened-text cleaner: body found, page furniture gone, every kept char traceable to raw."""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter
from pathlib import Path

import pytest

from storylens.clean.text import clean_text, line_spans
from storylens.config import CleanConfig
from storylens.records import Article, Dropped, RawDocument

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "examples" / "coverage-trump-putin-iran"
ZYTE = ROOT.parent / "shared" / "data" / "extraction" / "zyte-dev"

BOILERPLATE = [
    "Trending:",
    "Advertisement",
    "Representational Image",
    "Getty Images",
    "via Getty Images",
    "STORY CONTINUES BELOW THIS AD",
    "QUICK LINKS",
    "Home Video Shorts Live TV",
    "2 min read",
    "Read more",
    "News Feed",
    "Show More",
    "Article image",
    "Avatar",
    "is a News Editor at",
    "is a talented content writer",
    "Leave a reply",
    "Your email address will not be published",
    "Categories:",
    "Written by:",
    "All posts by the author",
]
# (file prefix, first body paragraph, last body paragraph)
BODY_EDGES = [
    ("000_", "US President Donald Trump has claimed", "The US bombardments sealed off entrances"),
    (
        "001_",
        "U.S. President Donald Trump said on June 24",
        "Following several days of escalating conflict, Trump announced a ceasefire",
    ),
    ("004_", "In a revealing exchange", "The ultimate test of this approach"),
]


def _clean(raw: str, source: str = "page.txt") -> Article:
    result = clean_text(RawDocument(source=source, raw=raw), CleanConfig())
    assert isinstance(result, Article), result
    return result


@pytest.fixture(scope="module")
def cleaned_samples() -> dict[str, Article]:
    return {
        p.name: _clean(p.read_text(encoding="utf-8"), str(p)) for p in sorted(SAMPLES.glob("*.txt"))
    }


def _article(cleaned: dict[str, Article], prefix: str) -> Article:
    return next(a for name, a in cleaned.items() if name.startswith(prefix))


def test_no_listed_boilerplate_survives_in_any_sample(cleaned_samples: dict[str, Article]) -> None:
    for name, article in cleaned_samples.items():
        for phrase in BOILERPLATE:
            assert phrase.casefold() not in article.text.casefold(), f"{phrase!r} left in {name}"


@pytest.mark.parametrize(("prefix", "first", "last"), BODY_EDGES)
def test_first_and_last_paragraph_of_each_sample_body_survive(
    cleaned_samples: dict[str, Article], prefix: str, first: str, last: str
) -> None:
    paragraphs = _article(cleaned_samples, prefix).text.split("\n\n")
    assert paragraphs[0].startswith(first)
    assert paragraphs[-1].startswith(last)


def test_teasers_after_the_author_bio_are_not_article_text(
    cleaned_samples: dict[str, Article],
) -> None:
    text = _article(cleaned_samples, "001_").text
    for teaser in (
        "Dead and wounded everywhere",
        "Russia launched a deadly missile attack on the Ukrainian city of Dnipro",
        "The stolen data includes",
        "remarks come after the Financial Times",
    ):
        assert teaser not in text


def test_photo_caption_with_agency_credit_is_dropped(cleaned_samples: dict[str, Article]) -> None:
    assert "Annabelle Gordon" not in _article(cleaned_samples, "001_").text


def test_headline_is_not_repeated_as_body(cleaned_samples: dict[str, Article]) -> None:
    for article in cleaned_samples.values():
        assert article.title
        assert article.title not in article.text.split("\n\n")


def test_every_kept_char_maps_back_to_raw(cleaned_samples: dict[str, Article]) -> None:
    for article in cleaned_samples.values():
        covered = 0
        for seg in article.segments:
            shown = article.text[seg.text_start : seg.text_start + seg.length]
            assert shown == article.raw[seg.raw_start : seg.raw_start + seg.length]
            covered += seg.length
        assert covered + 2 * (len(article.segments) - 1) == len(article.text)


def test_boilerplate_chars_count_the_visible_raw_chars_not_kept(
    cleaned_samples: dict[str, Article],
) -> None:
    for article in cleaned_samples.values():
        visible = len(re.sub(r"\s", "", article.raw))
        assert article.boilerplate_chars == visible - len(re.sub(r"\s", "", article.text))
        assert 0 < article.boilerplate_chars < visible


UNSEEN_PAGE = """Skip to content
Menu
World
Business
Politics
Sport

Storm floods coastal towns as river bursts its banks

By Maria Lopez and Tom Reid
Published 3:15 p.m. EDT March 4, 2024

Residents wade through flooded streets in Harbor Point on Monday. (AP Photo/John Smith)

Emergency crews evacuated hundreds of residents from low-lying neighbourhoods on Monday after the river burst its banks, officials said.

The county sheriff said water had reached the first floor of several homes and that two people were treated for hypothermia after being rescued from a car.

"We have never seen the water rise this fast," said Ellen Park, who has lived in the town for thirty years. "By noon the road was gone."

Share this article

Forecasters expect the rain to ease by Wednesday, but warned that the river would stay high for several days as water drains from the hills upstream.

Related Articles
Council approves budget for new sea wall
The plan was approved after a heated debate that lasted late into the night.
Local school wins national science prize
Students built a robot that sorts recycling.

Maria Lopez is a staff reporter at the Coastal Herald covering climate and the environment.

Leave a comment
Your email address will not be published. Required fields are marked *

© 2024 Coastal Herald. All rights reserved.
"""


def test_cleaner_generalises_to_a_page_it_was_not_written_for() -> None:
    article = _clean(UNSEEN_PAGE)
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("Emergency crews evacuated")
    assert paragraphs[-1].startswith("Forecasters expect the rain")
    for furniture in (
        "Menu",
        "AP Photo",
        "Share this",
        "Related Articles",
        "sea wall",
        "robot",
        "staff reporter",
        "Leave a comment",
        "©",
    ):
        assert furniture not in article.text
    assert article.title == "Storm floods coastal towns as river bursts its banks"
    assert article.byline == "Maria Lopez and Tom Reid"


def test_lone_paragraph_among_menus_is_still_found() -> None:
    menu = "\n".join(f"+ Section {i}" for i in range(60))
    body = (
        "The city council voted on Tuesday to extend the night bus service to the northern "
        "suburbs, a change residents had requested for years, and the first routes start in May."
    )
    article = clean_text(
        RawDocument(source="p", raw=f"{menu}\n\n{body}\n\nFacebook Twitter\n\nBack\n"),
        CleanConfig(min_words=10),
    )
    assert isinstance(article, Article)
    assert article.text == body


def test_page_of_only_menus_is_dropped_with_a_reason() -> None:
    raw = "\n".join(["Home", "News", "Sport", "Weather", "Contact us", "Privacy Policy"] * 5)
    result = clean_text(RawDocument(source="menu.txt", raw=raw), CleanConfig())
    assert isinstance(result, Dropped)
    assert "too little text" in result.reason


def _shingles(text: str) -> Counter[str]:
    tokens = re.findall(r"\w+", text)
    return Counter(" ".join(tokens[i : i + 4]) for i in range(max(1, len(tokens) - 3)))


@pytest.mark.skipif(not ZYTE.exists(), reason="zyte-dev benchmark data not present")
def test_zyte_dev_extraction_f1_stays_above_its_floor() -> None:
    """Evaluation gate (as trafilatura keeps): 0.915 measured on this third of zyte-dev (0.918 on
    all of it; keeping the whole text scores 0.686)."""
    gold = json.loads((ZYTE / "ground-truth.json").read_text(encoding="utf-8"))
    precisions, recalls = [], []
    for path in sorted((ZYTE / "text").glob("*.txt"))[::3]:  # a fast third of the split
        result = clean_text(
            RawDocument(source=path.name, raw=path.read_text(encoding="utf-8")),
            CleanConfig(min_words=0),
        )
        pred = result.text if isinstance(result, Article) else ""
        g, p = _shingles(gold[path.stem]["articleBody"]), _shingles(pred)
        tp = sum((g & p).values())
        precisions.append(tp / max(1, sum(p.values())) if pred else 0.0)
        recalls.append(tp / max(1, sum(g.values())))
    prec, rec = statistics.mean(precisions), statistics.mean(recalls)
    assert 2 * prec * rec / (prec + rec) >= 0.90


def test_line_spans_skip_blank_lines_and_strip_edges() -> None:
    raw = "  Title  \n\n\tBody line.\r\n"
    assert [raw[s:e] for s, e in line_spans(raw)] == ["Title", "Body line."]


def test_removed_lines_are_spans_of_raw_and_with_the_text_account_for_the_page(
    cleaned_samples: dict[str, Article],
) -> None:
    for article in cleaned_samples.values():
        assert article.removed, "a copied page always has furniture to remove"
        for r in article.removed:
            assert article.raw[r.raw_span[0] : r.raw_span[1]] == r.text
        kept = sum(len(piece) for piece in article.text.split())
        removed = sum(len(piece) for r in article.removed for piece in r.text.split())
        assert kept + removed == sum(len(piece) for piece in article.raw.split())


def test_a_headline_glued_to_a_wire_dateline_is_split_off() -> None:
    raw = (
        "Menu\n\nEU's Ashton meets Mursi, says he is well CAIRO (Reuters) - European Union "
        "foreign policy chief Catherine Ashton said on Tuesday she found that deposed Egyptian "
        "President Mohamed Mursi was well and had access to television and newspapers when she "
        "visited him.\n\nAshton was speaking to journalists after meeting Mursi at an undisclosed "
        "location, the first outsider known to have seen him since the army deposed him on July "
        "3, and said they had a friendly, open and very frank discussion.\n"
    )
    result = clean_text(RawDocument(source="page.txt", raw=raw), CleanConfig(min_words=10))
    assert isinstance(result, Article)
    assert result.text.startswith("CAIRO (Reuters) - European Union")
    assert result.title == "EU's Ashton meets Mursi, says he is well"
    assert result.wire == "Reuters"
    assert any(r.text == "EU's Ashton meets Mursi, says he is well" for r in result.removed)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (
            "Starting in 1996, Alexa Internet has been donating their crawl data to the Internet "
            "Archive. Flowing in every day, these data are added to the Wayback Machine after an "
            "embargo period.",
            "not an article: archive placeholder",
        ),
        (
            "Tweet with a location\n\nYou can add location information to your Tweets, such as "
            "your city or precise location, from the web and via third-party applications. You "
            "always have the option to delete your Tweet location history. Learn more",
            "not an article: tweet embed",
        ),
    ],
)
def test_a_page_that_is_not_an_article_is_dropped_with_its_kind(raw: str, reason: str) -> None:
    result = clean_text(RawDocument(source="page.txt", raw=raw), CleanConfig(min_words=0))
    assert isinstance(result, Dropped)
    assert result.reason == reason


def test_an_article_that_mentions_the_archive_is_kept() -> None:
    raw = (
        "The Internet Archive said on Monday that its Wayback Machine had captured more than "
        "800 billion web pages since it began crawling the web in 1996, and that a court ruling "
        "on its lending library would not affect the archive of web pages. The nonprofit, based "
        "in San Francisco, said donations had risen after the ruling. Its founder, Brewster "
        "Kahle, told reporters that libraries had always lent the books they owned and that the "
        "decision would be appealed. Publishers who brought the case said they welcomed the "
        "judgment and would continue to license e-books to libraries on the terms they had "
        "offered for years, a spokesman for the Association of American Publishers said.\n"
    )
    assert isinstance(clean_text(RawDocument(source="a.txt", raw=raw), CleanConfig()), Article)


def test_a_question_shaped_subheading_does_not_cut_the_body() -> None:
    sample = next(SAMPLES.glob("000_*.txt")).read_text(encoding="utf-8")
    paragraphs = [
        line for line in sample.splitlines() if len(line.split()) > 25 and line[-1] == "."
    ]
    half = len(paragraphs) // 2
    raw = "\n\n".join(
        [
            "Menu",
            "World",
            "Trump says he rejected Putin's offer to help with Iran",
            *paragraphs[:half],
            "What did Putin offer?",
            *paragraphs[half:],
            "Share this article",
            "Related Articles",
        ]
    )
    article = clean_text(RawDocument(source="page.txt", raw=raw), CleanConfig())
    assert isinstance(article, Article)
    assert "What did Putin offer?" in article.text
    assert paragraphs[-1] in article.text and paragraphs[0] in article.text


def test_a_caption_block_between_two_parts_of_the_body_does_not_lose_either_part() -> None:
    sample = next(SAMPLES.glob("000_*.txt")).read_text(encoding="utf-8")
    paragraphs = [
        line for line in sample.splitlines() if len(line.split()) > 25 and line[-1] == "."
    ]
    half = len(paragraphs) // 2
    # a gallery between the two halves: a dozen lines that are not prose, each left out
    gallery = [f"Slide {i} of 12 | Helsinki summit 2018 | Next" for i in range(1, 13)]
    raw = "\n\n".join(
        ["Menu", "World", *paragraphs[:half], *gallery, *paragraphs[half:], "Related Articles"]
    )
    article = _clean(raw)
    assert paragraphs[0] in article.text and paragraphs[-1] in article.text
    assert "Slide 3 of 12" not in article.text
