"""Command line: a thin typer layer over ``storylens.analyze`` and the report writers."""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import click
import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from storylens.config import Config

if TYPE_CHECKING:
    from storylens.pipeline import Progress
    from storylens.store import Store

EXIT_DROPPED = 1
EXIT_INTERNAL = 3
# C0 and C1 controls but newline and tab, DEL, bidirectional overrides and isolates, lone
# surrogates: what a file name or an outlet value may carry to rewrite a terminal's title,
# clear it, or make "txt.exe" read "exe.txt".
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``, ``\\u202e``)."""

    def escape(m: re.Match[str]) -> str:
        code = ord(m.group())
        return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"

    return _UNPRINTABLE.sub(escape, text)


def echo(text: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Everything StoryLens prints goes through here, so nothing an input holds reaches the
    terminal unescaped."""
    typer.echo(printable(text), err=err, nl=nl)


def crash_log(exc: BaseException) -> Path:
    """Write the traceback where a bug report can pick it up; the terminal gets one line."""
    folder = Path(os.environ.get("STORYLENS_LOG_DIR") or tempfile.gettempdir())
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    path = folder / f"storylens-crash-{stamp}-{os.getpid()}.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(
            printable(
                f"storylens {' '.join(sys.argv[1:])}\n\n" + "".join(traceback.format_exception(exc))
            ),
            encoding="utf-8",
            errors="backslashreplace",
        )
    except OSError:
        fd, name = tempfile.mkstemp(prefix="storylens-crash-", suffix=".log")
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(printable("".join(traceback.format_exception(exc))))
        path = Path(name)
    return path


# How commands end on purpose: an exit code, a usage error, Ctrl-C (typer vendors click, so
# both its own classes and click's are listed).
_EXPECTED = (
    typer.Exit,
    typer.Abort,
    TyperException,
    click.exceptions.Exit,
    click.ClickException,
    click.Abort,
)


class _GuardedGroup(TyperGroup):
    """Every command runs under one guard: a failure of StoryLens itself (not bad input,
    which is listed as dropped) is exit 3 with a short message and the path of a log,
    never a bare traceback, and never the exit 1 that means "some inputs dropped"."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except _EXPECTED:
            raise
        except Exception as exc:  # anything else is a StoryLens bug; say so and where
            log = crash_log(exc)
            echo(f"storylens: internal error: {type(exc).__name__}: {exc}", err=True)
            echo(f"storylens: the details are in {log}; please report it", err=True)
            raise typer.Exit(EXIT_INTERNAL) from exc


app = typer.Typer(
    cls=_GuardedGroup,
    help="StoryLens: what happened, who said what, who reported it, and where reports differ.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

FORMATS = ("json", "md", "html")
AllowPrivate = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        help="Also fetch URLs on loopback, private, link-local or reserved addresses "
        "(refused by default: a feed or redirect must not reach your network).",
    ),
]


@contextmanager
def _progress(enabled: bool) -> Iterator[Progress | None]:
    """A rich progress bar on an interactive terminal; nothing at all in pipes and CI logs."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

    with Progress(
        TextColumn("{task.description:>8}"),
        BarColumn(),
        MofNCompleteColumn(),
        transient=True,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


def _parse_formats(value: str) -> list[str]:
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise typer.BadParameter(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}"
        )
    return formats


@app.command()
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories (every file under them) or http(s) URLs: text or HTML "
            "pages (also .gz), WARC, RSS/Atom, JSONL, or a file listing URLs.",
            metavar="PATH",
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory for the reports.")] = Path(
        "out"
    ),
    formats: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated: json,md,html.")
    ] = "json,md,html",
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only the report paths.")
    ] = False,
    follow: Annotated[
        bool,
        typer.Option("--follow", help="Fetch the page each feed entry links to (RSS/Atom)."),
    ] = False,
    summary_words: Annotated[
        int, typer.Option("--summary-words", min=10, help="Word budget of the summary's lead.")
    ] = 120,
    allow_private: AllowPrivate = False,
) -> None:
    """Analyse the coverage in PATH... and write report.json / report.md / report.html.

    Exit code 0 when every input was used, 1 when some were dropped (they are listed), 3 when
    StoryLens itself failed (a short message and the path of a log).
    """
    from storylens.pipeline import analyze as run_analysis
    from storylens.report import terminal_summary, write_reports

    chosen = _parse_formats(formats)
    if out.exists() and not out.is_dir():  # found before the analysis, not after it
        echo(f"error: cannot write the reports to {out}: it is a file, not a directory", err=True)
        raise typer.Exit(2)
    with _progress(sys.stderr.isatty() and not quiet) as progress:
        config = Config()
        config.ingest.follow = follow
        config.ingest.allow_private = allow_private
        config.summary.words = summary_words
        report = run_analysis(paths, config, progress=progress)
    try:
        written = write_reports(report, out, chosen)
    except OSError as exc:  # a full disk or an --out that is a file: the user's to fix
        echo(f"error: cannot write the reports to {out}: {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from exc
    for fmt, path in written.items():
        echo(f"{fmt:>4}: {path}")
    if not quiet:
        echo("")
        echo(terminal_summary(report))
    elif report.dropped:
        for d in report.dropped:
            echo(f"dropped: {d.source}: {d.reason}", err=True)
    if not report.stories and not report.dropped:
        echo("No inputs found.", err=True)
    raise typer.Exit(EXIT_DROPPED if report.dropped else 0)


@app.command("eval")
def eval_(
    kind: Annotated[
        str,
        typer.Argument(help="extraction, clustering, quotes, claims, summary or crossoutlet"),
    ],
    data: Annotated[Path, typer.Option("--data", help="Directory of labelled data.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    only: Annotated[
        list[str] | None,
        typer.Option("--only", help="crossoutlet: score only this gold story (repeatable)."),
    ] = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="crossoutlet: list every miss and error, item by item; quotes: every "
            "speaker missed or wrong.",
        ),
    ] = False,
) -> None:
    """Measure StoryLens (and baselines, in the same run) on labelled data."""
    from storylens.evaluation import EvaluationError, evaluate

    if not data.exists():
        raise typer.BadParameter(f"{data} does not exist", param_hint="--data")
    try:
        options = {"only": only or [], "explain": explain} if kind == "crossoutlet" else {}
        options = {"explain": explain} if kind == "quotes" else options
        result = evaluate(kind, data, **options)
    except EvaluationError as exc:
        echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if as_json:
        echo(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            if key == "explain":
                continue
            echo(f"{key}: {json.dumps(value)}")
        for line in result.get("explain", []):
            echo(line)


@app.command()
def cluster(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files or directories (every file under them).", metavar="PATH"),
    ],
    stream: Annotated[
        bool,
        typer.Option(
            "--stream",
            help="Assign articles one at a time in publication order, as a live feed would.",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the stories as JSON.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Processes that read and clean (default: the available cores; 1: one process).",
        ),
    ] = None,
) -> None:
    """Group the articles in PATH... into stories, without analysing them (fast).

    Exit code 0 when every input was used, 1 when some were dropped (they are listed).
    """
    from storylens.grouping import group
    from storylens.report._shared import fmt_dt

    with _progress(sys.stderr.isatty() and not quiet) as progress:
        result = group(paths, Config(), stream=stream, progress=progress, jobs=jobs)
    if as_json:
        echo(
            json.dumps(
                {
                    "mode": "stream" if stream else "batch",
                    "stories": [
                        {
                            "id": s.id,
                            "title": s.title,
                            "first_seen": s.first_seen.isoformat() if s.first_seen else None,
                            "last_seen": s.last_seen.isoformat() if s.last_seen else None,
                            "articles": [
                                {
                                    "id": a.id,
                                    "title": a.title,
                                    "outlet": a.outlet,
                                    "source": a.source,
                                    "duplicate_of": a.duplicate_of,
                                }
                                for a in s.articles
                            ],
                        }
                        for s in result.stories
                    ],
                    "merged_into": result.merged_into,
                    "dropped": [d.model_dump() for d in result.dropped],
                },
                indent=2,
            )
        )
    else:
        for s in result.stories:
            echo(f"{s.id}  {len(s.articles):>3} art.  {fmt_dt(s.first_seen):<20}  {s.title}")
    for d in result.dropped:
        echo(f"dropped: {d.source}: {d.reason}", err=True)
    if not result.stories and not result.dropped:
        echo("No inputs found.", err=True)
    raise typer.Exit(EXIT_DROPPED if result.dropped else 0)


@app.command()
def schema() -> None:
    """Print the JSON Schema of report.json."""
    from storylens.report import report_schema

    echo(json.dumps(report_schema(), indent=2))


DbOption = Annotated[
    str, typer.Option("--db", help="Store: a SQLite file, or a postgresql:// URL.")
]


def _open_store(db: str, config: Config | None = None) -> Store:
    from storylens.store import Store, StoreError

    try:
        return Store(db, config=config)
    except StoreError as exc:
        echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


@app.command()
def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files or directories (every file under them).", metavar="PATH"),
    ],
    db: DbOption,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    allow_private: AllowPrivate = False,
    engine: Annotated[
        str,
        typer.Option(
            "--engine", help="local (this process) or ray (Ray Data: local Ray or --address)."
        ),
    ] = "local",
    address: Annotated[
        str | None,
        typer.Option("--address", help="Ray cluster to join (e.g. auto, ray://HOST:10001)."),
    ] = None,
) -> None:
    """Add the inputs in PATH... to a store and bring its stories up to date.

    New articles join the stories they belong to incrementally; only the stories that changed
    are analysed again. Resumable and idempotent: content already stored is skipped, and an
    interrupted run keeps every article it committed. Exit code 1 when some inputs were
    dropped (they are listed).
    """
    if engine not in ("local", "ray"):
        raise typer.BadParameter(f"unknown engine {engine}; choose local or ray")
    if address and engine != "ray":
        raise typer.BadParameter("--address needs --engine ray")
    config = Config()
    config.ingest.allow_private = allow_private
    store = _open_store(db, config)
    with store, _progress(sys.stderr.isatty() and not quiet) as progress:
        if engine == "ray":
            try:
                from storylens.scale import ingest_ray

                result = ingest_ray(paths, store, address=address)
            except ImportError as exc:
                typer.echo(f"error: the Ray engine needs storylens[scale]: {exc}", err=True)
                raise typer.Exit(2) from exc
        else:
            result = store.ingest(paths, progress=progress)
    if not quiet:
        echo(
            f"added {len(result.added)}, skipped {len(result.skipped)} already stored, "
            f"dropped {len(result.dropped)}; stories: {len(result.stories_analysed)} analysed, "
            f"{len(result.stories_unchanged)} unchanged, {len(result.stories_removed)} merged away"
        )
    for d in result.dropped:
        echo(f"dropped: {d.source}: {d.reason}", err=True)
    raise typer.Exit(EXIT_DROPPED if result.dropped else 0)


@app.command()
def recluster(
    db: DbOption,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
) -> None:
    """Group every stored article again in one batch (all pairs), and analyse what changed.

    Slower the larger the store (ingest assigns new articles incrementally instead); use it
    to regroup everything with the batch clusterer. Articles added later start new stories.
    """
    store = _open_store(db)
    with store, _progress(sys.stderr.isatty() and not quiet) as progress:
        result = store.recluster(progress=progress)
    if not quiet:
        echo(
            f"stories: {len(result.stories_analysed)} analysed, "
            f"{len(result.stories_unchanged)} unchanged, {len(result.stories_removed)} removed"
        )


@app.command()
def stories(
    db: DbOption,
    as_json: Annotated[bool, typer.Option("--json", help="Print the list as JSON.")] = False,
    q: Annotated[
        str | None, typer.Option("--search", help="Words in a title or article text.")
    ] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Only stories it covers.")] = None,
    since: Annotated[
        datetime | None,
        typer.Option("--since", formats=["%Y-%m-%d"], help="Last seen on or after (UTC)."),
    ] = None,
    until: Annotated[
        datetime | None,
        typer.Option("--until", formats=["%Y-%m-%d"], help="First seen on or before (UTC)."),
    ] = None,
    min_articles: Annotated[int, typer.Option("--min-articles", min=1)] = 1,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most this many.")] = None,
) -> None:
    """List the stories in a store, biggest first (filters run in the database)."""
    from storylens.report._shared import fmt_dt

    store = _open_store(db)
    with store:
        rows = store.story_rows(
            q=q,
            outlet=outlet,
            since=since.date() if since else None,
            until=until.date() if until else None,
            min_articles=min_articles,
            limit=limit,
        )
    if as_json:
        echo(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "title": r.title,
                        "articles": r.n_articles,
                        "outlets": r.outlets,
                        "first_seen": r.first_seen.isoformat() if r.first_seen else None,
                        "last_seen": r.last_seen.isoformat() if r.last_seen else None,
                    }
                    for r in rows
                ],
                indent=2,
            )
        )
        return
    if not rows:
        echo("No stories yet: add coverage with `storylens ingest PATH --db ...`.")
    for r in rows:
        echo(
            f"{r.id}  {r.n_articles:>3} art.  {fmt_dt(r.first_seen):<20}  {r.title}"
            f"  [{', '.join(r.outlets)}]"
        )


@app.command()
def show(
    story_id: Annotated[str, typer.Argument(help="Story id (or a unique prefix of it).")],
    db: DbOption,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md, json or html.")] = "md",
) -> None:
    """Print one story's report, the same report `analyze` writes for it."""
    from storylens.report import render_html, render_json, render_markdown
    from storylens.store import StoreError

    renderers = {"md": render_markdown, "json": render_json, "html": render_html}
    if fmt not in renderers:
        raise typer.BadParameter(f"unknown format {fmt}; choose from md, json, html")
    store = _open_store(db)
    with store:
        try:
            report = store.report([story_id])
        except StoreError as exc:
            echo(f"error: {exc}; `storylens stories --db {db}` lists them", err=True)
            raise typer.Exit(2) from exc
    echo(renderers[fmt](report), nl=False)


@app.command()
def serve(
    db: DbOption,
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    host: Annotated[
        str, typer.Option("--host", help="Interface; 0.0.0.0 to share on the network.")
    ] = "127.0.0.1",
) -> None:
    """Serve the web UI and the JSON API (/api/, /openapi.json) over a store."""
    import uvicorn

    from storylens.web import create_app

    store = _open_store(db)
    echo(f"StoryLens on http://{host}:{port}/  (API: /api/, OpenAPI: /openapi.json)")
    uvicorn.run(create_app(store), host=host, port=port, log_level="warning")


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
