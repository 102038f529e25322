"""Consolidation: check every submission in a folder and merge the clean ones.

Files are checked in worker processes (reading and checking are CPU-bound) and
come back in name order, so the global `Pipeline` sheet is written row by row
while later files are still being checked; only a few results wait in memory at
once. A file with any error is left out and listed with the reason. Across the
files taken in, DQ9's cross-file half (checking.rules.dq9_ownership) looks for one
customer worked by several subsidiaries without a collaboration mark, and one
opportunity ID reported in two files.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from desktop_app.core.checking.money import StageTotals, frame_amount_eur, stage_totals
from desktop_app.core.checking.rules.dq9_ownership import CrossFileFinding, cross_file_findings
from desktop_app.core.jobs.consolidated_workbook import (
    EXCEL_MAX_ROWS,
    LEAD_COLUMNS,
    ConsolidatedWorkbook,
)
from desktop_app.core.jobs.verify import recorded_check
from desktop_app.core.model.atomic import atomic_path
from desktop_app.core.model.catalogue import render
from desktop_app.core.model.errors import ProblemForUser, describe_error
from desktop_app.core.model.findings import Finding
from desktop_app.core.model.progress import Progress
from desktop_app.core.reading.policy import IN_CHILD, SCAN_FIRST, ReadPolicy
from desktop_app.core.schema.definition import TemplateSchema

SUBMISSION_SUFFIXES = {".xlsx", ".xlsm", ".csv"}
TAKEN_IN, REJECTED, UNREADABLE = "taken in", "rejected", "unreadable"
REASONS_SHOWN = 3  # errors quoted for a rejected file
EXCEL_EPOCH_OFFSET = 25_569  # days from 1899-12-30 (Excel's day 0) to 1970-01-01


class FolderProblem(ProblemForUser):
    """The folder to consolidate cannot be used."""


@dataclass
class FileOutcome:
    file: str  # the file's name in the folder
    status: str  # taken in, rejected or unreadable
    subsidiary: str | None = None
    period: str | None = None
    template_version: str | None = None
    # The schema version the file's Submission sheet says it was checked against when it
    # was exported (None: not a file exported by the program), and that schema's SHA-256;
    # every file is checked again here against the version in use.
    checked_against: str | None = None
    checked_against_sha256: str | None = None
    rows: int = 0
    errors: int = 0
    warnings: int = 0
    fixed: int = 0
    reasons: list[str] = field(default_factory=list)  # why it was left out
    stages: dict[str, StageTotals] = field(default_factory=dict)


@dataclass
class ConsolidationResult:
    folder: Path
    target: Path
    schema: TemplateSchema
    files: list[FileOutcome]
    cross_file: list[CrossFileFinding]
    rows_written: int

    @property
    def taken_in(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status == TAKEN_IN]

    @property
    def left_out(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status != TAKEN_IN]

    @property
    def cross_file_errors(self) -> int:
        return sum(1 for c in self.cross_file if c.finding.severity == "error")

    @property
    def passed(self) -> bool:
        return not self.left_out and not self.cross_file_errors

    def rechecked(self, f: FileOutcome) -> bool:
        """Whether f was exported after a check against another schema than the one in use."""
        return f.checked_against_sha256 not in (None, self.schema.sha256)

    def subsidiaries(self) -> dict[str, dict[str, Any]]:
        """Per subsidiary: files, rows taken in, counts, versions and totals by stage."""
        out: dict[str, dict[str, Any]] = {}
        for f in self.files:
            code = f.subsidiary or "(unknown)"
            s = out.setdefault(
                code,
                {"files": 0, "taken_in": 0, "rows": 0, "errors": 0, "warnings": 0, "fixed": 0,
                 "periods": [], "template_versions": [],
                 "stages": {st: StageTotals() for st in self.schema.model.process}},
            )  # fmt: skip
            s["files"] += 1
            s["taken_in"] += f.status == TAKEN_IN
            for key in ("rows", "errors", "warnings", "fixed"):
                s[key] += getattr(f, key)
            for key, value in (("periods", f.period), ("template_versions", f.template_version)):
                if value and value not in s[key]:
                    s[key].append(value)
            for stage, t in f.stages.items():
                s["stages"].setdefault(stage, StageTotals()).add(t)
        open_stages = set(self.schema.open_stages)
        for s in out.values():
            s["open_pipeline_eur"] = sum(
                t.pipeline_eur for st, t in s["stages"].items() if st in open_stages
            )
            s["weighted_open_pipeline_eur"] = sum(
                t.weighted_eur for st, t in s["stages"].items() if st in open_stages
            )
        return dict(sorted(out.items()))

    def to_json(self) -> dict[str, Any]:
        return {
            "folder": str(self.folder),
            "output": str(self.target),
            "schema": {**self.schema.to_json(), "sha256": self.schema.sha256},
            "summary": {
                "files": len(self.files),
                "taken_in": len(self.taken_in),
                "left_out": len(self.left_out),
                "rows": self.rows_written,
                "cross_file_errors": self.cross_file_errors,
                "cross_file_warnings": len(self.cross_file) - self.cross_file_errors,
            },
            "files": [
                {**asdict(f), "stages": {k: asdict(v) for k, v in f.stages.items()}}
                for f in self.files
            ],
            "subsidiaries": {
                code: {**s, "stages": {k: asdict(v) for k, v in s["stages"].items()}}
                for code, s in self.subsidiaries().items()
            },
            "cross_file_findings": [c.to_json() for c in self.cross_file],
        }


# ---------------------------------------------------------------- one file


@dataclass
class _Checked:
    outcome: FileOutcome
    columns: list[list[Any]] | None = None  # Pipeline sheet values, column by column


def submissions_in(folder: str | Path, exclude: tuple[Path, ...] = ()) -> list[Path]:
    """The workbooks in folder, by name; Excel's lock files and hidden files left out."""
    folder = Path(folder)
    if not folder.is_dir():
        missing = not folder.exists()
        raise FolderProblem(
            "jobs.folder.missing" if missing else "jobs.folder.a_file", folder=str(folder)
        )
    skip = {p.resolve() for p in exclude}
    files = sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and p.suffix.lower() in SUBMISSION_SUFFIXES
        and not p.name.startswith(("~$", "."))
        and p.resolve() not in skip
    )
    if not files:
        raise FolderProblem("jobs.folder.no_submissions", folder=str(folder))
    return files


def check_submission(
    path: Path, schema: TemplateSchema, policy: ReadPolicy = SCAN_FIRST
) -> _Checked:
    """Check one file and, when it has no error, put its rows into sheet form. A worker
    reads with SCAN_FIRST: its cores are busy, a scan beside the reader would only wait."""
    from desktop_app.core.checking.engine import check_file

    try:
        result = check_file(path, schema, policy=policy)
    except Exception as exc:  # a file that cannot be read is reported, not fatal
        return _Checked(FileOutcome(path.name, UNREADABLE, reasons=[describe_error(exc)[0]]))
    summary = result.summary
    version = result.table.info.get("template_version")
    outcome = FileOutcome(
        file=path.name,
        status=TAKEN_IN if result.passed else REJECTED,
        subsidiary=result.subsidiary,
        period=result.period.label if result.period else None,
        template_version=None if version is None else str(version).strip(),
        rows=len(result.rows) if result.passed else 0,
        errors=summary["errors"],
        warnings=summary["warnings"],
        fixed=summary["fixed"],
    )
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        record = recorded_check(path)
        if record is not None:
            outcome.checked_against = record.schema_version
            outcome.checked_against_sha256 = record.schema_sha256
    if not result.passed:
        errors = sorted((f for f in result.findings if f.severity == "error"), key=Finding.sort_key)
        outcome.reasons = [_reason(f) for f in errors[:REASONS_SHOWN]]
        return _Checked(outcome)
    columns, outcome.stages = _sheet_columns(result, path.name, outcome.period)
    return _Checked(outcome, columns)


def _reason(f: Finding) -> str:
    """Why a rejected file was left out: an error and where it is."""
    if f.cell:
        return f"{f.cell}: {f.message}"
    if f.row:
        return render("jobs.reason.row", {"row": str(f.row), "message": f.message})
    return render("jobs.reason.file", {"message": f.message})


def _sheet_columns(result, file_name: str, period: str | None):
    """The Pipeline sheet's values for one file, and its totals by stage."""
    import numpy as np
    import pandas as pd

    schema, frame = result.schema, result.frame
    n = len(frame)
    columns: list[list[Any]] = [[file_name] * n, list(result.rows), [period] * n]
    numbers: dict[str, np.ndarray] = {}
    for col in schema.model.columns:
        if col.name not in frame:
            columns.append([None] * n)
            continue
        values = frame[col.name]
        if col.type == "date":
            days = values.to_numpy().astype("datetime64[D]")
            serial = days.astype(np.int64).astype(float) + EXCEL_EPOCH_OFFSET
            serial[np.isnat(days)] = np.nan
            columns.append(_none_for_nan(serial))
        elif col.type in ("integer", "decimal"):
            numbers[col.name] = pd.to_numeric(values).to_numpy(dtype=float, na_value=np.nan)
            columns.append(numbers[col.name])  # amount_eur is filled below
        else:
            columns.append(values.tolist())
    eur, _ = frame_amount_eur(frame, schema.model.rates)
    names = [c.name for c in schema.model.columns]
    numbers["amount_eur"] = eur
    for name, values in numbers.items():
        columns[len(LEAD_COLUMNS) + names.index(name)] = _none_for_nan(values)
    stages = schema.model.process
    return columns, stage_totals(stages, frame["stage"], eur, numbers.get("probability"))


def _none_for_nan(values) -> list[Any]:
    return [None if x != x else x for x in values.tolist()]


# ---------------------------------------------------------------- many files

_WORKER_SCHEMA: TemplateSchema | None = None


def _start_worker(schema: TemplateSchema) -> None:
    global _WORKER_SCHEMA
    _WORKER_SCHEMA = schema


def _check_in_worker(path: Path) -> _Checked:
    return check_submission(path, _WORKER_SCHEMA)


def _pool(workers: int, schema: TemplateSchema) -> ProcessPoolExecutor:
    # spawn, not fork: the window's process holds Qt and threads that must not be forked
    return ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(schema,),
    )


def _alone(path: Path, schema: TemplateSchema) -> _Checked:
    """One file that was in flight when a reader took a worker down, checked again here
    with its reader in a child process of its own: a reader that aborts again takes
    only that child, and the file is reported unreadable with the reason."""
    return check_submission(path, schema, IN_CHILD)


def checked_in_order(paths: list[Path], schema: TemplateSchema, workers: int) -> Iterator[_Checked]:
    """Each file's result, in the order of paths; at most 2 x workers files ahead.

    With workers 0 every file is checked in this process.
    """
    if workers <= 0:
        for path in paths:
            yield check_submission(path, schema)
        return
    queue = iter(paths)
    while True:
        pool = _pool(workers, schema)
        try:
            pending = deque(
                (p, pool.submit(_check_in_worker, p)) for p in islice(queue, 2 * workers)
            )
            broken: list[Path] = []
            while pending:
                path, future = pending.popleft()
                try:
                    checked = future.result()
                except BrokenProcessPool:  # retry what was in flight one by one, then go on
                    broken = [path, *(p for p, _ in pending)]
                    break
                nxt = next(queue, None)
                if nxt is not None:
                    pending.append((nxt, pool.submit(_check_in_worker, nxt)))
                yield checked
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        if not broken:
            return
        for path in broken:
            yield _alone(path, schema)


# ---------------------------------------------------------------- the whole job


def consolidate_folder(
    folder: str | Path,
    schema: TemplateSchema,
    target: str | Path,
    progress: Progress | None = None,
    workers: int | None = None,
) -> ConsolidationResult:
    """Check every submission in folder and write the consolidated workbook to target.

    workers: processes that check files (0: all in this process; default: one
    fewer than the cores, since this process writes while they check).
    """
    progress = progress or Progress()
    folder, target = Path(folder), Path(target)
    paths = submissions_in(folder, exclude=(target,))
    if workers is None:
        # Writing the Pipeline sheet takes one core; checking gets the others.
        workers = min(len(paths) - 1, max(1, (os.cpu_count() or 1) - 1))
    files: list[FileOutcome] = []
    keys: list[tuple[str, str | None, list]] = []  # (file, subsidiary, its key columns)
    progress.step(render("jobs.progress.checking", {"files": str(len(paths))}), 0.0)
    with (
        atomic_path(target, protect=tuple(paths)) as tmp,
        ConsolidatedWorkbook(tmp, schema) as book,
    ):
        for i, checked in enumerate(checked_in_order(paths, schema, workers), start=1):
            outcome = checked.outcome
            files.append(outcome)
            if checked.columns is not None:
                if not book.has_room_for(len(checked.columns[0])):
                    raise FolderProblem("jobs.too_many_rows", rows=f"{EXCEL_MAX_ROWS - 1:,}")
                book.add_rows(checked.columns)
                keys.append((outcome.file, outcome.subsidiary, _keys(schema, checked.columns)))
            done = {"file": outcome.file, "done": str(i), "files": str(len(paths))}
            progress.step(render("jobs.progress.checked", done), 0.95 * i / len(paths))
        progress.step(render("jobs.progress.comparing"), 0.96)
        cross = cross_file_findings(schema, keys)
        result = ConsolidationResult(folder, target, schema, files, cross, book.rows_written)
        progress.step(render("jobs.progress.summary"), 0.98)
        book.finish(result)
    progress.step(render("jobs.progress.finished"), 1.0)
    return result


def _keys(schema: TemplateSchema, columns: list[list[Any]]) -> list[list[Any]]:
    """Source rows, customer IDs, opportunity IDs and collaboration marks of one file."""
    names = [c.name for c in schema.model.columns]

    def column(name: str) -> list[Any]:
        return columns[len(LEAD_COLUMNS) + names.index(name)]

    return [
        columns[1],
        column("customer_id"),
        column("opportunity_id"),
        column("collaboration_with"),
    ]
