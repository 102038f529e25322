"""The bundle tests build the PyInstaller bundle (about a minute): run them on request only."""

from __future__ import annotations

import os

import pytest


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "bundle: builds the PyInstaller bundle (RUN_BUNDLE_TESTS=1)")


def pytest_collection_modifyitems(config, items) -> None:
    if os.environ.get("RUN_BUNDLE_TESTS") == "1":
        return
    skip = pytest.mark.skip(reason="builds the bundle; run `make bundle-test` (RUN_BUNDLE_TESTS=1)")
    for item in items:
        if item.get_closest_marker("bundle"):
            item.add_marker(skip)
