"""Was a submission file changed after its check? The global team's first step on receipt.

The data hash recorded in the Submission sheet is recomputed from the Pipeline sheet
as python-calamine reads it back (see desktop_app.core.output.export for the canonical form).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.model.catalogue import render
from desktop_app.core.model.errors import ProblemForUser, SourceError
from desktop_app.core.output.export import HASH_METHOD, SubmissionRecord, data_sha256
from desktop_app.core.reading.limits import bundled_limits
from desktop_app.core.reading.package import XlsxPackage, open_package
from desktop_app.core.reading.scan import sheet_extent


class NotASubmission(ProblemForUser):
    """The file cannot be verified: not a workbook, or not one the export wrote."""


@dataclass(frozen=True)
class VerifyResult:
    path: Path
    changed: bool
    record: SubmissionRecord  # what the Submission sheet says
    computed_sha256: str
    rows_found: int

    @property
    def schema_id(self) -> str:
        return self.record.schema_id

    @property
    def schema_version(self) -> str:
        return self.record.schema_version

    @property
    def schema_sha256(self) -> str:
        return self.record.schema_sha256

    @property
    def message(self) -> str:
        r = self.record
        said = {
            "file": self.path.name,
            "checked_at": r.checked_at,
            "schema": r.schema_id,
            "version": r.schema_version,
            "sha256": r.schema_sha256,
            "rows": str(r.rows),
        }
        if not self.changed:
            return render(
                "jobs.verify.unchanged", said | {"subsidiary": r.subsidiary, "period": r.period}
            )
        sender = r.subsidiary or render("jobs.verify.the_sender")
        return render(
            "jobs.verify.changed", said | {"found": str(self.rows_found), "sender": sender}
        )


def _sheet_rows(workbook, name: str, path: Path) -> list[list]:
    try:
        return workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception:  # calamine raises its own error types for a missing sheet
        raise NotASubmission("jobs.verify.no_sheet", file=path.name, sheet=repr(name)) from None


def _check_size(path: Path, package: XlsxPackage, sheets: tuple[str, ...]) -> None:
    """Refuse a sheet claiming an absurd size before calamine tries to allocate it."""
    for name in sheets:
        if name not in package.sheet_xml:
            continue
        extent = sheet_extent(package, name)  # the last used cell, not the <dimension>
        if extent.cells > bundled_limits().max_sheet_cells:
            raise NotASubmission(
                "jobs.verify.sheet_too_big",
                file=path.name,
                sheet=repr(name),
                cell=str(extent.far_cell),
            )


def verify_submission(path: Path) -> VerifyResult:
    """Recompute the data hash of a submission file and compare it with the recorded one."""
    path = Path(path)
    if not path.is_file():
        raise NotASubmission("jobs.verify.not_found", file=str(path))
    with open_package(path) as package:  # zip-bomb and damage checks; raises SourceError
        return _verify(path, package)


def _verify(path: Path, package: XlsxPackage) -> VerifyResult:
    """The hash of the package's data sheet against the one its Submission sheet records
    (calamine reads the values: it opens the file itself, besides the package's zip)."""
    import python_calamine as pc

    try:
        workbook = pc.CalamineWorkbook.from_path(str(path))
    except (pc.CalamineError, pc.ZipError, pc.XmlError, ValueError) as exc:
        raise SourceError("jobs.verify.not_a_workbook", file=path.name, reason=str(exc)) from None
    _check_size(path, package, ("Submission",))
    try:
        record = SubmissionRecord.from_rows(_sheet_rows(workbook, "Submission", path))
    except KeyError as exc:
        raise NotASubmission("jobs.verify.garbled", file=path.name, field=str(exc)) from None
    if record.hash_method != HASH_METHOD:
        raise NotASubmission(
            "jobs.verify.unknown_method",
            file=path.name,
            method=repr(record.hash_method),
            program=record.program,
        )
    _check_size(path, package, (record.data_sheet,))
    rows = _sheet_rows(workbook, record.data_sheet, path)
    workbook.close()
    computed = data_sha256(rows[0] if rows else [], rows[1:])
    return VerifyResult(
        path=path,
        changed=computed != record.data_sha256,
        record=record,
        computed_sha256=computed,
        rows_found=max(len(rows) - 1, 0),
    )


def recorded_check(path: Path) -> SubmissionRecord | None:
    """What the Submission sheet of a file exported by the program records (the schema it
    was checked against); None for a file without one, or one it cannot be read from."""
    import python_calamine as pc

    try:
        with open_package(path) as package:
            if "Submission" not in package.sheet_xml:
                return None
            _check_size(path, package, ("Submission",))
        workbook = pc.CalamineWorkbook.from_path(str(path))
        try:
            return SubmissionRecord.from_rows(_sheet_rows(workbook, "Submission", path))
        finally:
            workbook.close()
    except (ProblemForUser, KeyError, OSError, ValueError, pc.CalamineError):
        return None  # the file itself was read and checked; only the record is missing
