"""LibreOffice in tests: open what the program writes the way a person's office suite does.

`soffice --headless --convert-to` opens a file and saves it again; a file LibreOffice
cannot open fails the conversion, and the re-saved copy holds the values LibreOffice read
(formulas recalculated), which `values_seen_by_libreoffice` reads back with openpyxl.
Each conversion gets its own LibreOffice profile, so tests may run side by side.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl
import pytest

SOFFICE = shutil.which("soffice")

needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it"
)


def resave_with_libreoffice(path: Path, to: str, outdir: Path, infilter: str | None = None) -> Path:
    """path opened and saved again by LibreOffice as `to` (xlsx, ods, csv) in outdir;
    infilter: the import filter and its options, as the import dialog would set them
    (for a CSV: `CSV:44,34,76,1` is comma, double quote, UTF-8, from line 1)."""
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        done = subprocess.run(
            [
                SOFFICE or "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                *([f"--infilter={infilter}"] if infilter else []),
                "--convert-to",
                to,
                "--outdir",
                str(outdir),
                str(path),
            ],
            capture_output=True,
            text=True,
            timeout=180,
        )
    out = outdir / f"{path.stem}.{to.split(':')[0]}"
    assert done.returncode == 0 and out.exists(), (
        f"LibreOffice could not open {path.name}: {done.stderr}"
    )
    return out


def values_seen_by_libreoffice(
    path: Path, outdir: Path, infilter: str | None = None
) -> dict[str, list[list]]:
    """Every sheet's cell values as LibreOffice read them, by sheet name."""
    resaved = resave_with_libreoffice(path, "xlsx", outdir, infilter)
    book = openpyxl.load_workbook(resaved, data_only=True, read_only=True)
    try:
        return {
            ws.title: [list(row) for row in ws.iter_rows(values_only=True)]
            for ws in book.worksheets
        }
    finally:
        book.close()
