"""Shared fixtures: the bundled schema and workbooks built from valid rows."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from helpers import PERIOD, write_book  # noqa: E402

from desktop_app.core.checking.engine import CheckOptions, check_file  # noqa: E402
from desktop_app.core.schema.loading import load_schema  # noqa: E402
from tests.sample_data import valid_rows  # noqa: E402


@pytest.fixture(scope="session")
def schema():
    return load_schema()


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
