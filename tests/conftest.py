"""Shared fixtures: the bundled schema, workbooks built from valid rows, the user data folder."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from helpers import PERIOD, write_book  # noqa: E402

from desktop_app.core.checking.engine import CheckOptions, check_file  # noqa: E402
from desktop_app.core.schema.loading import load_schema  # noqa: E402
from desktop_app.core.schema.userdata import DATA_DIR_VARIABLE  # noqa: E402
from tests.sample_data import valid_rows  # noqa: E402


@pytest.fixture(scope="session")
def schema():
    return load_schema()


@pytest.fixture
def user_data(tmp_path, monkeypatch):
    """The user data folder (kept schemas, trusted keys, the channel) in tmp_path: a test
    never touches the person's own."""
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def base_rows(schema):
    """Ten valid SE01 rows for 2026-Q4."""
    return valid_rows(schema, "SE01", PERIOD, 10, seed=11)


@pytest.fixture
def check_rows(tmp_path, schema):
    """Write rows into a workbook, check it, return the result."""

    def run(rows, name="SE01_2026-Q4_test.xlsx", options=None, **kw):
        path = write_book(tmp_path / name, schema, rows, **kw)
        return check_file(path, schema, options or CheckOptions())

    return run
