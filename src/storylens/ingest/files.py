"""Reading files from disk: decompressing, decoding, sniffing, and refusing what is not text.

The format of a file is sniffed from its first bytes (after gunzipping), never taken from the
extension alone: a ``.txt`` holding a saved web page is HTML, a ``.gz`` may be a WARC archive,
and a file of nothing but URLs is a list of pages to fetch.
"""

from __future__ import annotations

import gzip
import os
import re
import zlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from storylens.config import IngestConfig
from storylens.ingest import boundedjson
from storylens.ingest.decoding import Decoded, bom_encoding, decode_bytes
from storylens.records import Dropped, RawDocument

# Bytes that never occur in text; a few of them in the first kilobytes mean binary data.
_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32))
_SKIP_NAMES = {".DS_Store", "Thumbs.db"}
_GZIP_MAGIC = b"\x1f\x8b"
SIDECAR_SUFFIX = ".meta.json"
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.I)
_SIDECAR_KEYS = ("url", "outlet", "published", "title", "byline", "language")
_SIDECAR_LIMIT = 1_000_000
NOTES_HINT = "notes"
"""Hint key of what the reader had to do to the input (lines joined by newlines)."""

Kind = Literal["text", "html", "jsonl", "rss", "warc", "urls"]


class InputError(Exception):
    """A file that cannot be read as it stands; the message is the ``Dropped`` reason."""


def looks_like_url(value: str) -> bool:
    return bool(_URL.match(value.strip()))


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | Dropped]:
    """Every file under ``paths``, sorted. Hidden files are read like any other (a saved page
    may well be called ``.draft.html``); what is not read is still listed: operating-system
    clutter (``.DS_Store``), and hidden directories (``.git``), one entry each."""
    for p in paths:
        path = Path(p)
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except OSError as exc:  # a name longer than the system allows, a loop of links
            yield Dropped(source=str(p), reason=f"cannot read path: {exc.strerror or exc}")
            continue
        if is_dir:
            for root, dirs, files in os.walk(path):
                for hidden in sorted(d for d in dirs if d.startswith(".")):
                    yield Dropped(
                        source=str(Path(root) / hidden),
                        reason="hidden directory, not searched (give it as an argument to read it)",
                    )
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name in _SKIP_NAMES:
                        yield Dropped(
                            source=str(Path(root) / name),
                            reason="operating-system metadata file, not an article",
                        )
                        continue
                    yield Path(root) / name
        elif exists:
            yield path
        else:
            yield Dropped(source=str(p), reason="no such file or directory")


def looks_binary(data: bytes) -> bool:
    """Control bytes text never holds; UTF-16/32 text (half zeros) counts as text when its
    byte-order mark says what it is."""
    if bom_encoding(data) is not None:
        return False
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls > max(2, len(sample) // 100)


def decode(data: bytes, declared: str | None = None) -> str | None:
    """The text of ``data`` (see ``ingest.decoding``), or None when it is not text."""
    decoded = decode_bytes(data, declared)
    return decoded.text if decoded is not None else None


def decoding_notes(decoded: Decoded) -> dict[str, str]:
    """A hint that travels to the article when decoding had to replace characters."""
    if not decoded.replaced:
        return {}
    return {NOTES_HINT: f"{decoded.replaced} undecodable characters replaced by U+FFFD"}


def sniff_format(text: str) -> Literal["text", "html"]:
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head or "<div" in head:
        return "html"
    return "text"


def sniff_kind(head: bytes) -> Kind:
    """What a file holds, from its first (decompressed) bytes."""
    if re.match(rb"WARC/\d+\.\d+\r?\n", head):
        return "warc"
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    low = text[:4096].lower()
    first_line = text.split("\n", 1)[0].strip()
    if first_line.startswith("{"):
        try:
            if isinstance(boundedjson.loads(first_line), dict):
                return "jsonl"
        except ValueError as exc:
            # A first line cut off by the head's size, or nested too deep to read, is still
            # JSON Lines when it opens an object with a key: the reader drops that line alone.
            cut_off = len(head) >= 65536 and "\n" not in text
            deep = isinstance(exc, boundedjson.JSONTooDeep)
            if (cut_off or deep) and re.match(r'\{\s*"[^"\n]{0,200}"\s*:', first_line):
                return "jsonl"
    if low.startswith("<?xml") or low.startswith(("<rss", "<feed", "<rdf:rdf")):
        markers = ("<rss", "<feed", "<rdf:rdf", "<channel")
        html_at = low.find("<html")
        for marker in markers:
            at = low.find(marker)
            if at >= 0 and (html_at < 0 or at < html_at):
                return "rss"
    lines = [ln.strip() for ln in text.splitlines()[:200] if ln.strip() and not ln.startswith("#")]
    complete = lines if len(head) < 65536 else lines[:-1]  # the last line may be cut off
    if complete and all(looks_like_url(ln) for ln in complete):
        return "urls"
    return sniff_format(text)


def is_gzip(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(2) == _GZIP_MAGIC


def read_head(path: Path, size: int = 65536) -> bytes:
    """The first ``size`` bytes of the file's content, gunzipped when it is gzip."""
    try:
        with path.open("rb") as fh:
            if fh.read(2) != _GZIP_MAGIC:
                fh.seek(0)
                return fh.read(size)
            fh.seek(0)
            # Incremental inflate of the first member only: a damaged tail (a cut-off WARC)
            # must not hide what the file is, and the reader reports the damage itself.
            inflater = zlib.decompressobj(wbits=31)
            out = b""
            while len(out) < size and not inflater.eof:
                chunk = fh.read(65536)
                if not chunk:
                    break
                out += inflater.decompress(chunk, size - len(out))
                while inflater.unconsumed_tail and len(out) < size:
                    out += inflater.decompress(inflater.unconsumed_tail, size - len(out))
            return out
    except (OSError, zlib.error) as exc:
        raise InputError(_gzip_reason(exc)) from exc


def _gzip_reason(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "truncated gzip file (compressed data ends early)"
    if isinstance(exc, (gzip.BadGzipFile, zlib.error)):
        return f"corrupt gzip file: {exc}"
    if isinstance(exc, OSError):
        return f"cannot read file: {exc.strerror or exc}"
    return str(exc)


def read_bytes(path: Path, limit: int) -> bytes:
    """The whole content (gunzipped), refusing more than ``limit`` bytes before reading it all."""
    try:
        size = path.stat().st_size
        if size == 0:
            raise InputError("empty file")
        gz = is_gzip(path)
        if not gz and size > limit:
            raise InputError(f"file too large ({size:,} bytes; limit {limit:,})")
        if gz:
            with gzip.open(path, "rb") as fh:
                data = fh.read(limit + 1)
            if len(data) > limit:
                raise InputError(f"file too large (over {limit:,} bytes uncompressed)")
            return data
        return path.read_bytes()
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(_gzip_reason(exc)) from exc


def sidecar_of(path: Path) -> Path | None:
    """``NAME.meta.json`` beside ``NAME.txt`` / ``NAME.html`` / ``NAME.html.gz``, if present."""
    name = path.name
    if name.endswith(".gz"):
        name = name[:-3]
    candidates = [path.with_name(name + SIDECAR_SUFFIX)]
    if "." in name:
        candidates.append(path.with_name(name.rsplit(".", 1)[0] + SIDECAR_SUFFIX))
    for candidate in candidates:
        try:
            if candidate.is_file():
                return candidate
        except OSError:  # NAME.meta.json longer than the system allows: there is none
            continue
    return None


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def has_article_beside(sidecar: Path) -> bool:
    base = sidecar.name[: -len(SIDECAR_SUFFIX)]
    return any(
        p != sidecar and (p.name == base or p.name.startswith(base + ".")) and not is_sidecar(p)
        for p in sidecar.parent.iterdir()
    )


def read_sidecar(path: Path, max_depth: int = boundedjson.MAX_DEPTH) -> dict[str, str]:
    """Known metadata fields from a sidecar; lists (several bylines) are joined with commas."""
    try:
        if path.stat().st_size > _SIDECAR_LIMIT:
            raise InputError(f"sidecar metadata too large (over {_SIDECAR_LIMIT:,} bytes)")
        data = boundedjson.loads(path.read_bytes().decode("utf-8-sig"), max_depth)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"unreadable sidecar metadata: {exc}") from exc
    if not isinstance(data, dict):
        raise InputError("sidecar metadata must be a JSON object")
    return hints_from(data)


def hints_from(data: dict[str, object]) -> dict[str, str]:
    hints: dict[str, str] = {}
    for key in _SIDECAR_KEYS:
        value = data.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if isinstance(v, (str, int, float)))
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            text = str(value).strip()
            if text:
                hints[key] = text
    return hints


def read_file(path: Path, config: IngestConfig) -> RawDocument | Dropped:
    """One text or HTML page (plain or gzipped) as a ``RawDocument``, or why it was refused."""
    source = str(path)
    try:
        data = read_bytes(path, config.max_bytes)
        fetched = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    except InputError as exc:
        return Dropped(source=source, reason=str(exc))
    except OSError as exc:
        return Dropped(source=source, reason=f"cannot read file: {exc.strerror or exc}")
    if not data.strip():
        return Dropped(source=source, reason="empty file (only whitespace)")
    if looks_binary(data):
        return Dropped(source=source, reason="binary data, not text")
    decoded = decode_bytes(data, declared_charset(data))
    if decoded is None:
        return Dropped(source=source, reason="unknown text encoding")
    text = decoded.text
    if decoded.replaced > max(3, len(text) // 100):
        # Bytes after a byte-order mark that decode mostly to U+FFFD were never text.
        return Dropped(source=source, reason=f"binary data, not text (read as {decoded.encoding})")
    if not text.strip():
        return Dropped(source=source, reason="empty file (only a byte-order mark and whitespace)")
    return RawDocument(
        source=source,
        raw=text,
        fetched_at=fetched,
        format=sniff_format(text),
        hints=decoding_notes(decoded),
    )


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag (tried, never trusted blindly)."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None
