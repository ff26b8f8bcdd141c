"""Hostile inputs (tests/hostile.py): every one ends as an article or a reason, none ends the run."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from hostile import KINDS, PROSE, TOPICS, write_corpus
from storylens.clean import clean_document
from storylens.clean.metadata import sane_datetime
from storylens.config import CleanConfig, Config, IngestConfig
from storylens.ingest import read_inputs, safe_source
from storylens.nlp import Models
from storylens.pipeline import analyse_story_safely, analyze, read_articles
from storylens.records import Article, Dropped, RawDocument
from storylens.report import render_json

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _records(path: Path, config: IngestConfig | None = None) -> list[RawDocument | Dropped]:
    return list(read_inputs([path], config or IngestConfig()))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:  # type: ignore[type-arg]
    folder = tmp_path_factory.mktemp("hostile")
    return folder, write_corpus(folder, len(KINDS))


def test_every_hostile_input_ends_as_an_article_or_a_dropped_entry(corpus: tuple) -> None:  # type: ignore[type-arg]
    folder, cases = corpus
    articles, dropped = read_articles([folder], Config())
    for case in cases:
        if case.kind == "url-list-private":
            urls = case.path.read_text().split()
            reasons = {d.source: d.reason for d in dropped}
            assert all(reasons[u].startswith("refused:") for u in urls), reasons
            continue
        source = safe_source(str(case.path))
        got = [a for a in articles if a.source.split("#")[0] == source]
        lost = [d for d in dropped if d.source.split("#")[0] == source]
        assert got or lost, f"{case.kind}: {source} vanished without a word"
        if case.expect == "article":
            assert got, f"{case.kind}: needlessly dropped: {[d.reason for d in lost]}"
        if case.expect == "dropped":
            assert lost and not got, case.kind


def test_hostile_inputs_beside_the_samples_leave_the_samples_story_whole(
    corpus: tuple,  # type: ignore[type-arg]
    models: Models,
) -> None:
    folder, _cases = corpus
    report = analyze([folder, EXAMPLES], models=models)
    data = json.loads(render_json(report))  # every name and value can be written
    samples = [
        s
        for s in data["stories"]
        if any("coverage-trump-putin-iran" in a["source"] for a in s["articles"])
    ]
    assert len(samples) == 1 and samples[0]["quotes"] and samples[0]["claims"]
    assert samples[0]["summary"]
    assert all("examples" in a["source"] for a in samples[0]["articles"])
    assert any("\\xe9" in a["source"] for s in data["stories"] for a in s["articles"])
    assert not [d for d in report.dropped if d.source.startswith("story ")]


def test_deeply_nested_json_line_costs_only_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"text": PROSE})
    path.write_text('{"text": ' + "[" * 50_000 + "]" * 50_000 + "}\n" + good + "\n")
    records = _records(path)
    assert isinstance(records[0], Dropped) and "nested deeper" in records[0].reason
    assert isinstance(records[1], RawDocument) and records[1].source.endswith("#2")


def test_gzipped_line_that_inflates_past_the_limit_is_dropped_while_reading(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bomb.jsonl.gz"
    bomb = b'{"text": "' + b"a " * 2_000_000 + b'"}\n'
    path.write_bytes(gzip.compress(bomb + json.dumps({"text": PROSE}).encode() + b"\n"))
    records = _records(path, IngestConfig(max_bytes=100_000))
    assert isinstance(records[0], Dropped) and "line too large" in records[0].reason
    assert isinstance(records[1], RawDocument)


def test_sidecar_name_longer_than_the_system_allows_does_not_stop_the_page(
    tmp_path: Path,
) -> None:
    path = tmp_path / ("x" * 250 + ".txt")
    path.write_text(PROSE)
    [record] = _records(path)
    assert isinstance(record, RawDocument)


def test_lone_surrogates_from_json_escapes_are_replaced_and_noted(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "' + PROSE + ' \\ud800", "outlet": "Daily \\udfff"}\n')
    [record] = _records(path)
    assert isinstance(record, RawDocument)
    record.raw.encode("utf-8")
    assert record.hints["outlet"] == "Daily \ufffd"
    article = clean_document(record, CleanConfig())
    assert isinstance(article, Article) and "lone surrogate" in article.notes[0]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_text_with_a_byte_order_mark_is_read(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "page.txt"
    bom = {"utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}.get(codec, b"")
    path.write_bytes(bom + PROSE.encode(codec))
    [record] = _records(path)
    assert isinstance(record, RawDocument) and record.raw == PROSE


def test_shift_jis_japanese_is_decoded_and_counted_in_words(tmp_path: Path) -> None:
    text = "東京の株式市場では、日経平均株価が前日比で大きく値上がりしました。" * 6
    path = tmp_path / "nikkei.txt"
    path.write_bytes(text.encode("shift_jis"))
    articles, dropped = read_articles([path], Config())
    assert not dropped and articles[0].text == text and articles[0].words >= 40


def test_a_few_bad_bytes_in_utf8_are_replaced_and_counted_not_the_file_lost(
    tmp_path: Path,
) -> None:
    path = tmp_path / "page.txt"
    text = PROSE + " The café’s “owner” said — naïvely — it was fine."
    data = text.encode()
    path.write_bytes(data[:200] + b"\xff" + data[200:])
    articles, _dropped = read_articles([path], Config())
    assert "café’s “owner”" in articles[0].text
    assert articles[0].notes == ["1 undecodable characters replaced by U+FFFD"]


@pytest.mark.parametrize("codec", ["punycode", "utf-7", "rot13", "x-no-such-codec"])
def test_meta_charset_naming_an_unusable_codec_is_ignored(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "page.html"
    body = "".join(f"<p>{s}.</p>" for s in PROSE.split(". ") if s)
    path.write_text(f"<html><head><meta charset='{codec}'></head><body>{body}</body></html>")
    articles, dropped = read_articles([path], Config())
    assert not dropped and "public library" in articles[0].text


def test_warc_header_followed_by_garbage_is_listed_as_dropped(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc"
    path.write_bytes(b"WARC/1.0\r\n" + PROSE.encode())
    records = _records(path)
    assert records and all(isinstance(r, Dropped) for r in records)


def test_hidden_files_are_read_and_what_is_skipped_is_listed(tmp_path: Path) -> None:
    (tmp_path / ".draft.txt").write_text(PROSE)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[core]\n")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    records = _records(tmp_path)
    kept = [r.source for r in records if isinstance(r, RawDocument)]
    skipped = {Path(r.source).name: r.reason for r in records if isinstance(r, Dropped)}
    assert kept == [str(tmp_path / ".draft.txt")]
    assert set(skipped) == {".git", ".DS_Store"}


@pytest.mark.parametrize(
    "published", ["0001-01-01T00:00:00", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00"]
)
def test_placeholder_dates_in_year_1_or_9999_are_not_used(tmp_path: Path, published: str) -> None:
    page = tmp_path / "a.txt"
    page.write_text(PROSE)
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": published}))
    articles, dropped = read_articles([page], Config())
    assert not dropped and articles[0].published is None


def test_sidecar_offset_beyond_14_hours_keeps_the_article_and_its_wall_time(
    tmp_path: Path,
) -> None:
    page = tmp_path / "a.txt"
    page.write_text(PROSE)
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "2025-06-24T10:00:00+99:00"}))
    articles, dropped = read_articles([page], Config())
    assert not dropped
    assert articles[0].published is not None and articles[0].published.hour == 10
    assert sane_datetime(articles[0].published) == articles[0].published


def test_article_past_the_length_limit_is_cut_at_a_sentence_and_says_so() -> None:
    raw = TOPICS[1] * 40
    doc = RawDocument(source="long.txt", raw=raw)
    article = clean_document(doc, CleanConfig(max_chars=2_000))
    assert isinstance(article, Article)
    assert len(article.text) <= 2_000 and article.text.endswith(".")
    assert "cut to its first" in article.notes[0]
    for seg in article.segments:  # the map back to raw still holds for what is left
        piece = article.text[seg.text_start : seg.text_start + seg.length]
        assert raw[seg.raw_start : seg.raw_start + seg.length] == piece


def test_an_article_past_the_parser_limit_is_parsed_up_to_it(models: Models) -> None:
    nlp = models.spacy
    limit = nlp.max_length
    nlp.max_length = 2_000
    try:
        article = Article(id="long", source="x", text=TOPICS[2] * 20)
        doc = models.doc(article)
        assert 0 < len(doc.text) < 2_000 and article.text.startswith(doc.text)
    finally:
        nlp.max_length = limit


def test_a_story_past_its_time_budget_is_kept_unanalysed_and_listed(models: Models) -> None:
    config = Config(story_budget_s=0.01, story_budget_per_article_s=0.0)
    report = analyze([EXAMPLES], config, models=models)
    assert report.stories and not report.stories[0].quotes
    [entry] = report.dropped
    assert entry.source.startswith("story ") and "longer than 0.01 s of CPU time" in entry.reason
    story, failure = analyse_story_safely(report.stories[0], models, Config())
    assert failure is None and story.quotes  # the same story, with time, is analysed


def test_file_names_that_are_not_utf8_are_kept_as_escaped_strings(tmp_path: Path) -> None:
    raw = os.fsencode(str(tmp_path)) + b"/caf\xe9.txt"
    with open(raw, "wb") as fh:
        fh.write(PROSE.encode())
    [record] = _records(tmp_path)
    assert record.source == str(tmp_path / "caf\\xe9.txt")
