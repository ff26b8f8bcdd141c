"""The same store on a real PostgreSQL server, started from Debian's binaries by the fixture.

Skipped when the PostgreSQL server binaries are missing or the server cannot be started
(for example as root without a ``postgres`` user to run it as).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from storylens.nlp import Models
from storylens.records import Report
from storylens.report import render_json
from storylens.store import Store
from storylens.web import create_app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if found:
        return Path(found[0]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    bindir = _bin_dir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    prefix: list[str] = []
    owner: pwd.struct_passwd | None = None
    if os.geteuid() == 0:  # the server refuses to run as root
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no postgres user to run the server")
        runuser = shutil.which("runuser")
        if runuser is None:
            pytest.skip("running as root and runuser is not available")
        prefix = [runuser, "-u", "postgres", "--"]
    tmp = Path(tempfile.mkdtemp(prefix="storylens-pg-"))
    data = tmp / "data"
    if owner is not None:
        os.chown(tmp, owner.pw_uid, owner.pw_gid)
    port = _free_port()
    log = tmp / "server.log"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*prefix, *args], capture_output=True, text=True, timeout=60, check=False
        )

    init = run(
        str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"
    )
    if init.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        pytest.skip(f"initdb failed: {init.stderr.strip()[:300]}")
    opts = f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off"
    start = run(str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(log), "-w", "start")
    if start.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        pytest.skip(f"PostgreSQL did not start: {start.stderr.strip()[:300]}")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(tmp, ignore_errors=True)


def test_postgres_store_gives_the_same_report_and_skips_stored_content(
    postgres_url: str, models: Models, sample_report: Report
) -> None:
    with Store(postgres_url) as store:
        assert store.dialect == "postgresql"
        first = store.ingest([EXAMPLES], models=models)
        assert len(first.added) == 3 and not first.dropped
        story = sample_report.stories[0]
        assert render_json(store.report([story.id])) == render_json(Report(stories=[story]))

        again = store.ingest([EXAMPLES], models=models)
        assert again.added == [] and len(again.skipped) == 3
        assert again.stories_unchanged == [story.id] and again.stories_analysed == []
        assert store.search("putin") == {story.id} and store.search("nothing-like-this") == set()

        with TestClient(create_app(store)) as client:
            health = client.get("/api/health").json()
            assert health["database"] == "postgresql" and health["articles"] == 3
            assert client.get(f"/stories/{story.id}").status_code == 200

    with Store(postgres_url) as reopened:  # migrations already applied: opening is a no-op
        assert reopened.count("articles") == 3
