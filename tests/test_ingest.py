from __future__ import annotations

import os
from pathlib import Path

from storylens.config import IngestConfig
from storylens.ingest import read_inputs
from storylens.records import Dropped, RawDocument

CP1252_TEXT = (
    "Café owners in Zürich said the “new rules” cost them €2,000 a month — a figure the "
    "city disputes. “We’re not closing,” said one owner. The council will vote next week."
)


def read_one(path: Path, config: IngestConfig | None = None) -> RawDocument | Dropped:
    items = list(read_inputs([path], config))
    assert len(items) == 1
    return items[0]


def test_directory_means_every_file_under_it_in_sorted_order(sample_files: list[Path]) -> None:
    items = list(read_inputs([sample_files[0].parent.parent]))
    assert [i.source for i in items] == [str(p) for p in sample_files]
    assert all(isinstance(i, RawDocument) for i in items)


def test_utf8_bom_and_crlf_are_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfHeadline\r\n\r\nFirst line of the body.\r\n")
    doc = read_one(path)
    assert isinstance(doc, RawDocument)
    assert doc.raw.startswith("Headline\r\n")


def test_cp1252_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(CP1252_TEXT.encode("cp1252"))
    doc = read_one(path)
    assert isinstance(doc, RawDocument)
    assert doc.raw == CP1252_TEXT


def test_empty_file_is_dropped_with_reason(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    item = read_one(path)
    assert isinstance(item, Dropped)
    assert "empty" in item.reason


def test_random_bytes_are_dropped_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(os.urandom(4096))
    item = read_one(path)
    assert isinstance(item, Dropped)
    assert "binary" in item.reason


def test_missing_path_is_dropped_not_raised(tmp_path: Path) -> None:
    item = read_one(tmp_path / "nope.txt")
    assert isinstance(item, Dropped)
    assert "no such file" in item.reason


def test_oversized_file_is_dropped_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 100)
    item = read_one(path, IngestConfig(max_bytes=100))
    assert isinstance(item, Dropped)
    assert "too large" in item.reason


def test_html_is_sniffed_from_content_not_extension(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("<!DOCTYPE html><html><body><p>Hello</p></body></html>")
    doc = read_one(path)
    assert isinstance(doc, RawDocument)
    assert doc.format == "html"
