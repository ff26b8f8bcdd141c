"""Report writers: ``report.json`` (the contract), Markdown, a standalone HTML page, and a
plain-text summary for the terminal.

The renderers only read a finished ``Report``; they never change it and never read files.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from storylens.records import Report
from storylens.report._shared import (
    article_labels,
    claim_counts,
    fmt_dt,
    lone_outlet,
    outlets,
    plural,
)
from storylens.report.html import render_html
from storylens.report.jsonreport import render_json, report_schema
from storylens.report.markdown import render_markdown

__all__ = [
    "FILENAMES",
    "render_html",
    "render_json",
    "render_markdown",
    "report_schema",
    "terminal_summary",
    "write_reports",
]

FILENAMES = {"json": "report.json", "md": "report.md", "html": "report.html"}
_RENDERERS = {"json": render_json, "md": render_markdown, "html": render_html}


def write_reports(report: Report, out_dir: Path, formats: Sequence[str]) -> dict[str, Path]:
    """Write one file per requested format into ``out_dir`` (created if needed).

    Unknown formats raise ``ValueError`` before anything is written, so a typo never leaves a
    half-written output folder behind.
    """
    wanted = list(dict.fromkeys(f.strip().lower() for f in formats))
    unknown = [f for f in wanted if f not in _RENDERERS]
    if unknown:
        raise ValueError(f"unknown report format(s): {', '.join(unknown)}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for fmt in wanted:
        path = out_dir / FILENAMES[fmt]
        path.write_text(_RENDERERS[fmt](report), encoding="utf-8")
        written[fmt] = path
    return written


def terminal_summary(report: Report, *, max_sentences: int = 5) -> str:
    """A few lines per story for a terminal: enough to decide whether to open the full report."""
    lines: list[str] = []
    for i, story in enumerate(report.stories, 1):
        if i > 1:
            lines.append("")
        n = len(story.articles)
        lines.append(f"Story {i}: {story.title}")
        lines.append(
            f"  {plural(n, 'article')} from {', '.join(outlets(story)) or 'unknown'}"
            f" · {fmt_dt(story.first_seen)} → {fmt_dt(story.last_seen)}"
        )
        labels = article_labels(story.articles)
        for a in story.articles:
            dup = (
                f" (duplicate of {labels.get(a.duplicate_of, a.duplicate_of)})"
                if a.duplicate_of
                else ""
            )
            lines.append(f"    - {labels[a.id]}: {a.source}{dup}")
        lead = [s for s in story.summary if s.section == "lead"]
        for s in lead[:max_sentences]:
            lone = lone_outlet(labels, s)
            lines.append(f"  • {_one_line(s.text)}" + (f" (only {lone})" if lone else ""))
        if len(lead) > max_sentences:
            lines.append(f"  • … {len(lead) - max_sentences} more in the report")
        counts = claim_counts(story.claims)
        lines.append(
            f"  {plural(len(story.quotes), 'quote')} · {plural(len(story.claims), 'claim')} "
            f"({counts['corroborated']} corroborated, {counts['disputed']} disputed)"
            f" · {plural(len(story.conflicts), 'conflict')}"
        )
    if not report.stories:
        lines.append("No stories.")
    if report.dropped:
        lines.append("")
        lines.append(f"Dropped {plural(len(report.dropped), 'input')}:")
        lines += [f"  - {d.source}: {d.reason}" for d in report.dropped]
    return "\n".join(lines)


def _one_line(text: str, limit: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
