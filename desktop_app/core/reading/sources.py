"""Safe, fast access to the raw facts of input files that python-calamine hides.

Cell values are read with python-calamine elsewhere. This module covers what calamine
cannot tell us or gets wrong, without ever building a DOM of a 100 MB sheet:

* error cells and formulas without a cached result (calamine returns ``""`` for both,
  exactly like a blank cell),
* which cells carry a percent number format,
* workbook facts (sheet parts, hidden sheets, 1904 date system, external links,
  macros), hidden rows and columns,
* the true extent of a sheet (its last used cell), read before calamine allocates a grid
  that large: one stray value at XFD1048576 makes it try to allocate ~550 GB and abort,
* zip bombs / absurd sizes, password-protected files, damaged files,
* CSV decoding and delimiter detection.

Every failure a person can fix is raised as :class:`SourceError` with one readable
sentence naming the file.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import defusedxml
import defusedxml.ElementTree as DET
from charset_normalizer import from_bytes

from desktop_app.core.model.errors import SourceError
from desktop_app.core.reading.limits import RATIO_CHECK_FROM, ReadingLimits, bundled_limits
from desktop_app.core.reading.sniffing import OLE_SIGNATURE, password_protected, sniff

__all__ = [
    "SourceError",
    "XlsxFacts",
    "SheetScan",
    "SheetExtent",
    "inspect_xlsx",
    "sheet_extent",
    "scan_sheet",
    "read_csv_rows",
    "check_zip_limits",
    "parse_a1",
    "col_letter",
]

_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC_SUFFIX = "/officeDocument"
_WORKSHEET_SUFFIX = "/worksheet"
_STYLES_SUFFIX = "/styles"
_EXTERNAL_LINK_SUFFIX = "/externalLink"

# 8 MB of inflated XML per read: large enough that per-chunk Python overhead is
# negligible, small enough to keep memory flat on 100 MB sheets.
_CHUNK_SIZE = 8 * 1024 * 1024
# Bytes kept back when no cell is open at the end of a buffer; enough for a split
# "<x:c" / "<row" opener so it is seen whole in the next buffer.
_TAIL_KEEP = 32
_BUILTIN_PERCENT_FORMATS = frozenset({9, 10})


@dataclass
class XlsxFacts:
    sheet_xml: dict[str, str]  # sheet name -> zip member path
    hidden_sheets: list[str]
    date1904: bool
    external_links: list[str] = field(default_factory=list)  # the linked files, as recorded
    has_macros: bool = False


@dataclass
class SheetExtent:
    """How far a sheet's cells reach: the grid a reader allocates is rows x columns."""

    rows: int = 0  # the last row used (1-based)
    columns: int = 0  # the last column used, or 26 as an upper bound for one-letter columns
    far_cell: str | None = None  # the A1 reference of the cell farthest out
    far_cells: int = 0  # the grid that cell alone spans from A1 (rows x columns)

    @property
    def cells(self) -> int:
        return self.rows * self.columns


@dataclass
class SheetScan:
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    formulas_without_result: set[tuple[int, int]] = field(default_factory=set)
    formula_count: int = 0
    percent_styles: set[int] = field(default_factory=set)
    cell_styles: dict[tuple[int, int], int] = field(default_factory=dict)
    hidden_rows: set[int] = field(default_factory=set)  # Excel row numbers
    hidden_columns: set[int] = field(default_factory=set)  # 0-based column indexes
    extent: SheetExtent = field(default_factory=SheetExtent)  # how far the cells reach


# --------------------------------------------------------------------------- A1 refs

_A1_RE = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]+)")


def parse_a1(ref: str) -> tuple[int, int]:
    """``"AB12"`` -> ``(12, 27)``: 1-based row (as Excel shows it), 0-based column (as lists index)."""
    m = _A1_RE.fullmatch(ref.strip())
    if not m or int(m.group(2)) < 1:
        raise ValueError(f"not a cell reference: {ref!r}")
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + (ord(ch) - 64)
    return int(m.group(2)), col - 1


def col_letter(col: int) -> str:
    """0-based column index -> Excel letters (0 -> "A", 27 -> "AB")."""
    if col < 0:
        raise ValueError(f"column index must be >= 0, got {col}")
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# --------------------------------------------------------------------------- zip safety


def _name(path: Path) -> str:
    return f'"{path.name}"'


def _not_a_workbook(path: Path) -> SourceError:
    return SourceError(
        f"{_name(path)} is not an Excel workbook (.xlsx) or it is damaged; "
        "open it in Excel and save it again as .xlsx."
    )


def check_zip_limits(path, limits: ReadingLimits) -> None:
    """Refuse zips whose declared contents would take minutes or gigabytes to inflate.

    Only the central directory is read, so this is instant even for a real zip bomb.
    The ratio check ignores small members: small XML parts compress very well
    legitimately and cannot hurt us.
    """
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise _not_a_workbook(path) from exc
    except OSError as exc:
        raise SourceError(
            f"{_name(path)} could not be opened ({exc.strerror or exc}); check that the file exists and is not open in another program."
        ) from exc

    def too_big(detail: str) -> SourceError:
        return SourceError(
            f"{_name(path)} looks like a zip bomb or is too large to check safely ({detail}); "
            "open it in Excel, remove unneeded content and save it again."
        )

    if len(infos) > limits.max_zip_parts:
        raise too_big(f"it has {len(infos):,} parts")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > RATIO_CHECK_FROM:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_zip_ratio:
                raise too_big(f"part {info.filename} inflates {ratio:,.0f}-fold")
    if total > limits.max_unzipped_bytes:
        raise too_big(f"{total / 1e6:,.0f} MB uncompressed")


# --------------------------------------------------------------------------- small XML parts


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse_part(zf: zipfile.ZipFile, member: str, path: Path):
    """Parse a small XML part with defusedxml; entity tricks and junk become SourceError."""
    try:
        data = zf.read(member)
        return DET.fromstring(data)
    except defusedxml.DefusedXmlException as exc:
        raise SourceError(
            f"{_name(path)} contains unsafe XML (entity definitions, a known attack pattern) "
            f"in {member}; it was not opened. Save it again from Excel or ask the sender for a clean copy."
        ) from exc
    except (DET.ParseError, zipfile.BadZipFile, zlib.error, EOFError, KeyError) as exc:
        raise _not_a_workbook(path) from exc


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


def _workbook_member(zf: zipfile.ZipFile, path: Path) -> str:
    for rel_type, target in _read_rels(zf, "_rels/.rels", "", path).values():
        if rel_type.endswith(_OFFICE_DOC_SUFFIX):
            found = _find_member(zf, target)
            if found:
                return found
    found = _find_member(zf, "xl/workbook.xml")
    if found is None:
        raise _not_a_workbook(path)
    return found


def _rels_path(member: str) -> str:
    folder, name = posixpath.split(member)
    return posixpath.join(folder, "_rels", name + ".rels")


def _cannot_open(path: Path, exc: OSError) -> SourceError:
    """The sentence for a file the system would not let us read."""
    if isinstance(exc, FileNotFoundError):
        return SourceError(
            f"{_name(path)} could not be found; check the file location and try again."
        )
    return SourceError(
        f"{_name(path)} could not be opened ({exc.strerror or exc}); close it in other programs and try again."
    )


def _check_signature(path: Path) -> None:
    """Catch the wrong-file cases that are not zips at all, each with its own advice."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise _cannot_open(path, exc) from exc
    if not head:
        raise SourceError(f"{_name(path)} is empty; choose the saved workbook instead.")
    if head == OLE_SIGNATURE:
        if sniff(path) == "encrypted":
            raise password_protected(path)
        raise SourceError(
            f"{_name(path)} is an Excel 97-2003 (.xls) or other old Office file, not an "
            ".xlsx workbook; open it in Excel and save it as .xlsx."
        )


def _open_zip(path: Path) -> zipfile.ZipFile:
    _check_signature(path)
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise _not_a_workbook(path) from exc
    except OSError as exc:
        raise SourceError(
            f"{_name(path)} could not be opened ({exc.strerror or exc}); close it in other programs and try again."
        ) from exc


def inspect_xlsx(path, limits: ReadingLimits | None = None) -> XlsxFacts:
    """Workbook-level facts read from the small XML parts, after the zip-bomb check.

    Only worksheets are listed; chart sheets and dialog sheets hold no cells.
    """
    path = Path(path)
    _check_signature(path)
    check_zip_limits(path, limits or bundled_limits())
    with _open_zip(path) as zf:
        wb_member = _workbook_member(zf, path)
        root = _parse_part(zf, wb_member, path)
        rels = _read_rels(zf, _rels_path(wb_member), posixpath.dirname(wb_member), path)
        external = [
            _external_target(zf, target, path)
            for rel_type, target in rels.values()
            if rel_type.endswith(_EXTERNAL_LINK_SUFFIX)
        ]
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
                    raise _not_a_workbook(path)
                sheet_xml[name] = member
                if el.get("state") in {"hidden", "veryHidden"}:
                    hidden.append(name)
        if not sheet_xml:
            raise SourceError(
                f"{_name(path)} has no worksheets (no sheet with cells); "
                "fill in the global template and try again."
            )
    return XlsxFacts(
        sheet_xml=sheet_xml,
        hidden_sheets=hidden,
        date1904=date1904,
        external_links=[t for t in external if t],
        has_macros=macros,
    )


def _external_target(zf: zipfile.ZipFile, member: str, path: Path) -> str:
    """The file an externalLink part points to (its own rels hold the target)."""
    found = _find_member(zf, member)
    if found is None:
        return ""
    rels = _read_rels(zf, _rels_path(found), posixpath.dirname(found), path)
    return next((target for _type, target in rels.values()), "") or posixpath.basename(found)


# --------------------------------------------------------------------------- styles


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


def _percent_styles(zf: zipfile.ZipFile, path: Path) -> set[int]:
    """Indexes into cellXfs (the s= attribute) whose number format is a percent format."""
    wb_member = _workbook_member(zf, path)
    styles_member = None
    for rel_type, target in _read_rels(
        zf, _rels_path(wb_member), posixpath.dirname(wb_member), path
    ).values():
        if rel_type.endswith(_STYLES_SUFFIX):
            styles_member = _find_member(zf, target)
    styles_member = styles_member or _find_member(zf, "xl/styles.xml")
    if styles_member is None:
        return set()
    root = _parse_part(zf, styles_member, path)
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


# --------------------------------------------------------------------------- sheet scan

_ATTR_RE = re.compile(rb"([\w:.\-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_ROOT_RE = re.compile(rb"<([A-Za-z_][\w.\-]*:)?worksheet[\s>]")


def _attrs(raw: bytes) -> dict[bytes, bytes]:
    return {
        m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
        for m in _ATTR_RE.finditer(raw)
    }


class _SheetPatterns:
    """Byte patterns for one sheet, honouring a namespace prefix like ``<x:c>`` (Open XML SDK)."""

    def __init__(self, prefix: bytes) -> None:
        p = re.escape(prefix)
        self.cell_open = b"<" + prefix + b"c"
        self.formula_open = b"<" + prefix + b"f"
        self.sheetdata_end = b"</" + prefix + b"sheetData"
        self.row_open = b"<" + prefix + b"row"
        # A formula cell: by schema order (f, v, is) <f> is the cell's first child.
        # The "<c" literal prefix lets the regex engine skip ahead quickly.
        self.formula_cell = re.compile(
            rb"<" + p + rb"c(\s[^>]*?)?>\s*<" + p + rb"f[\s>/](.*?)</" + p + rb"c>", re.DOTALL
        )
        self.cell = re.compile(
            rb"<" + p + rb"c((?:\s[^>]*?)?)(?:/>|>(.*?)</" + p + rb"c>)", re.DOTALL
        )
        self.value = re.compile(
            rb"<" + p + rb"v(?:\s[^>]*)?(?:/>|>(.*?)</" + p + rb"v>)", re.DOTALL
        )
        self.has_formula = re.compile(rb"<" + p + rb"f[\s>/]")
        self.row_num = re.compile(rb"<" + p + rb"row\s[^>]*?\br\s*=\s*[\"']([0-9]+)[\"']")


def _last_cell_start(buf: bytes, opener: bytes, end: int) -> int:
    """Index of the last cell element start before ``end``, or -1.

    ``<c`` also prefixes ``<col>``/``<cfRule>``; a real cell opener is followed by
    whitespace, ``>``, ``/`` or the end of the buffer (a tag cut by the chunk boundary).
    """
    pos = end
    width = len(opener)
    while True:
        pos = buf.rfind(opener, 0, pos)
        if pos < 0:
            return -1
        nxt = buf[pos + width : pos + width + 1]
        if not nxt or nxt in b" \t\r\n>/":
            return pos
        if pos == 0:
            return -1


_R_ATTR = re.compile(rb"(?<![\w:])r\s*=\s*[\"']([A-Z]{1,3})([0-9]+)[\"']")
_T_ATTR = re.compile(rb"(?<![\w:])t\s*=\s*[\"']([^\"']*)[\"']")
_ERROR_NEEDLES = (b't="e"', b"t='e'")
_COLUMN_CACHE: dict[bytes, int] = {}


def _cell_key(attrs: bytes) -> tuple[int, int] | None:
    """(row, col) from a cell's attribute text; None if it has no usable r=."""
    m = _R_ATTR.search(attrs)
    if m is None:
        return None
    letters = m.group(1)
    col = _COLUMN_CACHE.get(letters)
    if col is None:
        col = _COLUMN_CACHE[letters] = parse_a1(letters.decode() + "1")[1]
    return int(m.group(2)), col


def _record(
    attrs: bytes, body: bytes, has_formula: bool, pat: _SheetPatterns, out: SheetScan
) -> None:
    key = _cell_key(attrs)
    if key is None:
        return
    t = _T_ATTR.search(attrs)
    cell_type = t.group(1) if t else b"n"
    value = pat.value.search(body)
    text = value.group(1) if value and value.group(1) else b""
    if cell_type == b"e":
        out.errors[key] = text.decode("utf-8", "replace").strip() or "#ERROR"
    elif has_formula and not text and cell_type != b"str":
        # t="str" with <v></v> is a stored empty-string result (e.g. =""), not a missing one.
        out.formulas_without_result.add(key)


def _scan_formulas(buf: bytes, end: int, pat: _SheetPatterns, out: SheetScan) -> None:
    """One regex pass over formula cells; sheets full of formulas stay reasonably fast."""
    for m in pat.formula_cell.finditer(buf, 0, end):
        out.formula_count += 1
        _record(m.group(1) or b"", m.group(2), True, pat, out)


def _scan_errors(buf: bytes, end: int, pat: _SheetPatterns, out: SheetScan) -> None:
    """Error cells without a formula (those are handled by :func:`_scan_formulas`)."""
    for needle in _ERROR_NEEDLES:
        pos = buf.find(needle, 0, end)
        while pos >= 0:
            start = _last_cell_start(buf, pat.cell_open, pos)
            m = pat.cell.match(buf, start) if start >= 0 and buf[pos - 1 : pos].isspace() else None
            # Only a t= inside the cell's start tag counts, not text that looks like it.
            if m is not None and pos < m.end(1):
                body = m.group(2) or b""
                if pat.has_formula.match(body.lstrip()) is None:
                    _record(m.group(1), body, False, pat, out)
            pos = buf.find(needle, pos + 1, end)


class _StyleFinder:
    """Finds the s= of a handful of cells without parsing every cell.

    Rows in sheet XML are in ascending order, so each wanted ref is only searched for in
    the buffer whose row span covers it; without row numbers every buffer is searched.
    """

    def __init__(self, cells: Iterable[tuple[int, int]]) -> None:
        self.pending: dict[tuple[int, int], list[bytes]] = {}
        for row, col in cells:
            ref = f"{col_letter(col)}{row}".encode()
            self.pending[(row, col)] = [b'r="' + ref + b'"', b"r='" + ref + b"'"]
        self.found: dict[tuple[int, int], int] = {}
        self.open_row = 0  # row still open at the end of the previous buffer

    def scan(self, buf: bytes, end: int, pat: _SheetPatterns, final: bool) -> None:
        if not self.pending:
            return
        first = pat.row_num.search(buf, 0, end)
        last_pos = buf.rfind(pat.row_open, 0, end)
        last = pat.row_num.match(buf, last_pos) if last_pos >= 0 else None
        if first and last and not final:
            low = min(self.open_row or int(first.group(1)), int(first.group(1)))
            high = int(last.group(1))
            self.open_row = high
            wanted = [k for k in self.pending if low <= k[0] <= high]
        else:
            wanted = list(self.pending)
        for key in wanted:
            style = self._find_style(buf, end, pat, self.pending[key])
            if style is not None:
                self.found[key] = style
                del self.pending[key]

    @staticmethod
    def _find_style(buf: bytes, end: int, pat: _SheetPatterns, needles: list[bytes]) -> int | None:
        for needle in needles:
            pos = buf.find(needle, 0, end)
            while pos >= 0:
                start = _last_cell_start(buf, pat.cell_open, pos)
                tag_end = buf.find(b">", pos)
                if start >= 0 and tag_end >= 0 and buf.find(b">", start, pos) < 0:
                    style = _attrs(buf[start + len(pat.cell_open) : tag_end]).get(b"s", b"0")
                    return int(style) if style.isdigit() else 0
                pos = buf.find(needle, pos + 1, end)  # e.g. the text r="B7" inside a value
        return None

    def result(self) -> dict[tuple[int, int], int]:
        # Cells absent from the XML have never been formatted: Excel's default style 0.
        return {**dict.fromkeys(self.pending, 0), **self.found}


def _safe_end(buf: bytes, pat: _SheetPatterns) -> int:
    """Where to cut a non-final buffer so that no cell is split.

    An incomplete last cell is carried whole; otherwise only a few bytes are kept back
    in case they start a tag that the next chunk completes.
    """
    start = _last_cell_start(buf, pat.cell_open, len(buf))
    if start < 0:
        end = max(len(buf) - _TAIL_KEEP, 0)
    else:
        last = pat.cell.match(buf, start)
        if last is None:
            return start
        end = max(last.end(), len(buf) - _TAIL_KEEP)
    # Never cut through a tag (a long <row ... hidden="1"> after the last cell): a raw
    # "<" always opens a tag, text has it escaped.
    lt = buf.rfind(b"<", 0, end)
    if lt >= 0 and buf.find(b">", lt, end) < 0:
        end = lt
    return end


_HIDDEN = re.compile(rb"""(?<![\w:])hidden\s*=\s*["'](?:1|true)["']""")
_COL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?col\s([^>]*)>")


def _hidden_columns(head: bytes) -> set[int]:
    """0-based indexes of the columns <cols> hides (they come before <sheetData>)."""
    hidden: set[int] = set()
    for m in _COL_TAG.finditer(head):
        attrs = _attrs(m.group(1))
        if _HIDDEN.search(m.group(1)) and attrs.get(b"min", b"").isdigit():
            low = int(attrs[b"min"])
            high = int(attrs[b"max"]) if attrs.get(b"max", b"").isdigit() else low
            hidden.update(range(low - 1, min(max(high, low), 16384)))
    return hidden


def _hidden_rows(buf: bytes, end: int, pat: _SheetPatterns, out: SheetScan) -> None:
    """Excel rows whose <row> tag says hidden="1"; only called when the text occurs."""
    for m in _HIDDEN.finditer(buf, 0, end):
        start = buf.rfind(pat.row_open, 0, m.start())
        if start >= 0 and buf.find(b">", start, m.start()) < 0:
            row = pat.row_num.match(buf, start)
            if row is not None:
                out.hidden_rows.add(int(row.group(1)))


# A reference with a column of two or more letters or a row of seven or more digits, or
# a row tag of seven or more digits: only then is a chunk read reference by reference.
_WIDE_OR_DEEP = re.compile(rb"""r=["'](?:[A-Z]{2}|[A-Z]?[0-9]{7})""")
# Attribute spellings no spreadsheet program writes, which the screen above would miss.
_ODD_SPELLINGS = (b" r =", b" r= ", b"r='")
_SPELLING_SAMPLE = 64 * 1024


def _measure(buf: bytes, end: int, pat: _SheetPatterns, ext: SheetExtent, precise: bool) -> None:
    """Widen ext to the cells of buf[:end].

    Rows are in ascending order in any sheet a spreadsheet program wrote, so the last
    row tag and the last cell give the depth, and with one-letter columns the width is
    at most 26. Anything wider or deeper (or oddly written) is read reference by
    reference, which also catches a far cell written out of order.
    """

    def widen(row: int, col: int) -> None:
        ext.rows, ext.columns = max(ext.rows, row), max(ext.columns, col + 1)
        if row * (col + 1) > ext.far_cells:
            ext.far_cells, ext.far_cell = row * (col + 1), f"{col_letter(col)}{row}"

    if precise or _WIDE_OR_DEEP.search(buf, 0, end):
        for m in _R_ATTR.finditer(buf, 0, end):
            key = _cell_key(m.group(0))
            if key is not None:
                widen(*key)
        for m in pat.row_num.finditer(buf, 0, end):
            ext.rows = max(ext.rows, int(m.group(1)))
        return
    last = _last_cell_start(buf, pat.cell_open, end)
    if last >= 0:
        gt = buf.find(b">", last, end)
        key = _cell_key(buf[last : gt if gt >= 0 else end])
        if key is not None:
            widen(*key)
            ext.columns = max(ext.columns, 26)  # an upper bound: any one-letter column
    row_at = buf.rfind(pat.row_open, 0, end)
    row = pat.row_num.match(buf, row_at) if row_at >= 0 else None
    if row is not None:
        ext.rows = max(ext.rows, int(row.group(1)))


def _scan_stream(stream, style_cells: Iterable[tuple[int, int]], chunk_size: int) -> SheetScan:
    """Chunked scan of a sheet's XML stream (see :func:`scan_sheet`).

    The buffer handed to the parsers always ends before the last, possibly incomplete,
    cell: the tail from that cell's ``<c`` onward is carried into the next buffer, so
    every cell is seen whole exactly once.
    """
    out = SheetScan()
    styles = _StyleFinder(style_cells)
    pat: _SheetPatterns | None = None
    carry = b""
    done = precise = False
    seen = 0
    while not done:
        chunk = stream.read(chunk_size)
        final = not chunk
        buf = carry + chunk
        # A writer spells attributes one way throughout: the first 64 KB tell.
        if not precise and seen < _SPELLING_SAMPLE:
            precise = any(odd in buf for odd in _ODD_SPELLINGS)
        seen += len(chunk)
        if pat is None:
            root = _ROOT_RE.search(buf)
            if root is None and not final and len(buf) < 1024 * 1024:
                carry = buf
                continue
            pat = _SheetPatterns((root.group(1) or b"") if root else b"")
            data_start = buf.find(pat.row_open)
            out.hidden_columns = _hidden_columns(buf[: data_start if data_start >= 0 else None])
        sheet_end = buf.find(pat.sheetdata_end)
        if sheet_end >= 0:  # nothing after </sheetData> holds cells
            final = done = True
            buf = buf[:sheet_end]
        end = len(buf) if final else _safe_end(buf, pat)
        _measure(buf, end, pat, out.extent, precise)
        if pat.formula_open in buf:
            _scan_formulas(buf, end, pat, out)
        if any(needle in buf for needle in _ERROR_NEEDLES):
            _scan_errors(buf, end, pat, out)
        if b"hidden" in buf:
            _hidden_rows(buf, end, pat, out)
        styles.scan(buf, end, pat, final)
        carry = buf[end:]
        done = done or final
    out.cell_styles = styles.result()
    return out


def scan_sheet(
    path,
    facts: XlsxFacts,
    sheet: str,
    *,
    style_cells: Iterable[tuple[int, int]] = (),
) -> SheetScan:
    """Find what calamine hides in one sheet: error cells, formulas without a cached
    result, hidden rows and columns, the style index of the requested cells; plus the
    percent styles.

    The sheet XML is stream-inflated in large chunks; a chunk is only regex-parsed if it
    contains ``t="e"`` or a formula, so a plain data sheet costs little more than
    inflating it. Cells without an ``r=`` attribute (written by a few tools) cannot be
    located and are skipped, though their formulas still count in ``formula_count``.
    """
    return _scan_sheet(path, facts, sheet, style_cells=style_cells, chunk_size=_CHUNK_SIZE)


def _scan_sheet(
    path, facts: XlsxFacts, sheet: str, *, style_cells: Iterable[tuple[int, int]], chunk_size: int
) -> SheetScan:
    path = Path(path)
    member = facts.sheet_xml.get(sheet)
    if member is None:
        raise SourceError(
            f'{_name(path)} has no worksheet named "{sheet}"; pick one of: {", ".join(facts.sheet_xml)}.'
        )
    with _open_zip(path) as zf:
        percent = _percent_styles(zf, path)
        try:
            with zf.open(member) as stream:
                result = _scan_stream(stream, style_cells, chunk_size)
        except (zipfile.BadZipFile, zlib.error, EOFError, KeyError) as exc:
            raise _not_a_workbook(path) from exc
    result.percent_styles = percent
    return result


_DIMENSION_RE = re.compile(
    rb"<(?:[A-Za-z_][\w.\-]*:)?dimension\s+ref\s*=\s*[\"']([A-Z$0-9:]+)[\"']"
)


def scan_in_background(path, facts: XlsxFacts, sheet: str):
    """scan_sheet in a thread of its own: a Future, or None where the caller should scan
    itself (then nothing runs beside the reader).

    python-calamine lets go of the GIL while it parses a sheet, so the scan (mostly
    inflating and searching bytes) runs beside it on the other core. Measured at 100,000
    rows: the whole check 2.17 s with a thread against 2.31 s with a second process,
    which also cost a fork (or, on Windows and macOS, a spawn) and outlived a reader
    that aborted.
    """
    import concurrent.futures
    import multiprocessing

    if multiprocessing.parent_process() is not None:
        return None  # a worker of consolidation, which checks files in parallel: cores busy
    pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="sheet-scan")
    pending = pool.submit(scan_sheet, path, facts, sheet)
    pool.shutdown(wait=False)  # the thread ends with its one scan
    return pending


def recorded_extent(path, facts: XlsxFacts, sheet: str) -> tuple[SheetExtent, int] | None:
    """The extent the sheet records in <dimension> (Excel, LibreOffice and most writers
    keep it right), and the size of the sheet's XML; None when there is no record.
    Cheap: only the start of the sheet is inflated."""
    with _open_zip(Path(path)) as zf:
        member = facts.sheet_xml[sheet]
        size = zf.getinfo(member).file_size
        with zf.open(member) as stream:
            head = stream.read(64 * 1024)
    m = _DIMENSION_RE.search(head)
    if m is None:
        return None
    try:
        row, col = parse_a1(m.group(1).decode().split(":")[-1])
    except ValueError:
        return None
    return SheetExtent(rows=row, columns=col + 1), size


def sheet_extent(
    path, facts: XlsxFacts, sheet: str, *, chunk_size: int = _CHUNK_SIZE
) -> SheetExtent:
    """The last used row and column of a sheet, read from its XML before any reader
    builds a grid that large; inflating the sheet is most of the cost, so a caller
    that also needs the scan takes ``scan_sheet(...).extent`` instead."""
    return _scan_sheet(path, facts, sheet, style_cells=(), chunk_size=chunk_size).extent


# --------------------------------------------------------------------------- CSV

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DELIMITERS = ",;\t|"


def _detect_encoding(data: bytes, path: Path) -> str:
    """BOM first, then strict UTF-8, then charset_normalizer.

    charset_normalizer often ranks cp1250 or even cp1006 first for short Western text
    ("Malmö;Straße"), so cp1252 wins whenever it decodes the bytes equally well.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise SourceError(
            f"{_name(path)} is not readable text in any known encoding; "
            'save it from Excel as "CSV UTF-8" and try again.'
        )
    for match in matches:
        if match.chaos <= best.chaos + 0.01 and "cp1252" in match.could_be_from_charset:
            return "cp1252"
    return best.encoding


def _count_delimiter(sample: str) -> str:
    """Fallback: the candidate present on most lines with a consistent count."""
    lines = [line for line in sample.splitlines()[:50] if line]
    best, best_score = ",", (0, 0)
    for delim in _DELIMITERS:
        counts = [line.count(delim) for line in lines]
        if not any(counts):
            continue
        mode = max(set(counts), key=counts.count)
        score = (sum(1 for c in counts if c == mode and c > 0), sum(counts))
        if score > best_score:
            best, best_score = delim, score
    return best


def _detect_delimiter(text: str) -> str:
    sample = text[: 32 * 1024]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rfind("\n") + 1]
    try:
        delim = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        delim = ""
    return delim if delim and delim in _DELIMITERS else _count_delimiter(sample)


def read_csv_rows(path) -> tuple[list[list[str]], str, str]:
    """Rows of a CSV file as written (every value a str, nothing stripped or converted),
    plus the detected encoding and delimiter. Blank lines come back as empty rows so
    row numbers match the file.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _cannot_open(path, exc) from exc
    if not data:
        raise SourceError(f"{_name(path)} is empty; choose the exported CSV file instead.")
    encoding = _detect_encoding(data, path)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise SourceError(
            f"{_name(path)} could not be decoded as {encoding}; "
            'save it from Excel as "CSV UTF-8" and try again.'
        ) from exc
    if not text.strip():
        raise SourceError(f"{_name(path)} is empty; choose the exported CSV file instead.")
    delimiter = _detect_delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise SourceError(
            f"{_name(path)} is not a well-formed CSV file ({exc}); "
            "open it in Excel and save it again as CSV."
        ) from exc
    return rows, encoding, delimiter
