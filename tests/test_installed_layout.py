"""schemas/ and resources/ live at the top of the repository and are installed inside the
package: an installed copy (the wheel) finds them through importlib.resources."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "SE01_2026-Q4_pipeline_with_problems.xlsx"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    source = tmp_path_factory.mktemp("source")  # setuptools builds in the source tree
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source)
    for name in ("desktop_app", "schemas", "resources"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        pytest.skip(f"the wheel could not be built here: {done.stderr.strip()[-300:]}")
    [path] = out.glob("*.whl")
    return path


def test_the_wheel_holds_every_schema_and_resource(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for top in ("schemas", "resources"):
        for path in (ROOT / top).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                inside = f"desktop_app/{path.relative_to(ROOT).as_posix()}"
                assert inside in names, inside


def test_an_installed_copy_checks_with_its_own_schema_and_messages(wheel, tmp_path):
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = (
        "import sys, json\n"
        "from desktop_app.bundled import data_folder\n"
        "print(data_folder('schemas'))\n"
        "from desktop_app.cli import main\n"
        f"sys.exit(main(['check', {str(SAMPLE)!r}, '--format', 'json']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(target)},
    )
    first, _, rest = done.stdout.partition("\n")
    assert first == str(target / "desktop_app" / "schemas"), done.stderr
    assert done.returncode == 1, done.stderr
    assert '"errors": 22' in rest
