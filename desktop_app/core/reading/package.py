"""An .xlsx file opened once: its zip (limits checked once), relationships, workbook parts
and styles, read from the small XML parts with defusedxml.

An XlsxPackage is what travels forward through the read: the scan inflates its sheets
from the same zip, and the table takes its facts (hidden sheets, the 1904 date system,
external links, macros). Only worksheets are listed; chart sheets and dialog sheets hold
no cells.
"""

from __future__ import annotations

import contextlib
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import defusedxml
import defusedxml.ElementTree as DET

from desktop_app.core.model.errors import SourceError
from desktop_app.core.reading.limits import ReadingLimits, bundled_limits, check_zip_limits
from desktop_app.core.reading.sniffing import (
    OLE_SIGNATURE,
    cannot_open,
    password_protected,
    sniff,
)

_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC_SUFFIX = "/officeDocument"
_WORKSHEET_SUFFIX = "/worksheet"
_STYLES_SUFFIX = "/styles"
_EXTERNAL_LINK_SUFFIX = "/externalLink"
_BUILTIN_PERCENT_FORMATS = frozenset({9, 10})


def not_a_workbook(path: Path) -> SourceError:
    return SourceError("reading.not_a_workbook", file=path.name)


@dataclass
class XlsxPackage:
    path: Path
    zip: zipfile.ZipFile
    limits: ReadingLimits  # the limits the zip was checked against
    sheet_xml: dict[str, str]  # sheet name -> zip member path
    hidden_sheets: list[str]
    date1904: bool
    external_links: list[str] = field(default_factory=list)  # the linked files, as recorded
    has_macros: bool = False
    styles_member: str | None = None

    def __enter__(self) -> XlsxPackage:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        # A scan still inflating a sheet in its thread keeps the file open until it ends.
        self.zip.close()

    def sheet_member(self, sheet: str) -> str:
        member = self.sheet_xml.get(sheet)
        if member is None:
            raise SourceError(
                "reading.no_such_sheet",
                file=self.path.name,
                sheet=sheet,
                sheets=", ".join(self.sheet_xml),
            )
        return member

    @cached_property
    def percent_styles(self) -> set[int]:
        """Indexes into cellXfs (the s= attribute) whose number format is a percent format."""
        if self.styles_member is None:
            return set()
        root = _parse_part(self.zip, self.styles_member, self.path)
        percent_ids = set(_BUILTIN_PERCENT_FORMATS)
        cell_xfs = None
        for el in root:
            tag = _local(el.tag)
            if tag == "numFmts":
                for fmt in el:
                    if _is_percent_code(fmt.get("formatCode", "")):
                        with contextlib.suppress(ValueError):
                            percent_ids.add(int(fmt.get("numFmtId", "")))
            elif tag == "cellXfs":
                cell_xfs = el
        result: set[int] = set()
        if cell_xfs is not None:
            for index, xf in enumerate(x for x in cell_xfs if _local(x.tag) == "xf"):
                try:
                    if int(xf.get("numFmtId", "0")) in percent_ids:
                        result.add(index)
                except ValueError:
                    pass
        return result


def open_package(
    path, limits: ReadingLimits | None = None, opened: zipfile.ZipFile | None = None
) -> XlsxPackage:
    """The workbook at path, its zip checked against limits (default: the bundled
    schema's) and its workbook part read; opened is its zip when sniffing opened it
    already. Raises SourceError with a sentence for a person (and closes the zip)."""
    path = Path(path)
    zf = opened if opened is not None else _open_zip(path)
    try:
        limits = limits or bundled_limits()
        check_zip_limits(zf, limits)
        return _read_workbook_part(path, zf, limits)
    except BaseException:
        zf.close()
        raise


# --------------------------------------------------------------------------- opening


def _check_signature(path: Path) -> None:
    """Catch the wrong-file cases that are not zips at all, each with its own advice."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise cannot_open(path, exc) from exc
    if not head:
        raise SourceError("reading.empty_workbook", file=path.name)
    if head == OLE_SIGNATURE:
        if sniff(path) == "encrypted":
            raise password_protected(path)
        raise SourceError("reading.old_office_file", file=path.name)


def _open_zip(path: Path) -> zipfile.ZipFile:
    _check_signature(path)
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise not_a_workbook(path) from exc
    except OSError as exc:
        raise cannot_open(path, exc) from exc


# --------------------------------------------------------------------------- small XML parts


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse_part(zf: zipfile.ZipFile, member: str, path: Path):
    """Parse a small XML part with defusedxml; entity tricks and junk become SourceError."""
    try:
        data = zf.read(member)
        return DET.fromstring(data)
    except defusedxml.DefusedXmlException as exc:
        raise SourceError("reading.unsafe_xml", file=path.name, part=member) from exc
    except (DET.ParseError, zipfile.BadZipFile, zlib.error, EOFError, KeyError) as exc:
        raise not_a_workbook(path) from exc


def _find_member(zf: zipfile.ZipFile, name: str) -> str | None:
    """Zip member names are case-sensitive but some writers disagree with their own rels."""
    names = zf.namelist()
    if name in names:
        return name
    lowered = name.lower()
    return next((n for n in names if n.lower() == lowered), None)


def _read_rels(
    zf: zipfile.ZipFile, rels_member: str, base_dir: str, path: Path
) -> dict[str, tuple[str, str]]:
    """rId -> (relationship type, resolved zip member path); external targets as recorded."""
    member = _find_member(zf, rels_member)
    if member is None:
        return {}
    root = _parse_part(zf, member, path)
    rels: dict[str, tuple[str, str]] = {}
    for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            rels[rel.get("Id", "")] = (rel.get("Type", ""), rel.get("Target", ""))
            continue
        target = rel.get("Target", "")
        resolved = (
            target.lstrip("/") if target.startswith("/") else posixpath.join(base_dir, target)
        )
        rels[rel.get("Id", "")] = (rel.get("Type", ""), posixpath.normpath(resolved))
    return rels


def _rels_path(member: str) -> str:
    folder, name = posixpath.split(member)
    return posixpath.join(folder, "_rels", name + ".rels")


def _workbook_member(zf: zipfile.ZipFile, path: Path) -> str:
    for rel_type, target in _read_rels(zf, "_rels/.rels", "", path).values():
        if rel_type.endswith(_OFFICE_DOC_SUFFIX):
            found = _find_member(zf, target)
            if found:
                return found
    found = _find_member(zf, "xl/workbook.xml")
    if found is None:
        raise not_a_workbook(path)
    return found


def _external_target(zf: zipfile.ZipFile, member: str, path: Path) -> str:
    """The file an externalLink part points to (its own rels hold the target)."""
    found = _find_member(zf, member)
    if found is None:
        return ""
    rels = _read_rels(zf, _rels_path(found), posixpath.dirname(found), path)
    return next((target for _type, target in rels.values()), "") or posixpath.basename(found)


def _read_workbook_part(path: Path, zf: zipfile.ZipFile, limits: ReadingLimits) -> XlsxPackage:
    """The workbook part and its relationships: sheets, their states, the date system,
    external links, the styles part; and whether the package carries macros."""
    wb_member = _workbook_member(zf, path)
    root = _parse_part(zf, wb_member, path)
    rels = _read_rels(zf, _rels_path(wb_member), posixpath.dirname(wb_member), path)
    external = [
        _external_target(zf, target, path)
        for rel_type, target in rels.values()
        if rel_type.endswith(_EXTERNAL_LINK_SUFFIX)
    ]
    styles_member = None
    for rel_type, target in rels.values():
        if rel_type.endswith(_STYLES_SUFFIX):
            styles_member = _find_member(zf, target)
    macros = any(n.lower().endswith("vbaproject.bin") for n in zf.namelist())

    date1904 = False
    sheet_xml: dict[str, str] = {}
    hidden: list[str] = []
    for el in root.iter():
        tag = _local(el.tag)
        if tag == "workbookPr":
            date1904 = (el.get("date1904") or "").strip().lower() in {"1", "true"}
        elif tag == "sheet":
            name = el.get("name")
            rid = next(
                (v for k, v in el.attrib.items() if k.startswith("{") and _local(k) == "id"),
                None,
            )
            rel = rels.get(rid or "")
            if name is None or rel is None or not rel[0].endswith(_WORKSHEET_SUFFIX):
                continue
            member = _find_member(zf, rel[1])
            if member is None:
                raise not_a_workbook(path)
            sheet_xml[name] = member
            if el.get("state") in {"hidden", "veryHidden"}:
                hidden.append(name)
    if not sheet_xml:
        raise SourceError("reading.no_worksheets", file=path.name)
    return XlsxPackage(
        path=path,
        zip=zf,
        limits=limits,
        sheet_xml=sheet_xml,
        hidden_sheets=hidden,
        date1904=date1904,
        external_links=[t for t in external if t],
        has_macros=macros,
        styles_member=styles_member or _find_member(zf, "xl/styles.xml"),
    )


def _is_percent_code(code: str) -> bool:
    """True if a custom format shows a percent sign that scales the value.

    A "%" inside quotes, after a backslash or inside [...] (colours, locales) is literal text.
    """
    in_quotes = in_brackets = escaped = False
    for ch in code:
        if escaped:
            escaped = False
        elif in_quotes:
            in_quotes = ch != '"'
        elif in_brackets:
            in_brackets = ch != "]"
        elif ch == "\\":
            escaped = True
        elif ch == '"':
            in_quotes = True
        elif ch == "[":
            in_brackets = True
        elif ch == "%":
            return True
    return False
