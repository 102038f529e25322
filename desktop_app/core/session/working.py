"""WorkingSession: a checked file that a person is fixing, one edit at a time.

The window edits through this class, never the table itself. An edit changes the
raw cell (as if typed in Excel) and is re-checked at once, without running the
whole check again (a second at 100,000 rows), from what each rule declares
(checking.rule): checks of rows alone run again over the edited rows, as a small
table of their own; checks that compare rows sharing a key run again over the
groups the edited rows leave and join; checks that compare a row with its column
run again over that column when it was edited. When a rule says an edit can change
what it settles for the whole file, or a row stops or starts being data, everything
is checked again. A property test holds all this to the findings and typed frame a
full check gives.
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
    new_context,
    schema_in_use,
)
from desktop_app.core.checking.money import frame_amount_eur, stage_totals
from desktop_app.core.checking.parsing import parse_date, parse_number
from desktop_app.core.checking.rule import Check, GroupKey, Scope
from desktop_app.core.model.catalogue import render
from desktop_app.core.model.edits import Edit
from desktop_app.core.model.findings import Finding, Severity
from desktop_app.core.model.progress import Progress
from desktop_app.core.reading.policy import SCAN_FIRST
from desktop_app.core.reading.table import SourceTable
from desktop_app.core.schema.definition import TemplateSchema

# Readings of typed text that Excel itself would have turned into a number or a date.
_NUMBER_AS_TYPED = {"plain", "locale"}
_DATE_AS_TYPED = {"iso", "numeric", "month_name"}
# Edits are recorded in the submission file, which speaks English like its findings.
_RECORDED_IN = "en"


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
        self._rules = result.rules  # re-checked with the rules it was checked with
        self._checks: list[Check] = [check for rule in self._rules for check in rule.checks]
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
        return cls(check_file(path, schema, options, progress, policy=SCAN_FIRST), options)

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
        self, row: int, column: str, after: Any, reason: str | None = None
    ) -> Edit | None:
        """An Edit of one cell, or None when the cell already holds that value."""
        if not self.is_editable(row, column):
            raise KeyError((row, column))  # the window offers only editable cells
        reason = reason or render("session.edited", language=_RECORDED_IN)
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
            finding.severity != Severity.FIXED
            and finding.suggestion is not None
            and finding.row is not None
            and finding.column is not None
            and self.is_editable(finding.row, finding.column)
        )

    def suggestion_edit(self, finding: Finding) -> Edit | None:
        if not self.can_apply(finding):
            return None
        params = {"rule": finding.rule, "message": finding.message}
        reason = render("session.suggestion_accepted", params, _RECORDED_IN)
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
        return check_table(self.table, self.schema, self.options, progress, self._rules)

    def adopt(self, result: CheckResult) -> Recheck:
        """Take the result of check_in_full() as the session's findings."""
        self._adopt(result)
        return Recheck(frozenset(self.table.rows), full=True)

    def recheck_all(self) -> Recheck:
        return self.adopt(self.check_in_full())

    def _write(self, edit: Edit, value: Any) -> None:
        if not self.is_editable(edit.row, edit.column):
            raise KeyError((edit.row, edit.column))
        self.table.raw[edit.column][self._position[edit.row]] = value

    # ------------------------------------------------------------ re-checking

    def _adopt(self, result: CheckResult) -> None:
        """Take a full check's result and file what each check found by row."""
        self._result = result
        self._frame_pos = np.full(len(self.table.rows), -1, dtype=np.int64)
        positions = np.fromiter((self._position[r] for r in result.rows), dtype=np.int64)
        self._frame_pos[positions] = np.arange(len(positions))
        self._frame_rows = np.asarray(result.rows, dtype=np.int64)
        # Per check, in the order they run: its findings by Excel row (None: the file's).
        # A check that did not run (a file without a data sheet) found nothing.
        self._found: list[dict[int | None, list[Finding]]] = [{} for _ in self._checks]
        for found, (_, findings) in zip(self._found, result.found_by_check, strict=False):
            _by_row(found, findings)
        self._groups: dict[int, _Groups] = {}
        if result.frame is not None:
            schema = schema_in_use(self.schema, result.file)
            for i, check in enumerate(self._checks):
                if check.scope is Scope.GROUPS:
                    self._groups[i] = _Groups(result.frame, check.groups(schema))
        self._publish()

    def _recheck(self, rows: set[int], columns: set[str], defer_full: bool = False) -> Recheck:
        def full() -> Recheck:
            if defer_full:
                return Recheck(frozenset(rows), full=True, pending=True)
            return self.recheck_all()

        file = self._result.file
        if any(rule.needs_full_recheck(columns, self.table, file) for rule in self._rules):
            return full()
        positions = np.array(sorted(self._position[r] for r in rows), dtype=np.int64)
        ctx = self._context(self._rows_table(positions))
        found = self._run(ctx, Scope.ROWS)
        now_data = np.zeros(len(positions), dtype=bool)
        now_data[ctx.positions] = True
        if not np.array_equal(now_data, self._frame_pos[positions] >= 0):
            return full()  # a row became blank or a totals row, or the reverse
        for i, findings in found.items():
            # a check of rows alone says nothing new about the file: that stays as it was
            self._replace(i, rows, [f for f in findings if f.row is not None])
        changed = set(rows)
        frame_positions = self._frame_pos[positions[ctx.positions]]
        if len(frame_positions):
            changed |= self._update_frame_rows(frame_positions, ctx.frame, columns)
        self._publish()
        return Recheck(frozenset(changed))

    def _run(self, ctx: CheckContext, scope: Scope) -> dict[int, list[Finding]]:
        """Run the checks of a scope, in order, over ctx: what each found, by its index."""
        found = {}
        for i, check in enumerate(self._checks):
            if check.scope is scope:
                start = len(ctx.findings)
                check.run(ctx)
                found[i] = ctx.findings[start:]
        return found

    def _replace(self, i: int, rows: set[int], findings: list[Finding]) -> None:
        """Check i's findings on these rows are now these."""
        found = self._found[i]
        for row in rows:
            found.pop(row, None)
        _by_row(found, findings)

    def _context(self, table: SourceTable, **fields: Any) -> CheckContext:
        return new_context(table, self.schema, self.options, self._result.file, **fields)

    def _rows_table(self, positions: np.ndarray) -> SourceTable:
        """The table with just these rows (by position), to check them on their own."""
        table = self.table
        return dataclasses.replace(
            table,
            rows=[table.rows[p] for p in positions],
            raw={name: _pick(values, positions) for name, values in table.raw.items()},
        )

    def _frame_context(self, frame_positions: np.ndarray | None = None) -> CheckContext:
        """A context over the typed frame (all of it, or some of its rows)."""
        frame, rows = self._result.frame, self._frame_rows
        if frame_positions is not None:
            frame = frame.iloc[frame_positions].reset_index(drop=True)
            rows = rows[frame_positions]
        return self._context(self.table, rows=rows, frame=frame)

    def _update_frame_rows(self, frame_positions: np.ndarray, rows_frame, columns) -> set[int]:
        """Write re-read rows into the frame; re-run what compares rows where they can
        change it. Returns the Excel rows whose findings may have changed."""
        frame = self._result.frame
        groups = {i: g for i, g in self._groups.items() if g.touched(self._checks[i], columns)}
        old_keys = {i: g.keys(frame, frame_positions) for i, g in groups.items()}
        for j, name in enumerate(frame.columns):
            frame.iloc[frame_positions, j] = rows_frame[name].to_numpy()
        changed: set[int] = set()
        for i, g in groups.items():
            affected = g.move(frame_positions, old_keys[i], g.keys(frame, frame_positions))
            # A row's findings here depend only on the rows of its groups.
            needed = g.members_of(affected)
            ctx = self._frame_context(np.array(sorted(needed), dtype=np.int64))
            self._checks[i].run(ctx)
            rows = {int(r) for r in self._frame_rows[sorted(affected)]}
            self._replace(i, rows, [f for f in ctx.findings if f.row in rows])
            changed |= rows
        for i, check in enumerate(self._checks):
            if check.scope is Scope.COLUMN and check.reads_any(columns):
                ctx = self._frame_context()
                check.run(ctx)
                changed |= {r for r in self._found[i] if r is not None}
                self._found[i] = _by_row({}, ctx.findings)
                changed |= {r for r in self._found[i] if r is not None}
        return changed

    def _publish(self) -> None:
        found_by_check = [
            (check, list(chain.from_iterable(found.values())))
            for check, found in zip(self._checks, self._found, strict=True)
        ]
        self._result = dataclasses.replace(
            self._result,
            findings=[f for _, findings in found_by_check for f in findings],
            found_by_check=found_by_check,
            edits=list(self.edits),
            checked_at=datetime.now().astimezone(),
        )


class _Groups:
    """A check's groups of frame rows (rows sharing a key's values), kept up to date.

    Per key, each frame position holds a group number (-1: in no group) in a numpy array,
    and a dict gives the number of each key value seen. Built with pandas' grouping rather
    than a Python list per group: at 100,000 rows that was 0.4 s and, through the many
    small objects, collections by the garbage collector that froze the window.
    """

    def __init__(self, frame, group_keys: tuple[GroupKey, ...]) -> None:
        import pandas as pd

        self._keys = [k for k in group_keys if set(k.columns) <= set(frame.columns)]
        self.columns = frozenset(c for k in self._keys for c in k.columns)
        self._codes: list[np.ndarray] = []  # per key: the group number of each position
        self._code_of: list[dict[tuple, int]] = []  # per key: values -> group number
        self._next: list[int] = []
        for key in self._keys:
            columns = list(key.columns)
            grouping = frame[columns].groupby(columns, dropna=False, sort=False)
            codes = grouping.ngroup().to_numpy(dtype=np.int64, copy=True)
            if not key.empty_is_a_value:
                codes[np.logical_or.reduce([pd.isna(frame[c]).to_numpy() for c in columns])] = -1
            valid = np.flatnonzero(codes >= 0)
            numbers, first = np.unique(codes[valid], return_index=True)
            [values] = self.keys_of(frame, valid[first], [key])
            self._codes.append(codes)
            self._code_of.append(dict(zip(values, numbers.tolist(), strict=True)))
            self._next.append(int(codes.max(initial=-1)) + 1)

    def touched(self, check: Check, columns: set[str]) -> bool:
        """Whether edits to these columns can change the check's findings or the groups."""
        return check.reads_any(columns) or not self.columns.isdisjoint(columns)

    def keys(self, frame, positions: np.ndarray) -> list[list[tuple | None]]:
        """Per key, the values of each position (None: in no group of that key)."""
        return self.keys_of(frame, positions, self._keys)

    @staticmethod
    def keys_of(frame, positions: np.ndarray, keys: list[GroupKey]) -> list[list[tuple | None]]:
        import pandas as pd

        per_key = []
        for key in keys:
            parts = [frame[c].to_numpy()[positions] for c in key.columns]
            values: list[tuple | None] = list(zip(*(p.tolist() for p in parts), strict=True))
            empty = np.logical_or.reduce([pd.isna(p) for p in parts])
            for pos in np.flatnonzero(empty).tolist():
                # NaN is not equal to itself: None stands for any empty value
                empty_as_none = tuple(None if _empty(v) else v for v in values[pos])
                values[pos] = empty_as_none if key.empty_is_a_value else None
            per_key.append(values)
        return per_key

    def move(self, positions: np.ndarray, old: list, new: list) -> set[int]:
        """Re-file positions under their new values; returns every position whose groups
        changed (the positions, and the members of the groups they left and joined)."""
        affected = set(positions.tolist())
        for k, (old_values, new_values) in enumerate(zip(old, new, strict=True)):
            codes, code_of = self._codes[k], self._code_of[k]
            touched: set[int] = set()
            for pos, before, after in zip(positions.tolist(), old_values, new_values, strict=True):
                if before is not None:
                    touched.add(code_of[before])
                if after is None:
                    codes[pos] = -1
                    continue
                if after not in code_of:
                    code_of[after] = self._next[k]
                    self._next[k] += 1
                codes[pos] = code_of[after]
                touched.add(codes[pos])
            if touched:
                affected.update(np.flatnonzero(np.isin(codes, list(touched))).tolist())
        return affected

    def members_of(self, positions: set[int]) -> set[int]:
        """Every position in a group of one of these positions (a position in no group
        has no members)."""
        found: set[int] = set()
        chosen = np.fromiter(positions, dtype=np.int64, count=len(positions))
        for codes in self._codes:
            numbers = np.unique(codes[chosen])
            numbers = numbers[numbers >= 0]
            if len(numbers):
                found.update(np.flatnonzero(np.isin(codes, numbers)).tolist())
        return found


def _by_row(
    found: dict[int | None, list[Finding]], findings: list[Finding]
) -> dict[int | None, list[Finding]]:
    """Add findings to found, by Excel row (None: about the file or a column)."""
    for f in findings:
        found.setdefault(f.row, []).append(f)
    return found


def _empty(value: Any) -> bool:
    return value is None or value != value  # None, NaN, NaT: one empty value


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
