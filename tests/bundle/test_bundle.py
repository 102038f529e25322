"""Build the one-folder bundle with build.spec and run the program from it, not from Python.

Opt-in (`make bundle-test`): building takes about a minute on a 2-core machine.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import __version__

pytestmark = pytest.mark.bundle

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "samples"
CLEAN = SAMPLES / "SE01_2026-Q4_pipeline.xlsx"
WITH_PROBLEMS = SAMPLES / "SE01_2026-Q4_pipeline_with_problems.xlsx"
NAME = "template-checker"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The bundle's folder, built from the working tree into a temporary place."""
    where = tmp_path_factory.mktemp("bundle")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(where / "dist"),
            "--workpath",
            str(where / "build"),
            "build.spec",
        ],
        cwd=ROOT,
        check=True,
    )
    return where


@pytest.fixture(scope="module")
def program(built) -> Path:
    return built / "dist" / NAME / (NAME + (".exe" if sys.platform == "win32" else ""))


def run(program: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # Run outside the source tree so nothing can be imported from it by accident.
    return subprocess.run(
        [str(program), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def source_findings(path: Path) -> dict:
    """What the same check prints when run from Python, to compare with the bundle."""
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "check", str(path), "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def test_version(program, tmp_path):
    done = run(program, "--version", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.strip() == f"template-checker {__version__}"


def test_check_clean_sample_passes(program, tmp_path):
    done = run(program, "check", str(CLEAN), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_check_sample_with_problems_finds_the_same_as_python(program, tmp_path):
    # Same findings as from source: the schema, locale data (babel), country lists
    # (pycountry), the reader (python_calamine) and pandera all work in the bundle.
    done = run(program, "check", str(WITH_PROBLEMS), "--format", "json", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    found = json.loads(done.stdout)
    expected = source_findings(WITH_PROBLEMS)
    assert found["summary"] == expected["summary"]
    assert found["findings"] == expected["findings"]
    assert found["summary"]["errors"] > 0


def test_a_crm_export_is_matched_in_the_bundle(program, tmp_path):
    # The matcher (scipy's assignment, rapidfuzz) and the schema's synonyms are bundled.
    export = SAMPLES / "US01_salesforce_opportunities.csv"
    done = run(
        program, "map", str(export), "--subsidiary", "US01", "--format", "json", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    matching = json.loads(done.stdout)
    assert matching["columns"]["stage"]["source"] == "Stage"
    assert matching["columns"]["close_date"]["source"] == "Close Date"


def test_the_schema_channel_works_in_the_bundle(program, built, tmp_path, monkeypatch):
    # cryptography (Ed25519) is bundled: the global team's routine, run from the bundle.
    monkeypatch.setenv("TEMPLATE_CHECKER_DATA_DIR", str(tmp_path / "data"))
    inside = built / "dist" / NAME / "_internal" / "desktop_app" / "schemas"
    assert (inside / "trusted-keys" / "README.txt").is_file()
    team, share = tmp_path / "team", tmp_path / "share"
    team.mkdir()
    share.mkdir()
    text = (ROOT / "schemas" / "global-pipeline.yaml").read_text("utf-8")
    (share / "gp-2026.3.yaml").write_text(
        text.replace('version: "2026.2"', 'version: "2026.3"', 1), "utf-8"
    )
    for args in (
        ("schema", "keygen", "-o", str(team)),
        (
            "schema",
            "sign",
            str(share / "gp-2026.3.yaml"),
            "--key",
            str(team / "schema-signing.key"),
        ),
        ("schema", "trust", str(team / "schema-signing.pub")),
        ("schema", "channel", str(share)),
    ):
        done = run(program, *args, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    done = run(program, "schema", "update", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "global-pipeline 2026.3 is now in use" in done.stdout
    done = run(program, "check", str(CLEAN), "--format", "json", cwd=tmp_path)
    assert json.loads(done.stdout)["schema"] == {
        "id": "global-pipeline",
        "version": "2026.3",
        "signed": True,
    }


def test_unreadable_file_is_one_sentence(program, tmp_path):
    missing = tmp_path / "no-such-file.xlsx"
    done = run(program, "check", str(missing), cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("template-checker: ")


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_window_screenshot_on_the_sample(program, tmp_path):
    # The window needs the offscreen platform and image-format plugins in the bundle.
    out = tmp_path / "window.png"
    done = run(program, "gui", str(WITH_PROBLEMS), "--screenshot", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert png_size(out) == (1440, 900)


def test_bundle_holds_the_resources(built):
    inside = built / "dist" / NAME / "_internal"
    resources = inside / "desktop_app" / "resources"
    assert (inside / "desktop_app" / "schemas" / "global-pipeline.yaml").is_file()
    assert (resources / "samples" / CLEAN.name).is_file()
    assert (resources / "samples" / WITH_PROBLEMS.name).is_file()
    for language in ("en", "sv", "de"):
        assert (resources / "messages" / language / "findings.yaml").is_file()
    assert (resources / "help" / "en.yaml").is_file()
    for ts in (ROOT / "resources" / "translations").glob("*.ts"):
        assert (resources / "translations" / f"{ts.stem}.qm").is_file(), ts.name
        assert not (resources / "translations" / ts.name).exists()
    for icon in (ROOT / "resources").glob("icon.*"):
        assert (resources / icon.name).is_file()
    plugins = inside / "PySide6" / "Qt" / "plugins"
    assert list((plugins / "platforms").glob("*qoffscreen*"))
    assert list((plugins / "imageformats").glob("*"))


def test_bundle_leaves_out_test_tools(built):
    from PyInstaller.archive.readers import ZlibArchiveReader

    (archive,) = built.glob("build/*/PYZ-00.pyz")  # the work folder is named after the spec
    modules = ZlibArchiveReader(str(archive)).toc
    top = {name.split(".")[0] for name in modules}
    assert "desktop_app" in top
    assert not top & {"pytest", "_pytest", "hypothesis", "tkinter", "pytestqt"}
