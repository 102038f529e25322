"""The crash journal: every edit, written to the user data folder as it is made.

One JSON file per source workbook holds all edits not yet given up, rewritten
atomically after each change, so a crash loses nothing and never leaves half a
journal. The next start offers to put the edits back; they are only restored onto
the same file, unchanged since (same size and modification time).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop_app.core.model.atomic import atomic_path
from desktop_app.core.model.edits import Edit
from desktop_app.core.model.excel_errors import FORMULA_WITHOUT_RESULT, ErrorValue

FORMAT = 1


def default_folder() -> Path:
    import platformdirs

    return platformdirs.user_data_path("template-checker", appauthor=False) / "journal"


@dataclass(frozen=True)
class JournalEntry:
    source: Path
    edits: list[Edit]
    saved_at: datetime
    file_unchanged: bool  # the source still has the size and time it had when edited


class EditJournal:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, source: Path) -> Path:
        key = hashlib.sha256(str(Path(source).resolve()).encode("utf-8")).hexdigest()[:20]
        return self.folder / f"{key}.json"

    def record(self, source: Path, edits: list[Edit]) -> None:
        """Keep exactly these edits for source (none: forget it)."""
        if not edits:
            self.discard(source)
            return
        source = Path(source).resolve()
        stat = source.stat()
        data = {
            "format": FORMAT,
            "source": str(source),
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "saved_at": datetime.now().astimezone().isoformat(),
            "edits": [_edit_to_json(e) for e in edits],
        }
        self.folder.mkdir(parents=True, exist_ok=True)
        with atomic_path(self._path(source), protect=(source,)) as tmp:
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    def discard(self, source: Path) -> None:
        self._path(source).unlink(missing_ok=True)

    def load(self, source: Path) -> JournalEntry | None:
        return self._read(self._path(source))

    def pending(self) -> list[JournalEntry]:
        """Every journal left behind, newest first."""
        if not self.folder.is_dir():
            return []
        entries = [e for p in self.folder.glob("*.json") if (e := self._read(p)) is not None]
        return sorted(entries, key=lambda e: e.saved_at, reverse=True)

    def _read(self, path: Path) -> JournalEntry | None:
        try:
            data = json.loads(path.read_text("utf-8"))
            if data.get("format") != FORMAT:
                return None
            source = Path(data["source"])
            edits = [_edit_from_json(e) for e in data["edits"]]
            saved_at = datetime.fromisoformat(data["saved_at"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            path.unlink(missing_ok=True)  # unreadable: nothing in it can be restored
            return None
        try:
            stat = source.stat()
            unchanged = (stat.st_size, stat.st_mtime_ns) == (data["size"], data["mtime_ns"])
        except OSError:
            unchanged = False
        return JournalEntry(source, edits, saved_at, unchanged)


def _value_to_json(value: Any) -> Any:
    if isinstance(value, ErrorValue):
        return {"excel_error": str(value)}
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    return value


def _value_from_json(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    if "excel_error" in value:
        text = value["excel_error"]
        return FORMULA_WITHOUT_RESULT if text == str(FORMULA_WITHOUT_RESULT) else ErrorValue(text)
    if "datetime" in value:
        return datetime.fromisoformat(value["datetime"])
    return date.fromisoformat(value["date"])


def _edit_to_json(edit: Edit) -> dict[str, Any]:
    return {
        "row": edit.row,
        "column": edit.column,
        "before": _value_to_json(edit.before),
        "after": _value_to_json(edit.after),
        "reason": edit.reason,
        "at": edit.at.isoformat(),
    }


def _edit_from_json(data: dict[str, Any]) -> Edit:
    return Edit(
        row=int(data["row"]),
        column=str(data["column"]),
        before=_value_from_json(data["before"]),
        after=_value_from_json(data["after"]),
        reason=str(data["reason"]),
        at=datetime.fromisoformat(data["at"]),
    )
