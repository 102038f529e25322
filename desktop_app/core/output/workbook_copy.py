"""A copy of the person's own workbook with a few cells changed: the one writer of the
annotated copy and the fixed copy.

The package is copied part by part, each member streamed through zipfile with its own
compression method; only these change:

- the data sheet's XML, patched as it streams (copy_sheet.py): new values, new styles
  for flagged cells, cells and rows inserted where a patch names a cell the sheet lacks;
- the styles part: the fills, number formats and cell formats the patches need, each
  derived from the patched cell's own (copy_parts.Styles);
- the comments part and its VML drawing, the sheet's relationships and the content
  types, when notes are added (copy_notes.py);
- the workbook part, its relationships, the content types and docProps/app.xml, when a
  sheet is added (copy_added.py);
- calcChain.xml is left out when a value is written (a formula cell given a value loses
  its formula, and Excel rebuilds the chain on opening);
- the workbook's content type follows the target's extension (.xlsx / .xlsm): a macro
  workbook copied to .xlsx loses its macros as Excel's own "Save as .xlsx" does.

Every other part (other sheets, formulas, data validations, conditional formats,
charts and chart sheets, pivot tables, images, defined names, frozen panes, the
vbaProject.bin of an .xlsm) is copied byte for byte. New text is written as inline
strings, so sharedStrings.xml is never rewritten.
"""

from __future__ import annotations

import dataclasses
import html
import posixpath
import re
import shutil
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop_app.core.model.atomic import atomic_path
from desktop_app.core.model.catalogue import render
from desktop_app.core.model.errors import ProblemForUser
from desktop_app.core.model.progress import Progress
from desktop_app.core.output.copy_added import added_sheet_xml
from desktop_app.core.output.copy_model import KEEP, AddedSheet, CellPatch
from desktop_app.core.output.copy_notes import (
    comments_part,
    legacy_drawing_element,
    vml_blocks,
    vml_part,
)
from desktop_app.core.output.copy_parts import (
    ContentTypes,
    Relationships,
    Styles,
    add_sheet_to_workbook,
    add_title_to_app,
    attrs,
    prefix_of,
)
from desktop_app.core.output.copy_sheet import RowsOutOfOrder, SheetPatcher, rows_present
from desktop_app.core.output.xlsx_parts import REL_NS
from desktop_app.core.output.xlsx_stream import (
    DEFAULT_LEVEL,
    EXCEL_FIRST_DATE,
    Column,
    XlsxStream,
    check_sheet_name,
)

__all__ = [
    "KEEP",
    "AddedSheet",
    "CellPatch",
    "plain_sheet_name",
    "write_plain_workbook",
    "writable_value",
    "write_workbook_copy",
]

_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_MACRO_CT = "application/vnd.ms-excel"
MAIN_TYPES = {
    ".xlsx": f"{_CT}.sheet.main+xml",
    ".xlsm": f"{_MACRO_CT}.sheet.macroEnabled.main+xml",
    ".xltx": f"{_CT}.template.main+xml",
    ".xltm": f"{_MACRO_CT}.template.macroEnabled.main+xml",
}
COMMENTS_CT = f"{_CT}.comments+xml"
WORKSHEET_CT = f"{_CT}.worksheet+xml"
STYLES_CT = f"{_CT}.styles+xml"
VML_CT = "application/vnd.openxmlformats-officedocument.vmlDrawing"
COPY_CHUNK = 1 << 20
ZIP64_FROM = 1 << 30  # a member this big (a patched sheet grows a little) gets Zip64


class CannotCopy(ProblemForUser):
    """The source is not a workbook package this writer can copy."""


def write_workbook_copy(
    source: Path,
    target: Path,
    sheet: str,
    patches: Mapping[tuple[int, int], CellPatch],
    *,
    progress: Progress | None = None,
    add_sheets: Sequence[AddedSheet] = (),
) -> Path:
    """Copy the xlsx/xlsm at source to target part by part, patching only the cells of
    `sheet` named by (excel_row, excel_col) — both 1-based — and writing atomically.
    Cells not in the sheet yet are inserted in order. A formula cell given a new value
    loses its formula. add_sheets are placed after the workbook's sheets. Raises
    ProblemForUser (a sentence) on a package it cannot copy."""
    source, target = Path(source), Path(target)
    progress = progress or Progress()
    for row, col in patches:
        if not (1 <= row <= 1_048_576 and 1 <= col <= 16_384):
            raise ValueError(f"no such cell: row {row}, column {col}")
    with atomic_path(target, protect=(source,)) as tmp:
        copy = _Copy(source, tmp, target.suffix.lower(), sheet, patches, add_sheets, progress)
        try:
            copy.run(known_rows=None)
        except RowsOutOfOrder:
            copy.run(known_rows=copy.rows_present())
    return target


def plain_sheet_name(name: str | None) -> str:
    """A sheet name Excel accepts for the values of a CSV or legacy workbook's sheet."""
    sheet = re.sub(r"[\\/?*:\[\]]", "_", name or "Data")[:31].strip("'") or "Data"
    return "Data" if sheet.casefold() == "history" else sheet


def write_plain_workbook(rows: Sequence[Sequence[Any]], path: Path, sheet: str) -> Path:
    """The values of a CSV or legacy workbook's sheet (as read) as an .xlsx of one sheet,
    to be copied with write_workbook_copy: what a .csv/.xls/.ods source's copies start from.
    A value the writer cannot hold as it was read (a time, a date before 1900-03-01) is
    written as its text."""
    width = max((len(r) for r in rows), default=1) or 1
    with XlsxStream(path) as book:
        data = book.add_sheet(sheet, [Column() for _ in range(width)])
        for row in rows:
            data.write_row([writable_value(v) for v in row])
    return path


def writable_value(value: Any) -> Any:
    """A value as read, as the streaming writer takes it; anything else (an Excel error
    read from an .xls, a time of day, a date Excel cannot hold) as its text."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    day = value.date() if isinstance(value, datetime) else value
    if isinstance(day, date) and day >= EXCEL_FIRST_DATE:
        return value
    return str(value)


def _damaged(source: Path) -> CannotCopy:
    return CannotCopy("workbook_copy.damaged", file=source.name)


class _Copy:
    def __init__(self, source, tmp, suffix, sheet, patches, add_sheets, progress) -> None:
        self.source, self.tmp, self.suffix = source, tmp, suffix
        self.sheet, self.patches, self.add_sheets = sheet, dict(patches), list(add_sheets)
        self.progress = progress
        self.at = 0.0  # the fraction of the copy done, as last reported

    def run(self, known_rows: set[int] | None) -> None:
        try:
            zin = zipfile.ZipFile(self.source)
        except (zipfile.BadZipFile, zipfile.LargeZipFile) as exc:
            raise _damaged(self.source) from exc
        try:
            with zin, zipfile.ZipFile(self.tmp, "w", zipfile.ZIP_DEFLATED) as zout:
                self._copy(zin, zout, known_rows)
        except (KeyError, ValueError, IndexError, AttributeError, zlib.error,
                zipfile.BadZipFile, UnicodeDecodeError, EOFError) as exc:  # fmt: skip
            raise _damaged(self.source) from exc

    def rows_present(self) -> set[int]:
        with zipfile.ZipFile(self.source) as zin, zin.open(self._sheet_part(zin)) as stream:
            return rows_present(stream.read)

    # ------------------------------------------------------------ the package

    def _read(self, zin: zipfile.ZipFile, part: str) -> bytes | None:
        try:
            return zin.read(part)
        except KeyError:
            return None

    def _workbook(self, zin) -> tuple[str, Relationships]:
        root = Relationships(zin.read("_rels/.rels"))
        doc = next(r for r in root.all() if r.get("Type", "").endswith("/officeDocument"))
        part = resolve("", doc["Target"])
        return part, Relationships(self._read(zin, rels_of(part)))

    def _sheet_part(self, zin) -> str:
        wb_part, wb_rels = self._workbook(zin)
        text = zin.read(wb_part).decode("utf-8")
        p = prefix_of(text, "workbook")
        for entry in re.findall(r"<" + re.escape(p) + r"sheet\s[^>]*>", text):
            a = attrs(entry)
            if a.get("name") == self.sheet:
                rid = next((v for k, v in a.items() if k.endswith(":id")), None)
                rel = wb_rels.by_id(rid) if rid else None
                if rel and rel.get("Type", "").endswith("/worksheet"):
                    return resolve(wb_part, rel["Target"])
        raise CannotCopy("workbook_copy.no_such_sheet", file=self.source.name, sheet=self.sheet)

    def _copy(self, zin: zipfile.ZipFile, zout: zipfile.ZipFile, known_rows) -> None:
        names = set(zin.namelist())
        wb_part, wb_rels = self._workbook(zin)
        sheet_part = self._sheet_part(zin)
        wb_xml = zin.read(wb_part)
        types = ContentTypes(zin.read("[Content_Types].xml"))
        replaced: dict[str, bytes] = {}
        dropped: set[str] = set()
        new_parts: dict[str, bytes] = {}

        # the workbook's kind follows the target's extension
        wanted, current = MAIN_TYPES.get(self.suffix), types.of_part(wb_part)
        if wanted and current in MAIN_TYPES.values() and current != wanted:
            types.override(wb_part, wanted)
            if "macroEnabled" not in wanted:
                for rel in wb_rels.of_type("/vbaProject"):
                    part = resolve(wb_part, rel["Target"])
                    dropped |= {part, rels_of(part)}
                    types.remove(part)
                    wb_rels.remove(rel["Id"])
        # a value written over a formula: Excel rebuilds the calculation chain
        if any(p.value is not KEEP for p in self.patches.values()):
            for rel in wb_rels.of_type("/calcChain"):
                part = resolve(wb_part, rel["Target"])
                dropped.add(part)
                types.remove(part)
                wb_rels.remove(rel["Id"])

        styles_rel = next(iter(wb_rels.of_type("/styles")), None)
        styles_part = resolve(wb_part, styles_rel["Target"]) if styles_rel else "xl/styles.xml"
        styles = Styles(self._read(zin, styles_part) if styles_rel else None)
        if styles_rel is None:
            wb_rels.add("styles", posixpath.relpath(styles_part, posixpath.dirname(wb_part)))
            types.override(styles_part, STYLES_CT)

        sheet_rels = Relationships(self._read(zin, rels_of(sheet_part)))
        legacy = self._notes(zin, names, sheet_part, sheet_rels, types, replaced, new_parts)

        wb_text = wb_xml
        app = self._read(zin, "docProps/app.xml")
        taken = re.findall(r'<(?:\w+:)?sheet\s[^>]*?name="([^"]*)"', wb_xml.decode("utf-8"))
        taken = [html.unescape(n) for n in taken]
        for added in self.add_sheets:
            added = _free_sheet_name(added, taken)
            check_sheet_name(added.name, taken)
            taken.append(added.name)
            part = _free_name(names | set(new_parts), "xl/worksheets/sheet{}.xml")
            xml, filter_range = added_sheet_xml(added, styles)
            new_parts[part] = xml
            rid = wb_rels.add("worksheet", posixpath.relpath(part, posixpath.dirname(wb_part)))
            types.override(part, WORKSHEET_CT)
            wb_text = add_sheet_to_workbook(wb_text, added.name, rid, filter_range)
            if app is not None:
                app = add_title_to_app(app, added.name)
        if wb_text is not wb_xml:
            replaced[wb_part] = wb_text
            if app is not None:
                replaced["docProps/app.xml"] = app
        for rels, part in ((wb_rels, rels_of(wb_part)), (sheet_rels, rels_of(sheet_part))):
            if rels.changed:
                (new_parts if rels.new_part else replaced)[part] = rels.xml()
        if types.changed:
            replaced["[Content_Types].xml"] = types.xml()

        label = render("workbook_copy.progress.copying", {"sheet": self.sheet})
        for info in zin.infolist():
            name = info.filename
            self.progress.step(label, self.at)  # also where a cancel stops the copy
            if name in dropped or name == styles_part:
                continue
            if name == sheet_part:
                date1904 = _date1904(wb_xml)  # read once, from the workbook part already read
                self._patch_sheet(zin, zout, info, styles, legacy, known_rows, date1904)
            elif name in replaced:
                zout.writestr(_like(info), replaced[name])
            else:
                big = _big(info)
                with zin.open(info) as src, zout.open(_like(info), "w", force_zip64=big) as dst:
                    shutil.copyfileobj(src, dst, COPY_CHUNK)
        styles_info = zin.getinfo(styles_part) if styles_part in names else _new(styles_part)
        zout.writestr(_like(styles_info), styles.xml() if styles.changed else zin.read(styles_part))
        for name, data in new_parts.items():
            zout.writestr(_new(name), data)
        self.progress.step(render("workbook_copy.progress.done"), 1.0)

    def _notes(self, zin, names, sheet_part, sheet_rels, types, replaced, new_parts):
        """Comments and VML for the notes asked for; the <legacyDrawing> element the sheet
        needs (None when it has one)."""
        notes = {k: p.note for k, p in self.patches.items() if p.note}
        if not notes:
            return None
        comments_rel = next(iter(sheet_rels.of_type("/comments")), None)
        vml_rels = sheet_rels.of_type("/vmlDrawing")
        legacy_rid = None
        if len(vml_rels) == 1 and comments_rel is not None:  # the notes' own drawing
            legacy_rid = vml_rels[0].get("Id")
        elif vml_rels:  # a header's pictures or form controls: which is the legacy drawing?
            legacy_rid = self._legacy_rid(zin, sheet_part)
        legacy_rel = sheet_rels.by_id(legacy_rid) if legacy_rid else None
        if comments_rel is not None:
            part = resolve(sheet_part, comments_rel["Target"])
            xml, new_cells = comments_part(zin.read(part), notes)
            replaced[part] = xml
        else:
            part = _free_name(names | set(new_parts), "xl/comments{}.xml")
            xml, new_cells = comments_part(None, notes)
            new_parts[part] = xml
            sheet_rels.add("comments", posixpath.relpath(part, posixpath.dirname(sheet_part)))
            types.override(part, COMMENTS_CT)
        blocks = [b for n in names if n.lower().endswith(".vml") for b in vml_blocks(zin.read(n))]
        first = max(blocks, default=0) + 1
        fresh = {k: notes[k] for k in new_cells}
        if legacy_rel is not None:
            part = resolve(sheet_part, legacy_rel["Target"])
            replaced[part] = vml_part(zin.read(part), fresh, first)
            return None
        part = _free_name(names | set(new_parts), "xl/drawings/vmlDrawing{}.vml")
        new_parts[part] = vml_part(None, fresh, first)
        rid = sheet_rels.add("vmlDrawing", posixpath.relpath(part, posixpath.dirname(sheet_part)))
        types.ensure_default("vml", VML_CT)
        head = zin.open(sheet_part).read(4096).decode("utf-8", "replace")
        root = re.search(r"<([\w.\-]+:)?worksheet(?=[\s>])[^>]*>", head)
        rel_prefix = None
        for k, v in attrs(root.group(0) if root else "").items():
            if k.startswith("xmlns:") and v == REL_NS:
                rel_prefix = k.split(":", 1)[1] + ":"
        prefix = (root.group(1) or "").encode() if root else b""
        return legacy_drawing_element(prefix, rel_prefix, rid)

    def _legacy_rid(self, zin, sheet_part: str) -> str | None:
        """The r:id of the sheet's <legacyDrawing>, read from the end of its XML."""
        found, keep = None, b""
        pattern = re.compile(rb"<(?:[\w.\-]+:)?legacyDrawing\s[^>]*?:id\s*=\s*[\"']([^\"']*)")
        with zin.open(sheet_part) as stream:
            while chunk := stream.read(4 << 20):
                buf = keep + chunk
                if m := pattern.search(buf):
                    found = m.group(1).decode()
                keep = buf[-200:]
        return found

    def _patch_sheet(self, zin, zout, info, styles, legacy, known_rows, date1904) -> None:
        patcher = SheetPatcher(
            self.patches,
            styles.derive,
            date1904=date1904,
            sheet_name=self.sheet,
            legacy_drawing=legacy,
            known_rows=known_rows,
        )
        size = max(info.file_size, 1)
        label = render("workbook_copy.progress.copying", {"sheet": self.sheet})
        done = 0

        with zin.open(info) as src:

            def read(n: int) -> bytes:
                nonlocal done
                data = src.read(n)
                done += len(data)
                self.at = 0.95 * done / size
                self.progress.step(label, self.at)
                return data

            out = _like(info)
            out.compress_type = zipfile.ZIP_DEFLATED
            out._compresslevel = DEFAULT_LEVEL  # the sheet is most of the time spent
            with zout.open(out, "w", force_zip64=_big(info)) as dst:
                patcher.run(read, dst.write)


def _date1904(workbook_xml: bytes) -> bool:
    m = re.search(rb"<(?:\w+:)?workbookPr\s[^>]*?date1904\s*=\s*[\"'](1|true)[\"']", workbook_xml)
    return m is not None


def _free_sheet_name(sheet: AddedSheet, taken: list[str]) -> AddedSheet:
    """sheet, renamed "Name (2)", "Name (3)"... when the workbook has a sheet of its name."""
    lower = {t.casefold() for t in taken}
    name, n = sheet.name, 2
    while name.casefold() in lower:
        suffix = f" ({n})"
        name, n = sheet.name[: 31 - len(suffix)] + suffix, n + 1
    return sheet if name == sheet.name else dataclasses.replace(sheet, name=name)


def rels_of(part: str) -> str:
    """The relationships part of a part ("xl/workbook.xml" -> "xl/_rels/workbook.xml.rels")."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def resolve(part: str, target: str) -> str:
    """A relationship's target as a zip member name, relative to the part it is from."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))


def _free_name(taken: set[str], pattern: str) -> str:
    lower = {t.lower() for t in taken}
    n = 1
    while pattern.format(n).lower() in lower:
        n += 1
    return pattern.format(n)


def _big(info: zipfile.ZipInfo) -> bool:
    """Whether a member may outgrow what a zip without its Zip64 extension holds (only
    then is it written with one: Excel's own files have none)."""
    return info.file_size > ZIP64_FROM


def _like(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    out = zipfile.ZipInfo(info.filename, info.date_time)
    out.compress_type = info.compress_type
    out.external_attr = info.external_attr
    out.create_system = info.create_system
    return out


def _new(name: str) -> zipfile.ZipInfo:
    out = zipfile.ZipInfo(name, datetime.now().timetuple()[:6])
    out.compress_type = zipfile.ZIP_DEFLATED
    return out
