"""The consolidated workbook: Summary, the global Pipeline and the cross-file findings.

The Pipeline sheet has the source file, its row and period before the schema's
columns, dates as serial numbers under the schema's formats, so the global team can
filter and pivot it; the Summary counts and totals per subsidiary and stage.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.core.model.catalogue import render
from desktop_app.core.output.xlsx_stream import Column, XlsxStream
from desktop_app.core.schema.definition import TemplateSchema

if TYPE_CHECKING:
    from desktop_app.core.jobs.consolidate import ConsolidationResult

LEAD_COLUMNS = ["Source file", "Source row", "Reporting period"]
EXCEL_MAX_ROWS = 1_048_576
MONEY = "#,##0.00"  # amounts in the Summary


class ConsolidatedWorkbook:
    """Summary (the first tab), the global Pipeline (streamed) and the cross-file findings.

    The Pipeline's rows go into the file as each file comes in, so memory stays flat
    however many rows; the two small sheets, known only at the end, are kept until then.
    """

    def __init__(self, path: Path, schema: TemplateSchema) -> None:
        self.schema = schema
        self.book = XlsxStream(path)
        self.summary = self.book.add_sheet("Summary", [Column(width=30)] + [Column(width=14)] * 12)
        lead = [Column(LEAD_COLUMNS[0], 30)] + [Column(label) for label in LEAD_COLUMNS[1:]]
        self.pipeline = self.book.add_sheet(
            schema.model.data_sheet,
            lead + [_pipeline_column(c) for c in schema.model.columns],
            autofilter=False,
        )
        widths = {4: 70, 5: 30}
        self.findings = self.book.add_sheet(
            "Cross-file findings", [Column(width=widths.get(c)) for c in range(8)]
        )
        self.rows_written = 0

    def has_room_for(self, rows: int) -> bool:
        """Whether the Pipeline sheet can take that many more rows (below its header)."""
        return self.rows_written + rows < EXCEL_MAX_ROWS

    def add_rows(self, columns: list[list[Any]]) -> None:
        n = len(columns[0])
        write = self.pipeline.write_row
        for row in zip(*columns, strict=True):
            write(row)
        self.rows_written += n

    def finish(self, result: ConsolidationResult) -> None:
        self._write_summary(result)
        self._write_findings(result)
        self.book.close()

    def __enter__(self) -> ConsolidatedWorkbook:
        return self

    def __exit__(self, *exc) -> None:
        """Close the file, unfinished if the work stopped (atomic_path then removes it)."""
        self.book.__exit__(*exc)

    def _table(self, sheet, title: str, headers: list[str], rows: list[list]) -> None:
        """A bold title and header row over the rows (amounts in EUR formatted), then a gap."""
        sheet.write_row([title], bold=True)
        sheet.write_row(headers, bold=True)
        for values in rows:
            money = [MONEY if isinstance(v, float) else None for v in values]
            sheet.write_row(values, number_formats=money)
        sheet.write_row([])

    def _write_summary(self, result: ConsolidationResult) -> None:
        sheet = self.summary
        subs = result.subsidiaries()
        title = {"schema": self.schema.id, "version": self.schema.version}
        said = render("jobs.summary.title", title)
        if self.schema.signed is False:  # a --schema draft
            said += f" ({render('channel.unsigned_schema')})"
        sheet.write_row([said], bold=True)
        counts = {
            "files": len(result.files),
            "taken_in": len(result.taken_in),
            "left_out": len(result.left_out),
            "rows": result.rows_written,
            "findings": len(result.cross_file),
            "errors": result.cross_file_errors,
        }
        sheet.write_row([render("jobs.summary.counts", {k: str(v) for k, v in counts.items()})])
        sheet.write_row([])
        self._table(
            sheet,
            "Per subsidiary",
            ["Subsidiary", "Files", "Taken in", "Periods", "Template versions", "Rows",
             "Errors", "Warnings", "Fixed", "Open pipeline (EUR)", "Weighted open pipeline (EUR)"],
            [
                [code, s["files"], s["taken_in"], ", ".join(s["periods"]),
                 ", ".join(s["template_versions"]), s["rows"], s["errors"], s["warnings"],
                 s["fixed"], s["open_pipeline_eur"], s["weighted_open_pipeline_eur"]]
                for code, s in subs.items()
            ],
        )  # fmt: skip
        self._table(
            sheet,
            "By stage (files taken in)",
            ["Subsidiary", "Stage", "Rows", "Pipeline (EUR)", "Weighted pipeline (EUR)"],
            [
                [code, stage, t.rows, t.pipeline_eur, t.weighted_eur]
                for code, s in subs.items()
                if s["taken_in"]
                for stage, t in s["stages"].items()
            ],
        )
        self._table(
            sheet,
            "Files",
            ["File", "Subsidiary", "Period", "Template version", "Checked against",
             "Re-checked against", "Status", "Rows", "Errors", "Warnings", "Fixed",
             "Why left out"],
            [
                [f.file, f.subsidiary, f.period, f.template_version, f.checked_against,
                 self.schema.version, f.status, f.rows, f.errors, f.warnings, f.fixed,
                 " | ".join(f.reasons) or None]
                for f in result.files
            ],
        )  # fmt: skip

    def _write_findings(self, result: ConsolidationResult) -> None:
        self._table(
            self.findings,
            "Across files (DQ9)",
            ["Rule", "Severity", "Column", "Value", "Message", "File", "Subsidiary", "Rows"],
            [
                [c.finding.rule, c.finding.severity, c.finding.column, c.finding.value,
                 c.finding.message, o["file"], o["subsidiary"], ", ".join(map(str, o["rows"]))]
                for c in result.cross_file
                for o in c.occurrences
            ],
        )  # fmt: skip


def _pipeline_column(col) -> Column:
    """A schema column of the global Pipeline; dates come as serial numbers."""
    if col.type == "text":
        return Column(col.label, col.width or 12)
    return Column(
        col.label, col.width or 12, col.format or ("yyyy-mm-dd" if col.type == "date" else None)
    )
