"""The report as GitHub-flavoured Markdown: readable as plain text, and linked when rendered.

Every shown string comes from an article verbatim, so everything is escaped for Markdown:
article text is untrusted and must never turn into headings, links, tables or raw HTML.
Citations ``[n]`` jump to the numbered reference, and each reference jumps to the marked
characters in the article appendix.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storylens.records import Article, Claim, Quote, Report, Story, SummarySentence
from storylens.report._shared import (
    STATUS_LABEL,
    Ref,
    StoryRefs,
    attribution_note,
    build_refs,
    claim_counts,
    diff_runs,
    fmt_dt,
    fmt_value,
    humanize,
    is_break,
    is_verbatim,
    lone_outlet,
    mark_events,
    outlets,
    plural,
    possibly,
    same_person,
    spaced,
    variant_pieces,
)

_INLINE = re.compile(r"([\\`*_\[\]<>|~$])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^([#>+=\-])|^(\d+)([.)])")
_STATUS_ICON = {"corroborated": "✅", "single_source": "◽", "disputed": "⚠️"}
_EVIDENCE_SHOWN = 3
_EVIDENCE_CHARS = 200


def esc(text: str) -> str:
    """Escape inline Markdown; a line break becomes ``<br>`` so the text stays on its line."""
    out = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", text))
    return out.replace("\r\n", "\n").replace("\n", "<br>")


def _esc_line_start(text: str) -> str:
    """Escape what would start a block (heading, list, quote) at the start of a line."""
    text = text.lstrip(" \t")
    return _LINE_START.sub(
        lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", text
    )


def _safe_url(url: str | None) -> str | None:
    if not url or not re.match(r"https?://", url, re.IGNORECASE):
        return None
    return re.sub(r"[\s<>]", lambda m: f"%{ord(m.group()):02X}", url)


def _cite(ref: Ref | None) -> str:
    return f"[[{ref.number}]](#{ref.ref_anchor})" if ref else ""


def _cites(refs: StoryRefs, pairs: Sequence[tuple[str, tuple[int, int]]]) -> str:
    return "".join(_cite(refs.get(a, s)) for a, s in pairs)


def render_markdown(report: Report) -> str:
    """The whole report; each story is self-contained with its own references and appendix."""
    blocks: list[str] = []
    if not report.stories:
        blocks.append("# StoryLens report\n\nNo stories were found in the inputs.")
    for i, story in enumerate(report.stories, 1):
        blocks.append(_story(story, i))
    blocks.append(_dropped(report))
    return "\n\n---\n\n".join(blocks).rstrip() + "\n"


def _story(story: Story, index: int) -> str:
    refs = build_refs(story, index)
    counts = claim_counts(story.claims)
    names = outlets(story)
    n = len(story.articles)
    head = [
        f"# {esc(story.title)}",
        "",
        f"**{plural(n, 'article')}** from "
        + ", ".join(f"**{esc(o)}**" for o in names)
        + f" · first seen {fmt_dt(story.first_seen)} · last seen {fmt_dt(story.last_seen)}",
        "",
        f"_{plural(len(story.quotes), 'quote')} · {plural(len(story.claims), 'claim')} "
        f"({counts['corroborated']} corroborated, {counts['single_source']} single-source, "
        f"{counts['disputed']} disputed) · {plural(len(story.conflicts), 'conflict')} · "
        f"{plural(len(refs.refs), 'cited passage')}_",
    ]
    sections = [
        "\n".join(head),
        _summary_section(refs, "What happened", "lead", "_No summary sentences._"),
        _differ_section(refs),
        _only_section(refs),
        _quotes_section(refs),
        _claims_section(refs),
        _sources_section(refs),
        _references_section(refs),
        _articles_section(refs),
    ]
    return "\n\n".join(sections)


def _sentence_cites(refs: StoryRefs, sentence: SummarySentence) -> str:
    return _cites(refs, [(c.article, c.span) for c in sentence.citations])


def _summary_section(refs: StoryRefs, title: str, section: str, empty: str) -> str:
    lines = [f"## {title}", ""]
    items = [s for s in refs.story.summary if s.section == section]
    for s in items:
        lone = lone_outlet(refs.labels, s) if section == "lead" else None
        tag = f" — _only {esc(lone)}_" if lone else ""
        lines.append(f"- {esc(s.text)}{tag} {_sentence_cites(refs, s)}".rstrip())
    if not items:
        lines.append(empty)
    return "\n".join(lines)


def _differ_section(refs: StoryRefs) -> str:
    story = refs.story
    lines = ["## Where reports differ", ""]
    sentences = [s for s in story.summary if s.section == "differ"]
    lines += [f"- {esc(s.text)} {_sentence_cites(refs, s)}".rstrip() for s in sentences]
    if story.conflicts:
        lines += ["", "**Conflicting details**", ""] if sentences else []
    for conflict in story.conflicts:
        lines.append(f"- **{esc(humanize(conflict.kind).capitalize())}** · {esc(conflict.about)}")
        for value in conflict.values:
            givers = []
            for article_id in value.articles:
                pairs = [(sp.article, sp.span) for sp in value.spans if sp.article == article_id]
                label = refs.labels.get(article_id, article_id)
                givers.append(f"{esc(label)} {_cites(refs, pairs)}".rstrip())
            lines.append(f"  - **{esc(value.value)}** — {', '.join(givers)}")
            for said in dict.fromkeys(sp.sentence.text for sp in value.spans if sp.sentence):
                lines.append(f"    - “{esc(said)}”")
    if not sentences and not story.conflicts:
        lines.append("_No differences found between the reports._")
    return "\n".join(lines)


def _only_section(refs: StoryRefs) -> str:
    lines = ["## Only reported by", ""]
    items = [s for s in refs.story.summary if s.section == "only"]
    for s in items:
        who = sorted({refs.labels.get(c.article, c.article) for c in s.citations})
        tag = f" — _only {esc(', '.join(who))}_" if who else ""
        lines.append(f"- {esc(s.text)}{tag} {_sentence_cites(refs, s)}".rstrip())
    if not items:
        lines.append("_Nothing was reported by a single outlet alone._")
    return "\n".join(lines)


def _diff_md(diff: Sequence[tuple[str, str]]) -> str:
    out = ""
    for run, sep in spaced(diff_runs(diff, keep=4)):  # type: ignore[arg-type]
        text = esc(run.text.strip())
        simple = bool(re.fullmatch(r"\w(.*\w)?", run.text.strip(), re.DOTALL))
        if run.op == "-":
            text = f"~~{text}~~" if simple else f"<del>{text}</del>"
        elif run.op == "+":
            text = f"**{text}**" if simple else f"<b>{text}</b>"
        out += sep + text
    return out


def _quote_block(refs: StoryRefs, quote: Quote) -> list[str]:
    speaker = esc(quote.speaker) if quote.speaker else "_Unattributed_"
    candidate = possibly(quote)
    if candidate:
        speaker += f" _(possibly {esc(candidate)})_"
    kind = " _(partial quote)_" if quote.kind == "partial" else ""
    lines = [f"### {speaker}{kind}", "", f"> “{esc(quote.text)}”", ""]
    for v in quote.variants:
        pieces = variant_pieces(refs.story, v)
        label = f"**{esc(refs.labels.get(v.article, v.article))}**"
        if len(pieces) == 1:
            bits = [f"{label} {_cite(refs.get(v.article, v.span))}"]
        else:  # one utterance in pieces: each shown and cited where it stands
            joined = " … ".join(f"“{esc(t)}”{_cite(refs.get(v.article, s))}" for s, t in pieces)
            bits = [label, f"in {len(pieces)} pieces: {joined}"]
        if v.speaker and not same_person(v.speaker, quote.speaker):
            bits.append(f"names the speaker as {esc(v.speaker)}")
        evidence = attribution_note(v)
        if evidence:
            bits.append(esc(evidence))
        if v.said_where:
            bits.append(f"where: {esc(v.said_where)}")
        if v.said_when:
            bits.append(f"when: {esc(v.said_when)}")
        bits.append(f"fidelity {v.fidelity:.2f}")
        if not v.diff or is_verbatim(v.diff):
            if v.diff:
                bits.append("verbatim")
            elif len(pieces) == 1:
                bits.append(f"“{esc(v.text)}”")
        else:
            bits.append(f"“{_diff_md(v.diff)}”")
        lines.append("- " + " · ".join(b.strip() for b in bits))
    return lines


def _quotes_section(refs: StoryRefs) -> str:
    lines = ["## Who said what", ""]
    quotes = refs.story.quotes
    if quotes:
        lines.append(
            "_Each variant is diffed against the fullest version: ~~struck~~ words are missing "
            "in that outlet, **bold** words appear only there._"
        )
        lines.append("")
    words = [q for q in quotes if q.scare]
    for quote in quotes:
        if not quote.scare:
            lines += [*_quote_block(refs, quote), ""]
    if words:  # scare quotes: folded, one line each, so they do not bury the quotations
        lines += [
            "<details><summary>Quoted words nobody is reported to have said "
            f"({len(words)})</summary>",
            "",
        ]
        for quote in words:
            cites = "".join(_cite(refs.get(v.article, v.span)) for v in quote.variants)
            outlets = ", ".join(esc(refs.labels.get(v.article, v.article)) for v in quote.variants)
            lines.append(f"- “{esc(quote.text)}” · {outlets} {cites}".rstrip())
        lines += ["", "</details>", ""]
    if not quotes:
        lines.append("_No direct quotations found._")
    return "\n".join(lines).rstrip()


def _claims_section(refs: StoryRefs) -> str:
    """Claims in more than one outlet (or disputed) in the open; single-source ones folded.

    Most extracted claims appear in one outlet only; listing them all first would bury the
    few that were checked against another report.
    """
    story = refs.story
    lines = ["## Claims", ""]
    if not story.claims:
        lines.append("_No claims aligned across the articles._")
        return "\n".join(lines)
    shared = [c for c in story.claims if c.status != "single_source"]
    single = [c for c in story.claims if c.status == "single_source"]
    if shared:
        lines += _claims_table(refs, shared)
    else:
        lines.append("_No claim was found in more than one article._")
    if single:
        lines += [
            "",
            "<details>",
            f"<summary>{plural(len(single), 'claim')} reported by one outlet only</summary>",
            "",
            *_claims_table(refs, single),
            "",
            "</details>",
        ]
    lines += [
        "",
        "_✓ links to the passage in the article text; the number after the status counts "
        "independent outlets (syndicated copies count once)._",
    ]
    return "\n".join(lines)


def _claims_table(refs: StoryRefs, claims: Sequence[Claim]) -> list[str]:
    cols = refs.story.articles
    lines = [
        "| Claim | " + " | ".join(esc(refs.labels[a.id]) for a in cols) + " | Status |",
        "|---|" + "|".join(":-:" for _ in cols) + "|---|",
    ]
    for claim in claims:
        cells = []
        for a in cols:
            here = [s for s in claim.sources if s.article == a.id]
            marks = [refs.get(s.article, s.span) for s in here]
            cell = " ".join(f"[✓](#{m.cite_anchor})" if m else "✓" for m in marks)
            # how this outlet puts it, when that differs from a plain statement of fact
            notes: list[str] = [s.kind for s in here if s.kind != "fact"]
            notes += [f"copy of {refs.labels.get(s.copy_of, s.copy_of)}" for s in here if s.copy_of]
            cells.append(cell + (" <br>_" + esc(", ".join(notes)) + "_" if notes else ""))
        text = esc(claim.text)
        chains = sorted({s.attributed_to for s in claim.sources if s.attributed_to})
        if chains:
            text += " <br>_attributed to " + esc("; ".join(chains)) + "_"
        if claim.kind != "fact":
            text += f" <br>_{claim.kind}_"
        icon = _STATUS_ICON.get(claim.status, "")
        counted = claim.independence or str(claim.support)
        status = f"{icon} {STATUS_LABEL.get(claim.status, claim.status)} ({esc(counted)})"
        lines.append(f"| {text} | " + " | ".join(cells) + f" | {status.strip()} |")
    return lines


def _article_meta(refs: StoryRefs, article: Article) -> str:
    bits = []
    if article.title:
        bits.append(f"_{esc(article.title)}_")
    if article.byline:
        bits.append(f"by {esc(article.byline)}")
    bits.append(f"published {fmt_dt(article.published)}")
    if article.genre:
        bits.append(esc(article.genre))
    if article.wire:
        bits.append(f"wire copy: {esc(article.wire)}")
    bits.append(f"{article.words:,} words")
    url = _safe_url(article.url)
    if url:
        bits.append(f"[original](<{url}>)")
    bits.append(f"[text](#{refs.article_anchor(article.id)})")
    return " · ".join(bits)


def _sources_section(refs: StoryRefs) -> str:
    story = refs.story
    lines = ["## Sources", ""]
    signals = {s.article: s.signals for s in story.sources}
    for i, article in enumerate(story.articles, 1):
        lines += [f"### {i}. {esc(refs.labels[article.id])}", "", _article_meta(refs, article)]
        lines.append(f"<br>source: {_code(article.source)}")
        if article.input_id:
            lines.append(f"<br>input id: {_code(article.input_id)}")
        if article.duplicate_of:
            original = refs.labels.get(article.duplicate_of, article.duplicate_of)
            lines += [
                "",
                f"Duplicate of **{esc(original)}**: not counted as an independent source.",
            ]
        sig = signals.get(article.id, {})
        if sig:
            lines += ["", "| Signal | Value | Evidence |", "|---|---|---|"]
            for name, signal in sig.items():
                ev = [esc(_clip(e)) for e in signal.evidence[:_EVIDENCE_SHOWN]]
                more = len(signal.evidence) - _EVIDENCE_SHOWN
                if more > 0:
                    ev.append(f"_+{more} more_")
                lines.append(
                    f"| {esc(humanize(name))} | {esc(fmt_value(signal.value))} | {'; '.join(ev)} |"
                )
        lines.append("")
    return "\n".join(lines).rstrip()


def _code(text: str) -> str:
    """A code span; backticks and line breaks inside would end or break it."""
    return "`" + " ".join(text.replace("`", "'").split()) + "`"


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _EVIDENCE_CHARS else text[: _EVIDENCE_CHARS - 1] + "…"


def _references_section(refs: StoryRefs) -> str:
    lines = ["## References", ""]
    for r in refs.refs:
        lines.append(
            f'{r.number}. <a id="{r.ref_anchor}" name="{r.ref_anchor}"></a>**{esc(r.label)}** · '
            f"[chars {r.span[0]}–{r.span[1]}](#{r.cite_anchor}): “{esc(r.text)}”"
        )
    if not refs.refs:
        lines.append("_Nothing cited._")
    return "\n".join(lines)


def _articles_section(refs: StoryRefs) -> str:
    lines = ["## Articles", ""]
    lines.append("_Full text of each article as analysed; cited passages are highlighted._")
    for i, article in enumerate(refs.story.articles, 1):
        anchor = refs.article_anchor(article.id)
        title = f" — {esc(article.title)}" if article.title else ""
        lines += [
            "",
            f'### <a id="{anchor}" name="{anchor}"></a>{i}. {esc(refs.labels[article.id])}{title}',
            "",
            _article_text(article, refs.for_article(article.id)),
        ]
        lines += _removed_lines(article)
    return "\n".join(lines)


def _removed_lines(article: Article) -> list[str]:
    """What the cleaner left out, folded: the reader checks the cleaner in one click."""
    if not article.removed:
        return []
    out = [
        "",
        f"<details><summary>{plural(len(article.removed), 'line')} removed by the cleaner "
        "(menus, captions, credits, teasers)</summary>",
        "",
    ]
    for r in article.removed:
        out.append(f"- chars {r.raw_span[0]}–{r.raw_span[1]} of the input: {esc(_clip(r.text))}")
    out += ["", "</details>"]
    return out


def _article_text(article: Article, refs: Sequence[Ref]) -> str:
    out: list[str] = []
    line_start = True
    for ev in mark_events(article.text, refs, break_at_newlines=True):
        if ev.kind == "open" and ev.ref is not None:
            anchor = ""
            if ev.first:
                anchor = f'<a id="{ev.ref.cite_anchor}" name="{ev.ref.cite_anchor}"></a>'
            out.append(f"{anchor}<mark>")
            line_start = False
        elif ev.kind == "close":
            out.append("</mark>")
        elif is_break(ev.text):
            breaks = ev.text.count("\n")
            out.append("\\\n" if breaks == 1 else "\n\n")
            line_start = True
        else:
            out.append(_esc_line_start(esc(ev.text)) if line_start else esc(ev.text))
            line_start = False
    return "".join(out).strip()


def _dropped(report: Report) -> str:
    lines = ["## Dropped inputs", ""]
    for d in report.dropped:
        lines.append(f"- {_code(d.source)}: {esc(d.reason)}")
    if not report.dropped:
        lines.append("_None: every input was used._")
    return "\n".join(lines)
