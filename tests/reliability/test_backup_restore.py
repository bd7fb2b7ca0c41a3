"""Backup and restore (docs/operations.md): a pg_dump/pg_restore round trip keeps every row."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from asar.core.demo_runner import demo_load

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.heavy,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump round trip"),
    pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump not installed"),
]


def _row_counts(dbname: str) -> dict[str, int]:
    settings = connection.settings_dict
    conninfo = {
        "host": settings["HOST"] or "127.0.0.1",
        "port": settings["PORT"] or 5432,
        "user": settings["USER"],
    }
    with psycopg.connect(dbname=dbname, autocommit=True, **conninfo) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608


def test_dump_and_restore_keep_every_row(tmp_path: Path) -> None:
    demo_load(seed=7, scale=0.05, echo=lambda _: None)
    settings = connection.settings_dict
    source = settings["NAME"]
    target = f"{source}_restored"
    common = [
        "-h",
        settings["HOST"] or "127.0.0.1",
        "-p",
        str(settings["PORT"] or 5432),
        "-U",
        settings["USER"],
    ]
    dump = tmp_path / "asar.dump"
    subprocess.run(["pg_dump", *common, "-Fc", "-f", str(dump), source], check=True)
    with psycopg.connect(
        dbname="postgres", host=common[1], port=common[3], user=common[5], autocommit=True
    ) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{target}"')
        admin.execute(f'CREATE DATABASE "{target}"')
    try:
        subprocess.run(["pg_restore", *common, "--no-owner", "-d", target, str(dump)], check=True)
        before, after = _row_counts(source), _row_counts(target)
        assert sum(before.values()) > 0
        assert after == before
    finally:
        with psycopg.connect(
            dbname="postgres", host=common[1], port=common[3], user=common[5], autocommit=True
        ) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
