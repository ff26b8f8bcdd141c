"""Hostile inputs of every kind scraped news throws at a reader, generated on demand.

Each generator writes one (or a few) files into a directory and says what a careful reader
must make of them: ``"article"`` (the text is usable and must come out as an article),
``"dropped"`` (refused, with a reason), or ``"either"`` (garbage either way, but never a crash
and never nothing at all). ``write_corpus(dir, n)`` writes ``n`` inputs cycling through the
kinds with a seeded random generator, so a failing input can be rebuilt from its name.

Used by ``tests/test_hostile*.py`` (a small corpus, fast) and ``benchmarks/hostile_run.py``
(1,000+ inputs mixed with ``examples/``).
"""

from __future__ import annotations

import gzip
import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Expect = Literal["article", "dropped", "either"]

# Prose on subjects far from the samples' story, so hostile pages form stories of their own
# and never join (or slow down) the analysis of the samples.
TOPICS = (
    "The city council voted on Monday to extend the opening hours of the public library. "
    "Members said the change would help students who work during the day. The library will "
    "now stay open until ten in the evening on weekdays. A spokesperson said the cost would "
    "be covered by the existing budget for the year. Residents had asked for longer hours "
    "in a survey held last spring. The new schedule starts at the beginning of next month. ",
    "Heavy rain is expected across the northern valleys over the weekend, forecasters said. "
    "Rivers could rise quickly after several dry weeks left the ground hard. Farmers were "
    "advised to move livestock away from low fields near the water. The weather service "
    "said temperatures would fall by several degrees on Sunday night. Drivers should expect "
    "slow traffic on mountain roads where fog is likely in the morning. ",
    "The home team won the final match of the season by two goals to one on Saturday. "
    "Their striker scored twice in the second half after a slow start to the game. The "
    "coach praised the defence, which held firm during the last ten minutes of play. "
    "Thousands of supporters gathered outside the stadium after the final whistle. The club "
    "will begin training for the new season in the middle of summer. ",
    "Astronomers have observed a comet that will pass close to the sun later this year. "
    "The icy body was first seen by a small telescope at a university observatory. Its tail "
    "may become visible without binoculars for a few nights in the autumn. Scientists hope "
    "to measure the gases released as the comet warms on its approach. The discovery was "
    "reported in a short note to an international astronomy bulletin. ",
)
PROSE = TOPICS[0]
JAPANESE = "東京の株式市場では、日経平均株価が前日比で大きく値上がりしました。" * 12


@dataclass(frozen=True)
class Case:
    """One generated input: the main file, and what must become of it."""

    path: Path
    kind: str
    expect: Expect


def _prose(rng: random.Random, words: int = 120) -> str:
    base = rng.choice(TOPICS).split()
    start = rng.randrange(len(base))
    out = [base[(start + i) % len(base)] for i in range(words)]
    return " ".join(out)


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


Maker = Callable[[Path, str, random.Random], Case]


def meta_charset_weird(d: Path, n: str, rng: random.Random) -> Case:
    codec = rng.choice(["punycode", "idna", "utf-7", "rot13", "base64", "zlib", "x-bogus", "uu"])
    body = f"<html><head><meta charset='{codec}'></head><body><p>{_prose(rng)}</p></body></html>"
    return Case(_write(d / f"{n}.html", body.encode()), "meta-charset", "article")


def jsonl_nested_first(d: Path, n: str, rng: random.Random) -> Case:
    line = '{"text": ' + _nested(rng.randint(5_000, 100_000)) + "}\n"
    ok = json.dumps({"text": _prose(rng), "url": "https://example.com/a"}) + "\n"
    return Case(_write(d / f"{n}.jsonl", (line + ok).encode()), "jsonl-nested-first", "article")


def jsonl_nested_later(d: Path, n: str, rng: random.Random) -> Case:
    ok = json.dumps({"text": _prose(rng)}) + "\n"
    bad = '{"text": "x", "deep": ' + _nested(rng.randint(5_000, 100_000)) + "}\n"
    return Case(_write(d / f"{n}.jsonl", (ok + bad).encode()), "jsonl-nested-later", "article")


def sidecar_nested(d: Path, n: str, rng: random.Random) -> Case:
    page = _write(d / f"{n}.txt", _prose(rng).encode())
    (d / f"{n}.meta.json").write_text('{"title": ' + _nested(rng.randint(5_000, 100_000)) + "}")
    return Case(page, "sidecar-nested", "article")


def long_name(d: Path, n: str, rng: random.Random) -> Case:
    name = (n + "-" + "x" * 300)[: 255 - len(".txt")] + ".txt"
    return Case(_write(d / name, _prose(rng).encode()), "long-name", "article")


def sidecar_surrogate(d: Path, n: str, rng: random.Random) -> Case:
    page = _write(d / f"{n}.txt", _prose(rng).encode())
    meta = (
        '{"outlet": "Bad \\ud800 Outlet", "title": "Lone \\udfff surrogate", "byline": "A \\ud83d"}'
    )
    (d / f"{n}.meta.json").write_text(meta)
    return Case(page, "sidecar-surrogate", "article")


def jsonl_surrogate(d: Path, n: str, rng: random.Random) -> Case:
    text = _prose(rng) + " \\ud800 end"
    line = '{"text": "' + text + '", "outlet": "X\\udc00"}\n'
    return Case(_write(d / f"{n}.jsonl", line.encode()), "jsonl-surrogate", "article")


def non_utf8_name(d: Path, n: str, rng: random.Random) -> Case:
    raw = os.fsencode(str(d)) + b"/" + n.encode() + b"-caf\xe9-\xff.txt"
    with open(raw, "wb") as fh:
        fh.write(_prose(rng).encode())
    return Case(Path(os.fsdecode(raw)), "non-utf8-name", "article")


def escape_name(d: Path, n: str, rng: random.Random) -> Case:
    name = f"{n}-\x1b]0;pwned\x07-\x1b[31mred.txt"
    page = _write(d / name, _prose(rng).encode())
    return Case(page, "escape-name", "article")


def escape_outlet(d: Path, n: str, rng: random.Random) -> Case:
    page = _write(d / f"{n}.txt", _prose(rng).encode())
    (d / f"{n}.meta.json").write_text(json.dumps({"outlet": "Evil\x1b]0;title\x07\x1b[2J News"}))
    return Case(page, "escape-outlet", "article")


def gzip_bomb_jsonl(d: Path, n: str, rng: random.Random) -> Case:
    line = b'{"text": "' + b"a " * rng.randint(30_000_000, 40_000_000) + b'"}\n'
    return Case(_write(d / f"{n}.jsonl.gz", gzip.compress(line, 9)), "gzip-bomb-jsonl", "dropped")


def gzip_bomb_text(d: Path, n: str, rng: random.Random) -> Case:
    data = gzip.compress(b"word " * rng.randint(15_000_000, 20_000_000), 9)
    return Case(_write(d / f"{n}.txt.gz", data), "gzip-bomb-text", "dropped")


def huge_one_line(d: Path, n: str, rng: random.Random) -> Case:
    words = (PROSE.replace(". ", ", ") * (1_200_000 // len(PROSE) + 1))[
        : rng.randint(1_100_000, 1_400_000)
    ]
    return Case(_write(d / f"{n}.txt", words.encode()), "huge-one-line", "article")


def year_one_sidecar(d: Path, n: str, rng: random.Random) -> Case:
    page = _write(d / f"{n}.txt", _prose(rng).encode())
    when = rng.choice(
        ["0001-01-01T00:00:00", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00"]
    )
    (d / f"{n}.meta.json").write_text(json.dumps({"published": when}))
    return Case(page, "year-one-sidecar", "article")


def year_one_jsonl(d: Path, n: str, rng: random.Random) -> Case:
    when = rng.choice(["0001-01-01", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+00:00"])
    line = json.dumps({"text": _prose(rng), "published": when}) + "\n"
    return Case(_write(d / f"{n}.jsonl", line.encode()), "year-one-jsonl", "article")


def sidecar_bad_offset(d: Path, n: str, rng: random.Random) -> Case:
    page = _write(d / f"{n}.txt", _prose(rng).encode())
    off = rng.choice(["+99:00", "-25:00", "+23:99"])
    (d / f"{n}.meta.json").write_text(json.dumps({"published": f"2025-06-24T10:00:00{off}"}))
    return Case(page, "sidecar-bad-offset", "article")


def warc_garbage(d: Path, n: str, rng: random.Random) -> Case:
    tail = rng.choice([os.urandom(200), _prose(rng).encode()])
    return Case(_write(d / f"{n}.warc", b"WARC/1.0\r\n" + tail), "warc-garbage", "either")


def dot_file(d: Path, n: str, rng: random.Random) -> Case:
    return Case(_write(d / f".{n}.txt", _prose(rng).encode()), "dot-file", "either")


def utf16_bom(d: Path, n: str, rng: random.Random) -> Case:
    enc = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
    text = _prose(rng)
    data = text.encode(enc)
    bom = {
        "utf-16-le": b"\xff\xfe",
        "utf-16-be": b"\xfe\xff",
        "utf-32-le": b"\xff\xfe\x00\x00",
        "utf-32-be": b"\x00\x00\xfe\xff",
    }.get(enc, b"")
    return Case(_write(d / f"{n}.txt", bom + data), "utf16-32-bom", "article")


def shift_jis(d: Path, n: str, rng: random.Random) -> Case:
    return Case(_write(d / f"{n}.txt", JAPANESE.encode("shift_jis")), "shift-jis", "article")


def bad_bytes_utf8(d: Path, n: str, rng: random.Random) -> Case:
    text = (_prose(rng) + " Café naïve — “quoted” ") * 3
    data = bytearray(text.encode())
    for _ in range(rng.randint(1, 4)):
        data.insert(rng.randrange(len(data)), rng.choice([0xFF, 0xC3, 0x80, 0xFE]))
    return Case(_write(d / f"{n}.txt", bytes(data)), "bad-bytes-utf8", "article")


def cp1252(d: Path, n: str, rng: random.Random) -> Case:
    text = _prose(rng) + " The café’s “owner” said — naïvely — it was fine. "
    return Case(_write(d / f"{n}.txt", text.encode("cp1252")), "cp1252", "article")


def binary(d: Path, n: str, rng: random.Random) -> Case:
    return Case(_write(d / f"{n}.txt", os.urandom(rng.randint(10, 5000))), "binary", "dropped")


def empty(d: Path, n: str, rng: random.Random) -> Case:
    return Case(
        _write(d / f"{n}.txt", rng.choice([b"", b"   \n\n ", b"\xef\xbb\xbf"])), "empty", "dropped"
    )


def truncated_gzip(d: Path, n: str, rng: random.Random) -> Case:
    data = gzip.compress(_prose(rng, 400).encode())
    return Case(_write(d / f"{n}.txt.gz", data[: len(data) // 2]), "truncated-gzip", "dropped")


def many_quotes(d: Path, n: str, rng: random.Random) -> Case:
    pieces = [f'"{w} {w}." he said.' for w in _prose(rng, rng.randint(60, 120)).split()]
    return Case(_write(d / f"{n}.txt", " ".join(pieces).encode()), "many-quotes", "either")


def rss_entity(d: Path, n: str, rng: random.Random) -> Case:
    # "Billion laughs": nine levels of tenfold entity expansion, a gigabyte if expanded.
    levels = "".join(f'<!ENTITY a{i} "' + f"&a{i - 1};" * 10 + '">' for i in range(1, 10))
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a0 "lol">{levels}]>'
        "<rss><channel><title>&a9;</title><item><title>t</title><description>"
        f"{_prose(rng)}</description></item></channel></rss>"
    )
    return Case(_write(d / f"{n}.xml", xml.encode()), "rss-entity", "either")


def jsonl_mixed(d: Path, n: str, rng: random.Random) -> Case:
    lines = [
        json.dumps({"text": _prose(rng)}),
        "not json at all",
        "[1, 2, 3]",
        json.dumps({"text": 12}),
        json.dumps({"html": "<p>" + _prose(rng) + "</p>", "published": "yesterday-ish"}),
        "{" + '"text": "' + "\x00" * 5 + '"}',
    ]
    return Case(
        _write(d / f"{n}.jsonl", ("\n".join(lines) + "\n").encode()), "jsonl-mixed", "article"
    )


def html_control(d: Path, n: str, rng: random.Random) -> Case:
    body = f"<html><body><h1>T\x1b[31m</h1><p>{_prose(rng)}\u202e\u0007</p></body></html>"
    return Case(_write(d / f"{n}.html", body.encode()), "html-control", "article")


def html_deep_jsonld(d: Path, n: str, rng: random.Random) -> Case:
    ld = '<script type="application/ld+json">' + _nested(rng.randint(5_000, 50_000)) + "</script>"
    body = f"<html><head>{ld}</head><body><article><p>{_prose(rng)}</p></article></body></html>"
    return Case(_write(d / f"{n}.html", body.encode()), "html-deep-jsonld", "article")


def html_deep_nesting(d: Path, n: str, rng: random.Random) -> Case:
    depth = rng.randint(50_000, 100_000)
    body = "<html><body>" + "<div>" * depth + f"<p>{_prose(rng)}</p>" + "</div>" * depth
    return Case(_write(d / f"{n}.html", body.encode()), "html-deep-nesting", "either")


def url_list_private(d: Path, n: str, rng: random.Random) -> Case:
    urls = ["http://127.0.0.1:9/", "http://169.254.169.254/latest/meta-data/", "http://[::1]:9/"]
    return Case(
        _write(d / f"{n}.urls", ("\n".join(urls) + "\n").encode()), "url-list-private", "dropped"
    )


KINDS: dict[str, Maker] = {
    "meta-charset": meta_charset_weird,
    "jsonl-nested-first": jsonl_nested_first,
    "jsonl-nested-later": jsonl_nested_later,
    "sidecar-nested": sidecar_nested,
    "long-name": long_name,
    "sidecar-surrogate": sidecar_surrogate,
    "jsonl-surrogate": jsonl_surrogate,
    "non-utf8-name": non_utf8_name,
    "escape-name": escape_name,
    "escape-outlet": escape_outlet,
    "year-one-sidecar": year_one_sidecar,
    "year-one-jsonl": year_one_jsonl,
    "sidecar-bad-offset": sidecar_bad_offset,
    "warc-garbage": warc_garbage,
    "dot-file": dot_file,
    "utf16-32-bom": utf16_bom,
    "shift-jis": shift_jis,
    "bad-bytes-utf8": bad_bytes_utf8,
    "cp1252": cp1252,
    "binary": binary,
    "empty": empty,
    "truncated-gzip": truncated_gzip,
    "many-quotes": many_quotes,
    "rss-entity": rss_entity,
    "jsonl-mixed": jsonl_mixed,
    "html-control": html_control,
    "html-deep-jsonld": html_deep_jsonld,
    "html-deep-nesting": html_deep_nesting,
    "url-list-private": url_list_private,
}
# Costly to generate or to read (megabytes each): a few per corpus, not one in every cycle.
HEAVY: dict[str, Maker] = {
    "gzip-bomb-jsonl": gzip_bomb_jsonl,
    "gzip-bomb-text": gzip_bomb_text,
    "huge-one-line": huge_one_line,
}


def write_corpus(directory: Path, n: int, *, seed: int = 15, heavy: int = 0) -> list[Case]:
    """``n`` light inputs cycling through ``KINDS`` plus ``heavy`` of each ``HEAVY`` kind."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []
    names = list(KINDS)
    for i in range(n):
        kind = names[i % len(names)]
        cases.append(KINDS[kind](directory, f"h{i:05d}", rng))
    for kind, make in HEAVY.items():
        for j in range(heavy):
            cases.append(make(directory, f"{kind}-{j}", rng))
    return cases
