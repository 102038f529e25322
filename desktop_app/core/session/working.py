"""WorkingSession: a checked file that a person is fixing, one edit at a time.

The window edits through this class, never the table itself. An edit changes the
raw cell (as if typed in Excel) and is re-checked at once, without running the
whole check again (a second at 100,000 rows): most checks look at one row at a
time, so only the edited rows go through them again, as a small table of their
own. What compares rows is re-checked where an edit can reach: DQ6 over the rows
sharing an ID or a duplicate key with an edited row, DQ8's median over the amount
column. What DQ1 settles for the whole file (which rows are data, whose file it is
when only the Subsidiary column says so, whether lost deals lack a reason column)
can change with an edit too; then everything is checked again. A property test
holds all this to the findings and typed frame a full check gives.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

from desktop_app.core.checking.engine import (
    CheckContext,
    CheckOptions,
    CheckResult,
    check_file,
    check_table,
)
from desktop_app.core.checking.money import frame_amount_eur, stage_totals
from desktop_app.core.checking.parsing import parse_date, parse_number
from desktop_app.core.model.edits import Edit
from desktop_app.core.model.findings import Finding
from desktop_app.core.model.progress import Progress
from desktop_app.core.reading.workbook import SourceTable
from desktop_app.core.schema.definition import TemplateSchema

# Readings of typed text that Excel itself would have turned into a number or a date.
_NUMBER_AS_TYPED = {"plain", "locale"}
_DATE_AS_TYPED = {"iso", "numeric", "month_name"}


@dataclass(frozen=True)
class Recheck:
    """What an edit changed: the Excel rows to redraw, or everything (`full`).

    `pending`: the edit needs a full check that apply(..., defer_full=True) left to the
    caller (check_in_full() off the GUI thread, then adopt()); until then the findings
    are those from before the edit.
    """

    rows: frozenset[int]
    full: bool = False
    pending: bool = False


class WorkingSession:
    def __init__(self, result: CheckResult, options: CheckOptions | None = None) -> None:
        self.schema: TemplateSchema = result.schema
        self.table: SourceTable = result.table
        self.options = options or CheckOptions()
        self.edits: list[Edit] = []
        self._position = {row: pos for pos, row in enumerate(self.table.rows)}
        self._known = {c.name for c in self.schema.columns}
        self._rules = _rules_by_id()
        self._adopt(result)

    @classmethod
    def open(
        cls,
        path: str | Path,
        schema: TemplateSchema,
        options: CheckOptions | None = None,
        progress: Progress | None = None,
    ) -> WorkingSession:
        # The window holds the user's edits: its reader never runs before the sheet's
        # true extent is known (a crafted far cell would otherwise end the process).
        options = options or CheckOptions()
        options.scan_first = True
        return cls(check_file(path, schema, options, progress), options)

    # ------------------------------------------------------------ reading

    @property
    def result(self) -> CheckResult:
        """The current check, with every edit made so far in `edits`."""
        return self._result

    @property
    def findings(self) -> list[Finding]:
        return self._result.findings

    @property
    def frame(self):
        return self._result.frame

    def raw(self, row: int, column: str) -> Any:
        return self.table.raw[column][self._position[row]]

    def is_editable(self, row: int, column: str) -> bool:
        return row in self._position and column in self._known and column in self.table.raw

    def typed_value(self, column: str, text: str) -> Any:
        """What a cell holds after `text` is typed into it, as Excel would store it.

        A number or date written the subsidiary's usual way becomes a number or a
        date; anything else stays text, for the rules to read, fix or flag.
        """
        if not text.strip():
            return None
        kind = self.schema.column_by_name[column].type
        locale = self.schema.locale_for(self._result.subsidiary)
        if kind in ("integer", "decimal"):
            reading = parse_number(text, locale)
            if reading.how in _NUMBER_AS_TYPED:
                return reading.value
        elif kind == "date":
            pivot = self.schema.thresholds.two_digit_year_base
            reading = parse_date(text, locale, two_digit_pivot=pivot)
            if reading.how in _DATE_AS_TYPED:
                return reading.value
        return text

    def make_edit(
        self, row: int, column: str, after: Any, reason: str = "edited in Template Checker"
    ) -> Edit | None:
        """An Edit of one cell, or None when the cell already holds that value."""
        if not self.is_editable(row, column):
            raise KeyError(f"no editable cell at row {row}, column {column}")
        after = _plain(after)
        before = self.raw(row, column)
        if type(before) is type(after) and before == after:
            return None
        return Edit(row=row, column=column, before=before, after=after, reason=reason)

    def fits(self, edits: Sequence[Edit]) -> bool:
        """Whether edits made earlier (a journal) were made on this file as it is now."""
        current: dict[tuple[int, str], Any] = {}
        for edit in edits:
            if not self.is_editable(edit.row, edit.column):
                return False
            key = (edit.row, edit.column)
            value = current[key] if key in current else self.raw(*key)
            if not _same(value, edit.before):
                return False
            current[key] = edit.after
        return True

    def can_apply(self, finding: Finding) -> bool:
        """Whether the finding's suggestion can be written into its cell."""
        return (
            finding.severity != "fixed"
            and finding.suggestion is not None
            and finding.row is not None
            and finding.column is not None
            and self.is_editable(finding.row, finding.column)
        )

    def suggestion_edit(self, finding: Finding) -> Edit | None:
        if not self.can_apply(finding):
            return None
        reason = f"suggestion accepted ({finding.rule}: {finding.message})"
        return self.make_edit(finding.row, finding.column, finding.suggestion, reason)

    def alike(self, finding: Finding) -> list[Finding]:
        """The findings with the same problem (code, column and value) and a suggestion."""
        return [
            f
            for f in self.findings
            if f.code == finding.code
            and f.column == finding.column
            and _same(f.value, finding.value)
            and self.can_apply(f)
        ]

    def pipeline_eur_by_stage(self) -> dict[str, float]:
        """The pipeline value in EUR per stage (in the sales process's order), as the
        submission file will carry it (see checking.money)."""
        frame = self.frame
        stages = list(self.schema.model.process)
        if frame is None or not {"stage", "amount", "currency"} <= set(frame.columns):
            return dict.fromkeys(stages, 0.0)
        eur, _ = frame_amount_eur(frame, self.schema.model.rates)
        totals = stage_totals(stages, frame["stage"], eur)
        return {s: totals[s].pipeline_eur if s in totals else 0.0 for s in stages}

    # ------------------------------------------------------------ editing

    def apply(self, edits: Sequence[Edit], *, defer_full: bool = False) -> Recheck:
        """Write the edits into the raw cells and re-check what they touch (see Recheck
        for defer_full)."""
        for edit in edits:
            self._write(edit, edit.after)
            self.edits.append(edit)
        return self._recheck({e.row for e in edits}, {e.column for e in edits}, defer_full)

    def revert(self, edits: Sequence[Edit], *, defer_full: bool = False) -> Recheck:
        """Undo edits made by apply() (the latest first), and re-check."""
        for edit in reversed(edits):
            self._write(edit, edit.before)
            for i in range(len(self.edits) - 1, -1, -1):
                if self.edits[i] is edit:
                    del self.edits[i]
                    break
        return self._recheck({e.row for e in edits}, {e.column for e in edits}, defer_full)

    def check_in_full(self, progress: Progress | None = None) -> CheckResult:
        """A full check of the table as edited. Only reads the session, so it may run in a
        worker thread while nothing edits; give the result to adopt()."""
        return check_table(self.table, self.schema, self.options, progress=progress)

    def adopt(self, result: CheckResult) -> Recheck:
        """Take the result of check_in_full() as the session's findings."""
        self._adopt(result)
        return Recheck(frozenset(self.table.rows), full=True)

    def recheck_all(self) -> Recheck:
        return self.adopt(self.check_in_full())

    def _write(self, edit: Edit, value: Any) -> None:
        if not self.is_editable(edit.row, edit.column):
            raise KeyError(f"no editable cell at row {edit.row}, column {edit.column}")
        self.table.raw[edit.column][self._position[edit.row]] = value

    # ------------------------------------------------------------ re-checking

    def _adopt(self, result: CheckResult) -> None:
        """Take a full check's result and file its findings by how they are re-checked."""
        self._result = result
        self._frame_pos = np.full(len(self.table.rows), -1, dtype=np.int64)
        positions = np.fromiter((self._position[r] for r in result.rows), dtype=np.int64)
        self._frame_pos[positions] = np.arange(len(positions))
        self._data_positions = positions
        self._frame_rows = np.asarray(result.rows, dtype=np.int64)
        self._scale = self._amount_scale_findings()
        scale_keys = {(f.row, f.code, f.column) for f in self._scale}
        self._file: list[Finding] = []
        self._by_row: dict[int, list[Finding]] = {}
        self._dq6: dict[int, list[Finding]] = {}
        for f in result.findings:
            if f.rule == "DQ6":
                self._dq6.setdefault(f.row, []).append(f)
            elif (f.row, f.code, f.column) in scale_keys:
                continue
            elif f.row is None:
                self._file.append(f)
            else:
                self._by_row.setdefault(f.row, []).append(f)
        key = list(self.schema.model.probable_duplicate_key)
        self._groups = _Groups(result.frame, key) if result.frame is not None else None
        # DQ1 over no rows at all finds the subsidiary only where the rows do not matter.
        self._subsidiary_from_rows = self._dq1_over(positions[:0]).subsidiary is None
        self._publish()

    def _recheck(self, rows: set[int], columns: set[str], defer_full: bool = False) -> Recheck:
        def full() -> Recheck:
            if defer_full:
                return Recheck(frozenset(rows), full=True, pending=True)
            return self.recheck_all()

        if self._touches_file_context(columns):
            return full()
        positions = np.array(sorted(self._position[r] for r in rows), dtype=np.int64)
        ctx = self._context_of(positions)
        now_data = np.zeros(len(positions), dtype=bool)
        now_data[ctx.positions] = True
        if not np.array_equal(now_data, self._frame_pos[positions] >= 0):
            return full()  # a row became blank or a totals row, or the reverse
        for check in self._row_local_checks():
            check(ctx)
        for row in rows:
            self._by_row.pop(row, None)
        for f in ctx.findings:
            self._by_row.setdefault(f.row, []).append(f)
        changed = set(rows)
        frame_positions = self._frame_pos[positions[ctx.positions]]
        if len(frame_positions):
            changed |= self._update_frame_rows(frame_positions, ctx.frame)
        before = {f.row for f in self._scale}
        self._scale = self._amount_scale_findings()
        changed |= before | {f.row for f in self._scale}
        self._publish()
        return Recheck(frozenset(changed))

    def _touches_file_context(self, columns: set[str]) -> bool:
        """Whether DQ1's view of the whole file can change with edits to these columns."""
        if "subsidiary_code" in columns and self._subsidiary_from_rows:
            return True  # nothing else names the subsidiary: DQ1 reads it from the rows
        # Without a loss_reason column, DQ1 looks for Closed Lost deals in the stages.
        return "stage" in columns and "loss_reason" not in self.table.raw

    def _row_local_checks(self):
        """Each rule's part that reads one row at a time, in order, after DQ1."""
        for rule_id, rule in self._rules.items():
            if rule_id not in ("DQ1", "DQ6"):
                yield getattr(rule, "check_rows", rule.check)

    def _context_of(self, positions: np.ndarray) -> CheckContext:
        """DQ1 run over just these rows, then given the whole file's subsidiary and period."""
        ctx = self._dq1_over(positions)
        ctx.findings = [f for f in ctx.findings if f.row is not None]  # file findings stay
        ctx.subsidiary = self._result.subsidiary
        ctx.period = self._result.period
        return ctx

    def _dq1_over(self, positions: np.ndarray) -> CheckContext:
        table = self.table
        sub = dataclasses.replace(
            table,
            rows=[table.rows[p] for p in positions],
            raw={name: _pick(values, positions) for name, values in table.raw.items()},
        )
        ctx = CheckContext(schema=self.schema, table=sub, options=self.options)
        self._rules["DQ1"].check(ctx)
        return ctx

    def _frame_context(self, frame_positions: np.ndarray | None = None) -> CheckContext:
        """A context over the typed frame (all of it, or some of its rows)."""
        frame, rows = self._result.frame, self._frame_rows
        if frame_positions is not None:
            frame = frame.iloc[frame_positions].reset_index(drop=True)
            rows = rows[frame_positions]
        return CheckContext(
            schema=self.schema,
            table=self.table,
            options=self.options,
            subsidiary=self._result.subsidiary,
            period=self._result.period,
            rows=rows,
            frame=frame,
        )

    def _update_frame_rows(self, frame_positions: np.ndarray, rows_frame) -> set[int]:
        """Write re-read rows into the frame; re-run DQ6 where they can change it."""
        frame = self._result.frame
        old_keys = self._groups.keys(frame, frame_positions)
        for j, name in enumerate(frame.columns):
            frame.iloc[frame_positions, j] = rows_frame[name].to_numpy()
        new_keys = self._groups.keys(frame, frame_positions)
        affected = self._groups.move(frame_positions, old_keys, new_keys)
        # A row's DQ6 findings depend only on the rows sharing its ID or its key.
        needed = self._groups.members(self._groups.keys(frame, np.array(sorted(affected))))
        ctx = self._frame_context(np.array(sorted(needed), dtype=np.int64))
        self._rules["DQ6"].check(ctx)
        rows = {int(r) for r in self._frame_rows[sorted(affected)]}
        for row in rows:
            self._dq6.pop(row, None)
        for f in ctx.findings:
            if f.row in rows:
                self._dq6.setdefault(f.row, []).append(f)
        return rows

    def _amount_scale_findings(self) -> list[Finding]:
        """DQ8's comparison with the file's median amount, over the whole column."""
        if self._result.frame is None:
            return []
        ctx = self._frame_context()
        self._rules["DQ8"].check_amount_scale(ctx)
        return ctx.findings

    def _publish(self) -> None:
        findings = [
            *self._file,
            *chain.from_iterable(self._by_row.values()),
            *chain.from_iterable(self._dq6.values()),
            *self._scale,
        ]
        self._result = dataclasses.replace(
            self._result,
            findings=findings,
            edits=list(self.edits),
            checked_at=datetime.now().astimezone(),
        )


class _Groups:
    """DQ6's groups of frame rows: the same opportunity ID (rows without one form one
    group too, as DQ6 compares them in full), or the same probable-duplicate key."""

    def __init__(self, frame, probable_key: list[str]) -> None:
        self._id = "opportunity_id" if "opportunity_id" in frame.columns else None
        self._key = probable_key if set(probable_key) <= set(frame.columns) else None
        self._index: dict[tuple, list[int]] = {}
        all_positions = np.arange(len(frame))
        for pos, keys in zip(all_positions.tolist(), self.keys(frame, all_positions), strict=True):
            for key in keys:
                self._index.setdefault(key, []).append(pos)

    def keys(self, frame, positions: np.ndarray) -> list[tuple]:
        """Per position, the group keys it belongs to."""
        n = len(positions)
        ids = frame[self._id].to_numpy()[positions].tolist() if self._id else [None] * n
        if self._key:
            parts = [frame[c].to_numpy()[positions].tolist() for c in self._key]
            probable = [
                p if all(v is not None and v == v for v in p) else None
                for p in zip(*parts, strict=True)
            ]
        else:
            probable = [None] * n
        return [
            ((("id", i),) if self._id else ()) + ((("key", k),) if k is not None else ())
            for i, k in zip(ids, probable, strict=True)
        ]

    def move(self, positions: np.ndarray, old: list[tuple], new: list[tuple]) -> set[int]:
        """Re-file positions under their new keys; returns every position whose groups changed."""
        affected = set(positions.tolist())
        for pos, old_keys, new_keys in zip(positions.tolist(), old, new, strict=True):
            for key in old_keys:
                members = self._index[key]
                members.remove(pos)
                affected.update(members)
            for key in new_keys:
                members = self._index.setdefault(key, [])
                affected.update(members)
                members.append(pos)
        return affected

    def members(self, keys: list[tuple]) -> set[int]:
        return {pos for row_keys in keys for key in row_keys for pos in self._index.get(key, ())}


def _rules_by_id() -> dict[str, Any]:
    from desktop_app.core.checking.rules import RULES

    return {rule.RULE: rule for rule in RULES}


def _pick(values, positions: np.ndarray):
    """The values at positions, in the container type the table uses."""
    if isinstance(values, np.ndarray):
        return values[positions]
    return [values[p] for p in positions]


def _plain(value: Any) -> Any:
    """numpy scalars as plain Python values, so a cell holds what a reader would give."""
    if hasattr(value, "item") and not isinstance(value, date | str):
        return value.item()
    return value


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b
