"""Run the nine rules over a SourceTable and collect the findings.

The rules run in order and share a CheckContext: DQ1 finds out whose file it is
and for which period and drops non-data rows; DQ2 marks empty cells; DQ3 turns raw
cells into typed values; DQ4 puts listed values into canonical form. DQ5-DQ9 then
work on `ctx.frame`, which holds the values as the clean export will write them.
A cell whose value could not be read is None/NaN there, so later rules skip it
instead of piling a second finding on the same mistake.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from desktop_app.core.model.findings import Finding, summarise
from desktop_app.core.model.period import Period
from desktop_app.core.model.progress import Progress
from desktop_app.core.reading.policy import SCAN_FIRST, ReadPolicy
from desktop_app.core.reading.source import read_source
from desktop_app.core.reading.table import SourceTable
from desktop_app.core.schema.definition import TemplateSchema

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class CheckOptions:
    subsidiary: str | None = None
    period: str | None = None


@dataclass
class CheckContext:
    schema: TemplateSchema
    table: SourceTable
    options: CheckOptions = field(default_factory=CheckOptions)
    findings: list[Finding] = field(default_factory=list)
    subsidiary: str | None = None
    period: Period | None = None
    # positions (into table.raw) of the rows that are data, set by DQ1
    positions: np.ndarray | None = None
    rows: np.ndarray | None = None  # Excel row numbers of those rows
    empty: dict[str, np.ndarray] = field(default_factory=dict)  # set by DQ2
    all_text: set[str] = field(default_factory=set)  # columns whose values are all str, by DQ2
    unreadable: dict[str, np.ndarray] = field(default_factory=dict)  # set by DQ3/DQ4
    frame: pd.DataFrame | None = None  # typed, canonical values, set by DQ3/DQ4
    _kinds: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    @property
    def locale(self) -> str:
        return self.schema.locale_for(self.subsidiary)

    @property
    def report_date(self):
        return self.period.end if self.period else None

    @property
    def sheet(self) -> str | None:
        return self.table.sheet

    def has(self, column: str) -> bool:
        return self.frame is not None and column in self.frame.columns

    def set_column(self, column: str, values) -> None:
        """Put typed values into the frame; text stays object dtype with None for missing."""
        import pandas as pd

        dtype = None if getattr(values, "dtype", np.dtype(object)).kind != "O" else object
        self.frame[column] = pd.Series(values, dtype=dtype, copy=False)

    def raw_values(self, column: str) -> np.ndarray:
        """The raw values of the data rows (non-data rows removed), an object array."""
        raw = self.table.raw[column]
        return raw if len(self.positions) == len(raw) else raw[self.positions]

    def kinds(self, column: str) -> np.ndarray:
        """The Python type of each raw value of the data rows, computed once per column."""
        cached = self._kinds.get(column)
        if cached is None:
            values = self.raw_values(column)
            cached = self._kinds[column] = np.fromiter(
                map(type, values), dtype=object, count=len(values)
            )
        return cached

    def add(
        self,
        code: str,
        *,
        row: int | None = None,
        column: str | None = None,
        value: Any = None,
        suggestion: Any = None,
        cell: bool = True,
        **params: Any,
    ) -> Finding:
        """Record a finding; rule and severity come from the code and the schema."""
        ref = None
        if cell and row is not None and column is not None:
            ref = self.table.cell_ref(column, row)
        finding = Finding.of(
            code,
            self.schema.severity(code),
            sheet=self.table.sheet,
            row=row,
            column=column,
            cell=ref,
            value=value,
            suggestion=suggestion,
            params=params,
        )
        self.findings.append(finding)
        return finding


@dataclass
class CheckResult:
    schema: TemplateSchema
    table: SourceTable
    findings: list[Finding]
    subsidiary: str | None
    period: Period | None
    frame: Any  # pandas DataFrame of typed canonical values (None if no data sheet)
    rows: list[int]  # Excel row of each frame row
    checked_at: datetime
    edits: list = field(default_factory=list)  # Edit records applied before this check

    @property
    def summary(self) -> dict[str, Any]:
        return summarise(self.findings)

    @property
    def error_count(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def passed(self) -> bool:
        return self.error_count == 0

    def to_json(self) -> dict[str, Any]:
        ordered = sorted(self.findings, key=Finding.sort_key)
        return {
            "file": str(self.table.path),
            "schema": {"id": self.schema.id, "version": self.schema.version},
            "subsidiary": self.subsidiary,
            "period": self.period.label if self.period else None,
            "summary": self.summary,
            "findings": [f.to_json() for f in ordered],
        }


def check_table(
    table: SourceTable,
    schema: TemplateSchema,
    options: CheckOptions | None = None,
    progress: Progress | None = None,
) -> CheckResult:
    """Apply the nine rules, in order, to an already read table."""
    from desktop_app.core.checking.rules import RULES

    progress = progress or Progress()
    ctx = CheckContext(schema=schema, table=table, options=options or CheckOptions())
    for i, rule in enumerate(RULES):
        progress.step(f"Checking {rule.RULE}: {rule.TITLE}", 0.5 + 0.5 * i / len(RULES))
        rule.check(ctx)
        if table.header_row is None:
            break  # no data to check; DQ1 has said why
    progress.step("Check finished", 1.0)
    rows = [] if ctx.rows is None else ctx.rows.tolist()
    return CheckResult(
        schema=schema,
        table=table,
        findings=ctx.findings,
        subsidiary=ctx.subsidiary,
        period=ctx.period,
        frame=ctx.frame,
        rows=rows,
        checked_at=datetime.now().astimezone(),
    )


def check_file(
    path: str | Path,
    schema: TemplateSchema,
    options: CheckOptions | None = None,
    progress: Progress | None = None,
    *,
    policy: ReadPolicy = SCAN_FIRST,
) -> CheckResult:
    """Read FILE and check it: the whole job of `template-checker check`.

    policy: how the read guards against a reader that aborts the process (see
    desktop_app.core.reading.policy); the default suits a process with something to lose.
    """
    progress = progress or Progress()
    table = read_source(path, schema, progress, policy=policy)
    return check_table(table, schema, options, progress)
