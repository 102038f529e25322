"""Finding: one thing a rule has to say about a cell, a row, a column or the file.

The text a person reads is rendered from a message catalogue keyed by `code`, so the
same finding can be shown in another language and the wording lives in one place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How much a finding weighs: an error blocks the clean export, a warning is shown and
    recorded, fixed is a safe correction the program made itself. JSON shows the value."""

    ERROR = "error"
    WARNING = "warning"
    FIXED = "fixed"


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.FIXED: 2}
RULE_IDS = tuple(f"DQ{i}" for i in range(1, 10))


@dataclass(slots=True)
class Finding:
    rule: str
    severity: Severity
    code: str  # stable message code, e.g. "DQ4.near_miss"
    sheet: str | None
    row: int | None  # Excel row number (1-based) in the source; None for column/file findings
    column: str | None  # canonical column name (or an unknown column's header as found)
    cell: str | None  # A1 reference, None unless the finding is about one cell
    value: Any = None  # the value as found
    suggestion: Any = None  # a likely right value; for "fixed", the value it was changed to
    params: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, code: str, severity: Severity, **fields: Any) -> Finding:
        """A finding for a message code; the rule is the code's prefix (DQ4.near_miss: DQ4)."""
        return cls(rule=code.split(".", 1)[0], severity=severity, code=code, **fields)

    @property
    def message(self) -> str:
        return render_message(
            self.code, {"value": self.value, "suggestion": self.suggestion, **self.params}
        )

    def sort_key(self) -> tuple:
        return (SEVERITY_ORDER.get(self.severity, 9), self.row or 0, self.rule, self.cell or "")

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "code": self.code,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "cell": self.cell,
            "value": json_value(self.value),
            "message": self.message,
            "suggestion": json_value(self.suggestion),
        }


def json_value(value: Any) -> Any:
    """Values as JSON shows them: dates in ISO form, whole floats as integers."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, bool | int | str):
        return value
    if hasattr(value, "item"):  # numpy scalar
        return json_value(value.item())
    return str(value)


def display_value(value: Any) -> str:
    """A value as a person reads it in a message."""
    value = json_value(value)
    if value is None:
        from desktop_app.core.model.catalogue import render

        return render("model.empty")
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def render_message(code: str, params: dict[str, Any], language: str | None = None) -> str:
    """The catalogue text for code with its parameters filled in (default: the language in
    use)."""
    from desktop_app.core.model.catalogue import render

    return render(code, params, language)


def summarise(findings: list[Finding]) -> dict[str, Any]:
    """Counts by severity, overall and per rule, as the JSON contract has them."""
    rules = {r: {"errors": 0, "warnings": 0, "fixed": 0} for r in RULE_IDS}
    totals = {"errors": 0, "warnings": 0, "fixed": 0}
    key = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.FIXED: "fixed"}
    for f in findings:
        k = key[f.severity]
        totals[k] += 1
        rules.setdefault(f.rule, {"errors": 0, "warnings": 0, "fixed": 0})[k] += 1
    return {**totals, "rules": rules}
