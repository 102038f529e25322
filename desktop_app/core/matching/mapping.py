"""A matching as data: which source column holds each template column, which template
value each source word means, where the table is. Kept as a small YAML file per
subsidiary, so next period's export is read the same way without questions.

    matching: 1
    sheet: Opportunities
    header_row: 4
    columns:
      opportunity_id: Id
      subsidiary_code: {constant: SE01}
      loss_reason: null
    values:
      stage: {Prospecting: Qualify, Closed Won: Closed Won}

A source is the header as found, or the column letter when the table has no header row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NoReturn

import yaml

from desktop_app.core.model.atomic import atomic_path
from desktop_app.core.model.errors import ProblemForUser

FORMAT = 1
By = Literal["name", "values", "saved", "constant"]


class MatchingError(ProblemForUser):
    """A matching file that cannot be used; str() names the file and what is wrong."""


@dataclass
class ColumnMatch:
    """Where one template column comes from, how sure the matcher is (0-1), and why."""

    source: str | None  # source header or column letter; None when filled with a constant
    confidence: float
    by: By
    index: int | None = None  # 0-based column in the source table, once matched to one
    value: str | None = None  # the constant (by == "constant"): the subsidiary's code, ...

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": self.source,
            "confidence": round(self.confidence, 2),
            "by": self.by,
        }
        if self.by == "constant":
            out["value"] = self.value
        return out


@dataclass
class Matching:
    """Every template column (None: not in the source) and the source's list words."""

    columns: dict[str, ColumnMatch | None]
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # column -> word -> value
    unmapped: list[str] = field(default_factory=list)  # source columns no template column takes
    unsure_values: dict[str, list[str]] = field(default_factory=dict)  # words left for a person
    header_row: int | None = None  # Excel row number of the header row; None: no header row
    sheet: str | None = None

    def source_of(self, column: str) -> str | None:
        match = self.columns.get(column)
        return match.source if match else None

    def as_dict(self) -> dict[str, Any]:
        """The parts of the command line's JSON object that the matching holds."""
        return {
            "sheet": self.sheet,
            "header_row": self.header_row,
            "columns": {k: m.as_dict() if m else None for k, m in self.columns.items()},
            "unmapped": list(self.unmapped),
            "values": {k: dict(v) for k, v in self.values.items() if v},
        }

    # ------------------------------------------------------------ the file

    def to_yaml(self) -> str:
        columns: dict[str, Any] = {}
        for name, match in self.columns.items():
            if match is None:
                columns[name] = None
            elif match.by == "constant":
                columns[name] = {"constant": match.value}
            else:
                columns[name] = match.source
        data = {
            "matching": FORMAT,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "columns": columns,
            "values": {k: dict(v) for k, v in self.values.items() if v},
        }
        head = "# Template Checker: which source column holds each template column.\n"
        return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)

    @classmethod
    def from_yaml(cls, text: str, source: str = "the matching") -> Matching:
        """A saved matching: every column it names comes from there (by "saved")."""
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise MatchingError(
                "matching.not_yaml", file=source, line=mark.line + 1 if mark else "?"
            ) from None
        return cls.from_data(data, source)

    @classmethod
    def from_data(cls, data: Any, source: str = "the matching") -> Matching:
        """A saved matching from its file's data (a kept file, or a schema's variant)."""
        if not isinstance(data, dict) or data.get("matching") != FORMAT:
            raise MatchingError("matching.not_a_matching", file=source, place="matching")
        columns: dict[str, ColumnMatch | None] = {}
        for name, entry in _mapping(data, "columns", source).items():
            columns[str(name)] = _column(entry, f"columns.{name}", source)
        values: dict[str, dict[str, str]] = {}
        for column, words in _mapping(data, "values", source).items():
            if not isinstance(words, dict):
                _bad(source, f"values.{column}")
            values[str(column)] = {
                str(w): _text(v, f"values.{column}.{w}", source) for w, v in words.items()
            }
        header_row = data.get("header_row")
        if header_row is not None and (type(header_row) is not int or header_row < 1):
            _bad(source, "header_row")
        sheet = data.get("sheet")
        return cls(
            columns,
            values,
            header_row=header_row,
            sheet=None if sheet is None else str(sheet),
        )

    def save(self, path: str | Path) -> None:
        with atomic_path(path) as tmp:
            tmp.write_text(self.to_yaml(), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> Matching:
        p = Path(path)
        try:
            text = p.read_text("utf-8")
        except FileNotFoundError:
            raise MatchingError("matching.not_found", file=str(p)) from None
        except OSError as exc:
            raise MatchingError("matching.unreadable", file=str(p), reason=exc.strerror) from None
        except UnicodeDecodeError:
            raise MatchingError("matching.not_utf8", file=str(p)) from None
        return cls.from_yaml(text, str(p))


def _bad(source: str, place: str) -> NoReturn:
    raise MatchingError("matching.not_a_matching", file=source, place=place)


def _mapping(data: dict, key: str, source: str) -> dict:
    found = data.get(key) or {}
    if not isinstance(found, dict):
        _bad(source, key)
    return found


def _text(value: Any, place: str, source: str) -> str:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value)
    _bad(source, place)


def _column(entry: Any, place: str, source: str) -> ColumnMatch | None:
    if entry is None:
        return None
    if isinstance(entry, dict):
        if set(entry) != {"constant"}:
            _bad(source, place)
        return ColumnMatch(None, 1.0, "constant", value=_text(entry["constant"], place, source))
    return ColumnMatch(_text(entry, place, source), 1.0, "saved")
