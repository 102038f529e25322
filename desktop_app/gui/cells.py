"""What a cell shows: its value as the subsidiary's Excel writes it, and its findings.

Helpers of the sheet model: text for display, editing and searching, the findings
filed by cell once per check so that painting only looks them up, and the tooltip
(in the window's language).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from desktop_app.core.model.findings import SEVERITY_ORDER, Finding, display_value
from desktop_app.core.session.working import WorkingSession
from desktop_app.gui.i18n import finding_message, severity_label, translate

SEVERITY_LABELS = {"error": "Error", "warning": "Warning", "fixed": "Fixed"}


def number_symbols(locale: str) -> tuple[str, str]:
    """(decimal mark, group mark) of a locale such as sv-SE."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    tag = locale.replace("-", "_")
    return get_decimal_symbol(tag), get_group_symbol(tag)


def cell_text(value: Any, symbols: tuple[str, str] = (".", ",")) -> str:
    """A raw cell as the subsidiary's Excel would show it (and as it can be typed back)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        text = repr(float(value))
        if "e" in text or "n" in text:  # tiny, huge, inf or nan: as Python writes it
            return text
        whole, _, decimals = text.partition(".")
        decimals = decimals.rstrip("0")
        grouped = f"{int(whole):,}".replace(",", symbols[1])
        if whole.startswith("-0"):
            grouped = "-" + grouped
        return grouped + (symbols[0] + decimals if decimals else "")
    return str(value)


def worst(findings: Iterable[Finding]) -> str | None:
    return min((f.severity for f in findings), key=SEVERITY_ORDER.__getitem__, default=None)


class CellFindings:
    """A check's findings by cell, and those about a whole row, by Excel row."""

    def __init__(self, session: WorkingSession, columns: set[str]) -> None:
        self.cells: dict[tuple[int, str], list[Finding]] = {}
        self.rows: dict[int, list[Finding]] = {}
        first = session.table.rows[0] if session.table.rows else 0
        self.flagged: set[int] = set()  # positions of rows with an error or a warning
        for f in session.findings:
            if f.row is None:
                continue
            if f.column in columns:
                self.cells.setdefault((f.row, f.column), []).append(f)
            else:
                self.rows.setdefault(f.row, []).append(f)
            if f.severity != "fixed":
                self.flagged.add(f.row - first)
        self.edited = {(e.row, e.column): e for e in session.edits}

    def rows_changed_since(self, before: CellFindings) -> set[int]:
        """Excel rows whose findings or edits differ from those filed in `before`: the
        rows a full check redraws (most of a large sheet looks just as it did)."""
        rows = {row for row, _ in _differing(before.cells, self.cells)}
        rows |= _differing(before.rows, self.rows)
        rows |= {row for row, _ in _differing(before.edited, self.edited)}
        return rows

    def headers_changed_since(self, before: CellFindings, rows: Iterable[int]) -> set[int]:
        """Those of these Excel rows whose findings about the whole row (their header's
        mark) differ from those filed in `before`."""
        return {r for r in rows if not _same(before.rows.get(r), self.rows.get(r))}


def _differing(before: dict, after: dict) -> set:
    """Keys whose values differ between two dicts (missing from one of them counts)."""
    return {
        key for key in before.keys() | after.keys() if not _same(before.get(key), after.get(key))
    }


def _same(a: Any, b: Any) -> bool:
    if a is b:
        return True
    try:
        return bool(a == b)
    except Exception:  # a value that compares oddly (an array): take it as changed
        return False


def tooltip(findings: list[Finding], edit=None) -> str:
    lines = []
    for f in sorted(findings, key=Finding.sort_key):
        lines.append(f"{severity_label(f.severity)} ({f.rule}): {finding_message(f)}")
        if f.suggestion is not None and f.severity != "fixed":
            suggestion = translate("CellTooltip", "Suggestion: {value}")
            lines.append("    " + suggestion.format(value=display_value(f.suggestion)))
    if edit is not None:
        before = cell_text(edit.before) or translate("CellTooltip", "(empty)")
        lines.append(translate("CellTooltip", "Changed here; it was: {value}").format(value=before))
    return "\n".join(lines)


def row_text(raw: dict, columns: list, symbols: tuple[str, str], pos: int) -> str:
    """A row's cells as shown, in one casefolded string to search in."""
    return "\n".join(cell_text(raw[c.name][pos], symbols) for c in columns).casefold()
