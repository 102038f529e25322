"""Was a submission file changed after its check? The global team's first step on receipt.

The data hash recorded in the Submission sheet is recomputed from the Pipeline sheet
as python-calamine reads it back (see desktop_app.core.output.export for the canonical form).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
        against = (
            f"checked on {r.checked_at} against schema {r.schema_id} {r.schema_version} "
            f"(SHA-256 {r.schema_sha256})"
        )
        if not self.changed:
            return (
                f"{self.path.name} is unchanged since it was {against}: "
                f"{r.subsidiary} {r.period}, {r.rows} rows."
            )
        rows = f"{r.rows} rows recorded, {self.rows_found} found"
        return (
            f"{self.path.name} was CHANGED after it was {against}: its data no longer "
            f"matches the hash recorded at the check ({rows}); ask {r.subsidiary or 'the sender'} "
            "for the file as exported, or check it again."
        )


def _sheet_rows(workbook, name: str, path: Path) -> list[list]:
    try:
        return workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception:  # calamine raises its own error types for a missing sheet
        raise NotASubmission(
            f"{path.name} has no sheet {name!r}, so it is not a submission file written by "
            "Template Checker; export the checked file with `template-checker export`."
        ) from None


def _check_size(path: Path, package: XlsxPackage, sheets: tuple[str, ...]) -> None:
    """Refuse a sheet claiming an absurd size before calamine tries to allocate it."""
    for name in sheets:
        if name not in package.sheet_xml:
            continue
        extent = sheet_extent(package, name)  # the last used cell, not the <dimension>
        if extent.cells > bundled_limits().max_sheet_cells:
            raise NotASubmission(
                f"{path.name}: sheet {name!r} reaches cell {extent.far_cell}, far "
                "beyond any submission; it was not written by Template Checker as it is."
            )


def verify_submission(path: Path) -> VerifyResult:
    """Recompute the data hash of a submission file and compare it with the recorded one."""
    path = Path(path)
    if not path.is_file():
        raise NotASubmission(f"{path} was not found; check the file name and folder.")
    with open_package(path) as package:  # zip-bomb and damage checks; raises SourceError
        return _verify(path, package)


def _verify(path: Path, package: XlsxPackage) -> VerifyResult:
    """The hash of the package's data sheet against the one its Submission sheet records
    (calamine reads the values: it opens the file itself, besides the package's zip)."""
    import python_calamine as pc

    try:
        workbook = pc.CalamineWorkbook.from_path(str(path))
    except (pc.CalamineError, pc.ZipError, pc.XmlError, ValueError) as exc:
        raise SourceError(f"{path.name} could not be read as a workbook ({exc}).") from None
    _check_size(path, package, ("Submission",))
    try:
        record = SubmissionRecord.from_rows(_sheet_rows(workbook, "Submission", path))
    except KeyError as exc:
        raise NotASubmission(
            f"{path.name}: the Submission sheet lacks or garbles {exc}, so the file cannot be "
            "verified; ask the sender for the file as exported."
        ) from None
    if record.hash_method != HASH_METHOD:
        raise NotASubmission(
            f"{path.name} was hashed with method {record.hash_method!r}, which this version "
            f"of Template Checker does not know; use the version named in the file ({record.program})."
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
