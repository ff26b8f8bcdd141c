"""Report renderers on a hand-built report of realistic coverage (three outlets, one wildfire).

The report is built here, not by the pipeline, so these tests pin the renderers alone: every
span is located in its article text by search, so the invariant holds by construction.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta, timezone
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

import pytest

from storylens.records import (
    Article,
    Citation,
    Claim,
    ClaimSource,
    Conflict,
    ConflictSpan,
    ConflictValue,
    Dropped,
    Quote,
    QuoteVariant,
    Report,
    Segment,
    Signal,
    SourceSignals,
    Story,
    SummarySentence,
)
from storylens.report import (
    render_html,
    render_json,
    render_markdown,
    report_schema,
    terminal_summary,
    write_reports,
)

CEST = timezone(timedelta(hours=2))

HERALD = (
    "Firefighters battled a wildfire north of Marseille on Tuesday that forced the evacuation "
    "of about 3,000 residents, officials said.\n\n"
    "The blaze broke out shortly after noon near the village of Les Pennes-Mirabeau and spread "
    "quickly on strong mistral winds, the regional fire service said.\n\n"
    "“The fire is not under control, and the wind will make tonight very difficult,” said "
    "prefect Christophe Mirmand at a press briefing in Vitrolles.\n\n"
    "More than 800 firefighters and six water-bombing aircraft were deployed. No injuries had "
    "been reported by Tuesday evening."
)
PROVENCE = (
    "About 2,500 people were evacuated on Tuesday as a wildfire driven by strong winds spread "
    "north of Marseille.\n\n"
    "The fire started near Les Pennes-Mirabeau around 1pm, according to the fire service.\n\n"
    "Prefect Christophe Mirmand told reporters the fire was “not under control” and warned "
    "that “the wind will make tonight difficult”.\n\n"
    "More than 800 firefighters were deployed, backed by water-bombing aircraft. Investigators "
    "are looking into whether the fire was started deliberately."
)
NEWSNOW = (
    "A huge wildfire near Marseille forced 3,000 residents from their homes on Tuesday.\n\n"
    "“The fire is not under control, and the wind will make tonight extremely difficult,” "
    "prefect Christophe Mirmand said.\n\n"
    "Some residents said they had only minutes to leave. Marseille airport briefly suspended "
    "flights, according to local media."
)
HOSTILE = (
    "Readers of this page saw <script>alert(1)</script> injected into the comments.\n\n"
    'An image tag <img src=x onerror=alert(1)> and a "quoted" & ampersand came next.\n\n'
    "# Not a heading\n1. not a list | not a table [not](javascript:alert(1)) *not bold*"
)


def at(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return (start, start + len(needle))


def article(aid: str, outlet: str, title: str, text: str, published: datetime) -> Article:
    return Article(
        id=aid,
        outlet=outlet,
        title=title,
        byline="Staff reporter",
        published=published,
        url=f"https://{outlet.lower().replace(' ', '')}.example/{aid}",
        source=f"inputs/{aid}.txt",
        language="en",
        words=len(text.split()),
        text=text,
        raw=text,
        segments=[Segment(text_start=0, raw_start=0, length=len(text))],
    )


Op = Literal["=", "+", "-"]


def tokens(op: Op, words: str) -> list[tuple[Op, str]]:
    return [(op, w) for w in words.split(" ")]


def cite(a: Article, needle: str) -> Citation:
    return Citation(article=a.id, span=at(a.text, needle), text=needle)


def build_report() -> Report:
    """Three outlets on one wildfire: agreement, a disputed number and time, a reworded quote."""
    h = article(
        "herald-1",
        "Coastal Herald",
        "Wildfire forces 3,000 from homes near Marseille",
        HERALD,
        datetime(2025, 7, 8, 14, 5, tzinfo=CEST),
    )
    p = article(
        "provence-7",
        "Provence Daily",
        "Thousands evacuated as mistral fans blaze",
        PROVENCE,
        datetime(2025, 7, 8, 15, 30, tzinfo=CEST),
    )
    n = article(
        "newsnow-3",
        "NewsNow",
        "HUGE fire near Marseille: residents flee",
        NEWSNOW,
        datetime(2025, 7, 8, 11, 50, tzinfo=UTC),
    )
    first_h = HERALD.split("\n")[0]
    first_p = PROVENCE.split("\n")[0]
    first_n = NEWSNOW.split("\n")[0]
    full_quote = "The fire is not under control, and the wind will make tonight very difficult"
    farm_quote = "The fire is not under control, and the wind will make tonight extremely difficult"
    short_quote = "the wind will make tonight difficult"
    same = tokens("=", "The fire is not under control, and the wind will make tonight")
    deployed_h = "More than 800 firefighters and six water-bombing aircraft were deployed."
    deployed_p = "More than 800 firefighters were deployed, backed by water-bombing aircraft."
    deliberate = "Investigators are looking into whether the fire was started deliberately."
    crossing = (
        "shortly after noon near the village of Les Pennes-Mirabeau"  # crosses a conflict span
    )
    airport = "Marseille airport briefly suspended flights, according to local media."
    story = Story(
        id="story-wildfire",
        title="Wildfire forces thousands from their homes north of Marseille",
        first_seen=n.published,
        last_seen=p.published,
        articles=[h, p, n],
        summary=[
            SummarySentence(
                text=first_h,
                section="lead",
                citations=[cite(h, first_h), cite(p, first_p), cite(n, first_n)],
            ),
            SummarySentence(
                text=deployed_h,
                section="lead",
                citations=[cite(h, deployed_h), cite(p, deployed_p)],
            ),
            SummarySentence(text=first_p, section="differ", citations=[cite(p, first_p)]),
            SummarySentence(text=deliberate, section="only", citations=[cite(p, deliberate)]),
        ],
        quotes=[
            Quote(
                id="q1",
                speaker="Christophe Mirmand",
                text=full_quote,
                variants=[
                    QuoteVariant(
                        article=h.id,
                        text=full_quote,
                        span=at(HERALD, full_quote),
                        raw_span=at(HERALD, full_quote),
                        said_where="at a press briefing in Vitrolles",
                        said_when="Tuesday",
                        diff=[*same, ("=", "very"), ("=", "difficult")],
                        fidelity=1.0,
                    ),
                    QuoteVariant(
                        article=p.id,
                        text=short_quote,
                        span=at(PROVENCE, short_quote),
                        raw_span=at(PROVENCE, short_quote),
                        speaker="Prefect Christophe Mirmand",
                        said_when="Tuesday",
                        diff=[
                            *tokens("-", "The fire is not under control, and"),
                            *tokens("=", "the wind will make tonight"),
                            ("-", "very"),
                            ("=", "difficult"),
                        ],
                        fidelity=0.46,
                    ),
                    QuoteVariant(
                        article=n.id,
                        text=farm_quote,
                        span=at(NEWSNOW, farm_quote),
                        raw_span=at(NEWSNOW, farm_quote),
                        diff=[*same, ("-", "very"), ("+", "extremely"), ("=", "difficult")],
                        fidelity=0.93,
                    ),
                ],
            )
        ],
        claims=[
            Claim(
                id="c1",
                text=deployed_h,
                status="corroborated",
                support=2,
                sources=[
                    ClaimSource(article=h.id, text=deployed_h, span=at(HERALD, deployed_h)),
                    ClaimSource(article=p.id, text=deployed_p, span=at(PROVENCE, deployed_p)),
                ],
            ),
            Claim(
                id="c2",
                text="The fire broke out shortly after noon near Les Pennes-Mirabeau",
                status="single_source",
                support=1,
                sources=[
                    ClaimSource(
                        article=h.id,
                        text=crossing,
                        span=at(HERALD, crossing),
                        attributed_to="the regional fire service",
                    )
                ],
            ),
            Claim(
                id="c3",
                text=airport,
                status="single_source",
                support=1,
                sources=[
                    ClaimSource(
                        article=n.id,
                        text=airport,
                        span=at(NEWSNOW, airport),
                        attributed_to="local media",
                    )
                ],
            ),
        ],
        conflicts=[
            Conflict(
                kind="number",
                about="people evacuated",
                values=[
                    ConflictValue(
                        value="3,000",
                        articles=[h.id, n.id],
                        spans=[
                            ConflictSpan(article=h.id, span=at(HERALD, "3,000"), text="3,000"),
                            ConflictSpan(article=n.id, span=at(NEWSNOW, "3,000"), text="3,000"),
                        ],
                    ),
                    ConflictValue(
                        value="2,500",
                        articles=[p.id],
                        spans=[
                            ConflictSpan(article=p.id, span=at(PROVENCE, "2,500"), text="2,500")
                        ],
                    ),
                ],
            ),
            Conflict(
                kind="time",
                about="when the fire broke out",
                values=[
                    ConflictValue(
                        value="shortly after noon",
                        articles=[h.id],
                        spans=[
                            ConflictSpan(
                                article=h.id,
                                span=at(HERALD, "The blaze broke out shortly after noon"),
                                text="The blaze broke out shortly after noon",
                            )
                        ],
                    ),
                    ConflictValue(
                        value="around 1pm",
                        articles=[p.id],
                        spans=[
                            ConflictSpan(
                                article=p.id, span=at(PROVENCE, "around 1pm"), text="around 1pm"
                            )
                        ],
                    ),
                ],
            ),
        ],
        sources=[
            SourceSignals(
                article=h.id,
                signals={
                    "quote_fidelity": Signal(
                        value=1.0, evidence=["1 of 1 quotes match the fullest wording"]
                    ),
                    "attribution_rate": Signal(
                        value=0.75, evidence=["officials said", "the regional fire service said"]
                    ),
                },
            ),
            SourceSignals(
                article=n.id,
                signals={
                    "headline_supported": Signal(
                        value=False, evidence=["“HUGE” has no support in the body text"]
                    ),
                    "corroborated_share": Signal(
                        value=0.5, evidence=["1 of 2 claims found elsewhere"]
                    ),
                },
            ),
        ],
    )
    return Report(
        stories=[story],
        dropped=[
            Dropped(
                source="inputs/cookie-wall.html", reason="empty: no article text after cleaning"
            )
        ],
    )


def hostile_report() -> Report:
    """One story whose article, title and URL try to inject markup, with spans on the attack."""
    base = build_report()
    story = base.stories[0]
    evil = article(
        "evil-1",
        "Evil <b>Outlet</b>",
        "<script>alert('title')</script>",
        HOSTILE,
        datetime(2025, 7, 8, 16, 0, tzinfo=CEST),
    ).model_copy(update={"url": "javascript:alert(1)"})
    script = "<script>alert(1)</script>"
    img = "An image tag <img src=x onerror=alert(1)> and"
    story = story.model_copy(
        update={
            "articles": [*story.articles, evil],
            "summary": [
                *story.summary,
                SummarySentence(
                    text=script,
                    section="only",
                    citations=[
                        Citation(article=evil.id, span=at(HOSTILE, script), text=script),
                        Citation(article=evil.id, span=at(HOSTILE, img), text=img),
                    ],
                ),
            ],
        }
    )
    return Report(stories=[story], dropped=base.dropped)


def invariant_items(story: Story) -> list[tuple[str, tuple[int, int], str]]:
    items = [(c.article, c.span, c.text) for s in story.summary for c in s.citations]
    items += [(v.article, v.span, v.text) for q in story.quotes for v in q.variants]
    items += [(s.article, s.span, s.text) for c in story.claims for s in c.sources]
    items += [
        (sp.article, sp.span, sp.text) for c in story.conflicts for v in c.values for sp in v.spans
    ]
    return items


@pytest.fixture(scope="module")
def report() -> Report:
    built = build_report()
    story = built.stories[0]
    for aid, span, text in invariant_items(story):
        assert story.article(aid).slice(span) == text
    return built


def md_unescape(text: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text.replace("<br>", "\n"))


# --- JSON ------------------------------------------------------------------------------------


def test_render_json_round_trips_to_the_same_report(report: Report) -> None:
    text = render_json(report)
    again = Report.model_validate_json(text)
    assert again.model_dump() == Report.model_validate_json(report.model_dump_json()).model_dump()
    assert again.stories[0].quotes[0].variants[1].diff[0] == ("-", "The")


def test_render_json_keeps_offsets_and_leaves_out_raw_text(report: Report) -> None:
    data = json.loads(render_json(report))
    first = data["stories"][0]["articles"][0]
    assert first["published"] == "2025-07-08T14:05:00+02:00"
    assert set(first) >= {"id", "outlet", "title", "byline", "published", "url", "source", "text"}
    assert not {"raw", "segments", "boilerplate_chars"} & set(first)
    assert data["version"] == 1


def test_report_schema_describes_the_serialized_report() -> None:
    schema = report_schema()
    assert set(schema["properties"]) == {"version", "stories", "dropped"}
    article_props = schema["$defs"]["Article"]["properties"]
    assert "text" in article_props and "raw" not in article_props


# --- Markdown --------------------------------------------------------------------------------

SECTIONS = [
    "## What happened",
    "## Where reports differ",
    "## Only reported by",
    "## Who said what",
    "## Claims",
    "## Sources",
    "## References",
    "## Articles",
    "## Dropped inputs",
]


def test_markdown_has_every_section_in_reading_order(report: Report) -> None:
    md = render_markdown(report)
    positions = [md.index(f"\n{s}\n") for s in SECTIONS]
    assert positions == sorted(positions)
    assert md.startswith("# Wildfire forces thousands from their homes north of Marseille\n")
    assert "**3 articles** from **Coastal Herald**, **Provence Daily**, **NewsNow**" in md
    assert "first seen 2025-07-08 11:50 +00:00 · last seen 2025-07-08 15:30 +02:00" in md
    assert "inputs/cookie-wall.html" in md and "no article text after cleaning" in md


def test_markdown_references_quote_exactly_the_cited_characters(report: Report) -> None:
    story = report.stories[0]
    md = render_markdown(report)
    refs = re.findall(
        r'^(\d+)\. <a id="(s1-ref-\d+)" name="[^"]+"></a>\*\*(.+?)\*\* · '
        r"\[chars (\d+)–(\d+)\]\(#(s1-cite-\d+)\): “(.*)”$",
        md,
        re.MULTILINE,
    )
    by_label = {a.outlet: a for a in story.articles}
    cited = {(a, s) for a, s, _ in invariant_items(story)}
    assert len(refs) == len(cited) == 16
    for number, ref_anchor, label, start, end, cite_anchor, quoted in refs:
        a = by_label[md_unescape(label)]
        assert md_unescape(quoted) == a.text[int(start) : int(end)]
        assert ref_anchor == f"s1-ref-{number}"
        assert md.count(f'<a id="{cite_anchor}"') == 1  # the marked passage in the appendix
    lead = md.split("## What happened")[1].split("##")[0]
    assert "[[1]](#s1-ref-1)[[2]](#s1-ref-2)[[3]](#s1-ref-3)" in lead
    differ = md.split("## Where reports differ")[1].split("## Only")[0]
    assert "[[2]](#s1-ref-2)" in differ  # the same passage cited again keeps its number
    assert "**2,500** — Provence Daily [[" in differ


def test_markdown_shows_quote_diffs_and_claim_matrix(report: Report) -> None:
    md = render_markdown(report)
    quotes = md.split("## Who said what")[1].split("## Claims")[0]
    assert "### Christophe Mirmand" in quotes
    assert "~~very~~" in quotes and "**extremely**" in quotes
    assert "where: at a press briefing in Vitrolles" in quotes and "fidelity 0.46" in quotes
    claims = md.split("## Claims")[1].split("## Sources")[0]
    assert "| Claim | Coastal Herald | Provence Daily | NewsNow | Status |" in claims
    row = next(line for line in claims.splitlines() if line.startswith("| More than 800"))
    assert row.count("[✓](#s1-cite-") == 2 and "corroborated (2)" in row
    sources = md.split("## Sources")[1].split("## References")[0]
    assert "| headline supported | no | “HUGE” has no support in the body text |" in sources


def test_markdown_neutralises_markup_in_article_text() -> None:
    md = render_markdown(hostile_report())
    unescaped = re.findall(r"(?<!\\)<(script|img|b>Outlet)", md)
    assert unescaped == []
    assert "\\<script\\>alert(1)\\</script\\>" in md
    appendix = md.split("## Articles")[1]
    assert "\n# Not a heading" not in appendix and "\\# Not a heading" in appendix
    assert re.search(r"(?<!\\)\]\(<?javascript:", md) is None


# --- HTML ------------------------------------------------------------------------------------


class MarkCollector(HTMLParser):
    """Text under each ``data-cite`` (nested marks count for every open one), tags balanced."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str | None] = []
        self.covered: dict[str, str] = {}
        self.ids: list[str] = []
        self.scripts = 0
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if tag == "script":
            self.scripts += 1
        if tag == "mark":
            self.open.append(a.get("data-cite"))
        elif tag == "article":
            self.open.append(None)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("mark", "article"):
            assert self.open, f"unbalanced </{tag}>"
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for key in {k for k in self.open if k}:
            self.covered[key] = self.covered.get(key, "") + data


def parse(html: str) -> MarkCollector:
    parser = MarkCollector()
    parser.feed(html)
    parser.close()
    assert parser.open == []
    return parser


def test_html_marks_each_cited_span_with_exactly_its_characters(report: Report) -> None:
    story = report.stories[0]
    html = render_html(report)
    parsed = parse(html)
    expected = {(a, s): story.article(a).slice(s) for a, s, _ in invariant_items(story)}
    assert len(parsed.covered) == len(expected) == 16
    assert sorted(parsed.covered.values()) == sorted(expected.values())
    assert len(parsed.ids) == len(set(parsed.ids))
    for n in range(1, 17):
        assert f'id="s1-cite-{n}"' in html and f'href="#s1-cite-{n}"' in html


def test_html_citations_are_numbered_links_that_show_the_cited_text(report: Report) -> None:
    html = render_html(report)
    lead = html.split('id="s1-lead"')[1].split("</section>")[0]
    sups = re.findall(
        r'<sup class="cite"><a href="#(s1-cite-\d+)" title="([^"]*)">(\d+)</a></sup>', lead
    )
    assert [n for _, _, n in sups] == ["1", "2", "3", "4", "5"]
    assert sups[0][1].startswith("[1] Coastal Herald: “Firefighters battled a wildfire")
    assert "<del>very</del>" in html and "<ins>extremely</ins>" in html


def test_html_escapes_a_hostile_article() -> None:
    report = hostile_report()
    html = render_html(report)
    parsed = parse(html)
    assert parsed.scripts == 0 and "img" not in parsed.tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    story = report.stories[0]
    assert "<script>alert(1)</script>" in parsed.covered.values()
    assert any(text.startswith("An image tag <img src=x") for text in parsed.covered.values())
    assert len(parsed.covered) == len({(a, s) for a, s, _ in invariant_items(story)})


# --- files and terminal -----------------------------------------------------------------------


def test_write_reports_writes_each_requested_format(report: Report, tmp_path: Path) -> None:
    written = write_reports(report, tmp_path / "out", ["json", "md", "html"])
    assert written == {
        "json": tmp_path / "out" / "report.json",
        "md": tmp_path / "out" / "report.md",
        "html": tmp_path / "out" / "report.html",
    }
    assert Report.model_validate_json(written["json"].read_text(encoding="utf-8")).stories
    assert written["md"].read_text(encoding="utf-8").startswith("# Wildfire")
    assert "<mark" in written["html"].read_text(encoding="utf-8")
    assert write_reports(report, tmp_path / "md-only", ["md"]) == {
        "md": tmp_path / "md-only" / "report.md"
    }
    with pytest.raises(ValueError, match="pdf"):
        write_reports(report, tmp_path / "bad", ["md", "pdf"])
    assert not (tmp_path / "bad").exists()


def test_terminal_summary_names_outlets_counts_and_dropped_inputs(report: Report) -> None:
    text = terminal_summary(report)
    assert "Story 1: Wildfire forces thousands from their homes north of Marseille" in text
    assert "3 articles from Coastal Herald, Provence Daily, NewsNow" in text
    assert "• Firefighters battled a wildfire north of Marseille on Tuesday" in text
    assert "1 quote · 3 claims (1 corroborated, 0 disputed) · 2 conflicts" in text
    assert "inputs/cookie-wall.html: empty: no article text after cleaning" in text


def test_renderers_accept_an_empty_report() -> None:
    empty = Report()
    assert "No stories" in render_markdown(empty)
    assert "No stories" in render_html(empty)
    assert terminal_summary(empty) == "No stories."
    assert Report.model_validate_json(render_json(empty)) == empty


def test_single_source_claims_are_folded_below_the_shared_ones(report: Report) -> None:
    md = render_markdown(report)
    claims = md.split("## Claims")[1].split("## Sources")[0]
    folded = claims.split("<details>")[1]
    assert "<summary>2 claims reported by one outlet only</summary>" in folded
    assert "More than 800" not in folded and "Marseille airport" in folded
    html = render_html(report)
    assert "2 claims reported by one outlet only</summary>" in html


def test_long_unchanged_stretches_of_a_quote_diff_are_shortened() -> None:
    from storylens.report._shared import diff_runs

    diff: list[tuple[Op, str]] = [
        ("=", "As you know, Vladimir called me up, he said can I help you with Iran"),
        ("-", "And I hope we're going to be getting a deal done"),
    ]
    runs = [(r.op, r.text) for r in diff_runs(diff, keep=3)]
    assert runs == [("…", "…"), ("=", "you with Iran"), ("-", diff[1][1])]
    assert [(r.op, r.text) for r in diff_runs(diff)] == [(op, t) for op, t in diff]


def test_quote_variant_names_a_different_speaker_but_not_a_shorter_form(report: Report) -> None:
    story = report.stories[0]
    quote = story.quotes[0]
    variants = [
        quote.variants[0].model_copy(update={"speaker": "Mirmand"}),
        quote.variants[1].model_copy(update={"speaker": "a fire service spokesman"}),
    ]
    changed = story.model_copy(update={"quotes": [quote.model_copy(update={"variants": variants})]})
    md = render_markdown(Report(stories=[changed]))
    assert "names the speaker as a fire service spokesman" in md
    assert "names the speaker as Mirmand" not in md


def test_a_single_source_lead_sentence_says_which_outlet_alone_reports_it(
    sample_report: Report,
) -> None:
    story = sample_report.stories[0]
    labels = {a.id: a.outlet or a.byline or a.id for a in story.articles}
    md = render_markdown(sample_report)
    page = render_html(sample_report)
    terminal = terminal_summary(sample_report, max_sentences=10)
    lead = [s for s in story.summary if s.section == "lead"]
    assert {len({c.article for c in s.citations}) > 1 for s in lead} == {True, False}
    for s in lead:
        line = next(line for line in md.splitlines() if line.startswith(f"- {s.text[:40]}"))
        sources = {labels[c.article] for c in s.citations}
        if len(sources) == 1:
            (only,) = sources
            assert f" — _only {only}_ " in line
            assert f"— only {only}</span>" in page
            assert f"{s.text} (only {only})" in terminal
        else:
            assert "_only " not in line
            assert f"{s.text}\n" in terminal


def test_html_matrix_shows_each_outlets_own_sentence_and_how_support_was_counted(
    report: Report,
) -> None:
    story = report.stories[0]
    shared = next(c for c in story.claims if c.support >= 2)
    counted = shared.model_copy(update={"independence": "2 outlets, 1 wire copy"})
    story = story.model_copy(update={"claims": [counted, *story.claims[1:]]})
    html = render_html(report.model_copy(update={"stories": [story]}))
    matrix = html.split('id="s1-claims"')[1].split("</section>")[0]
    cells = re.findall(r'<td class="said"><div class="src">(.*?) <a href="#s1-cite-\d+"', matrix)
    assert cells == [escape(s.text, quote=False) for s in shared.sources]
    assert "2 outlets, 1 wire copy" in matrix


def test_each_article_shows_the_lines_the_cleaner_removed_folded() -> None:
    from storylens.clean.text import clean_text
    from storylens.config import CleanConfig
    from storylens.records import RawDocument, Story

    path = next((Path(__file__).resolve().parents[1] / "examples").glob("*/000_*.txt"))
    cleaned = clean_text(
        RawDocument(source=str(path), raw=path.read_text(encoding="utf-8")), CleanConfig()
    )
    assert isinstance(cleaned, Article)
    assert any(r.text == "QUICK LINKS" for r in cleaned.removed)
    story = Story(id="s-1", title="Trump and Putin", articles=[cleaned])
    one = Report(stories=[story])
    md = render_markdown(one)
    folded = md.split("removed by the cleaner", 1)[1].split("</details>", 1)[0]
    assert "QUICK LINKS" in folded and "US President Donald Trump" not in folded
    html = render_html(one)
    assert '<details class="removed">' in html and "QUICK LINKS" in html
    data = json.loads(render_json(one))
    removed = data["stories"][0]["articles"][0]["removed"]
    assert {"raw_span", "text"} <= set(removed[0])
