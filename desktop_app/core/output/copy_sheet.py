"""The data sheet of a workbook copy, patched as it streams (workbook_copy.py uses it).

The sheet's XML is inflated a few megabytes at a time and cut into rows with a small
tokenizer; a row no patch names is copied as it stands (the bytes are never parsed
further), a row a patch names is split into its cells, the named cells are rewritten
and cells not in it yet are inserted in column order. Rows a patch names that the sheet
lacks are inserted in row order. Rows and cells without an r= attribute take the place
after the one before (as Excel reads them); a patched row gets explicit references.

Rows out of order (Excel never writes them, some tools do) are found on the way: the
caller then counts the rows present first and streams again (RowsOutOfOrder).
"""

from __future__ import annotations

import html
import math
import numbers
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal

from desktop_app.core.model.a1 import col_letter, parse_a1
from desktop_app.core.output.copy_model import KEEP, CellPatch
from desktop_app.core.output.xlsx_parts import xml_text
from desktop_app.core.output.xlsx_stream import CELL_MAX_CHARS, ExcelCannotHold

CHUNK = 4 * 1024 * 1024
_ATTR = re.compile(rb"""([\w:.\-]+)\s*=\s*("[^"]*"|'[^']*')""")
_R_ATTR = re.compile(rb"""(?<![\w:.\-])r\s*=\s*["']([A-Za-z]{0,3})([0-9]+)["']""")
_SPANS = re.compile(rb"""\s+spans\s*=\s*["'][^"']*["']""")
_TAG = re.compile(rb"<(/?)([\w:.\-]+)[^>]*?(/?)>|<!--.*?-->|<\?.*?\?>", re.DOTALL)
_ROOT = re.compile(rb"<([A-Za-z_][\w.\-]*:)?worksheet[\s>]")
EPOCH_1900 = date(1899, 12, 30).toordinal()
EPOCH_1904 = date(1904, 1, 1).toordinal()


class RowsOutOfOrder(Exception):
    """The sheet's rows are not in ascending order: count them first, then stream again."""


class _Pattern:
    """The sheet's byte patterns, with its namespace prefix (``<x:row>`` in Open XML SDK files)."""

    def __init__(self, prefix: bytes) -> None:
        self.p = prefix
        p = re.escape(prefix)
        self.sheet_data = re.compile(rb"<" + p + rb"sheetData(\s[^>]*)?(/?)>")
        self.dimension = re.compile(rb"<" + p + rb"dimension\s[^>]*?ref\s*=\s*[\"']([^\"']*)[\"']")
        self.next = re.compile(
            rb"<" + p + rb"row(?=[\s>/])([^>]*?)(/?)>|</" + p + rb"sheetData\s*>"
        )
        self.row_end = b"</" + prefix + b"row>"
        self.cell = re.compile(
            rb"<" + p + rb"c(?=[\s>/])([^>]*?)(?:/>|>(.*?)</" + p + rb"c>)", re.DOTALL
        )
        self.formula = re.compile(
            rb"<" + p + rb"f(?=[\s>/])([^>]*?)(?:/>|>(.*?)</" + p + rb"f>)", re.S
        )


def sheet_prefix(head: bytes) -> bytes:
    m = _ROOT.search(head)
    return m.group(1) or b"" if m else b""


class SheetPatcher:
    """Streams one worksheet part from read() to write(), applying patches.

    style(s, patch, value) gives the cellXfs index a patched cell gets from its own (s).
    known_rows: the rows the sheet has (when its rows are out of order), else None.
    """

    def __init__(
        self,
        patches: Mapping[tuple[int, int], CellPatch],
        style: Callable[[int, CellPatch, object], int],
        *,
        date1904: bool,
        sheet_name: str,
        legacy_drawing: bytes | None,
        known_rows: set[int] | None = None,
    ) -> None:
        self.by_row: dict[int, dict[int, CellPatch]] = {}
        for (row, col), patch in patches.items():
            self.by_row.setdefault(row, {})[col] = patch
        self.style = style
        self.epoch = EPOCH_1904 if date1904 else EPOCH_1900
        self.date1904 = date1904
        self.sheet_name = sheet_name
        self.legacy_drawing = legacy_drawing  # the <legacyDrawing> element to add, if any
        self.known_rows = known_rows
        self.formula_dropped = False
        self.orphans: dict[bytes, tuple[str, str, int]] = {}  # si -> (formula, origin, last row)
        self.orphan_last_row = 0
        missing = set(self.by_row) if known_rows is None else set(self.by_row) - known_rows
        self._inserts = sorted(missing, reverse=True)  # popped from the end: lowest first

    # ------------------------------------------------------------ the stream

    def run(self, read: Callable[[int], bytes], write: Callable[[bytes], None]) -> None:
        buf = b""
        while True:  # the head, up to <sheetData>
            chunk = read(CHUNK)
            buf += chunk
            prefix = sheet_prefix(buf[:4096]) if buf else b""
            pat = _Pattern(prefix)
            m = pat.sheet_data.search(buf)
            if m or not chunk:
                break
        if m is None:
            raise ValueError("no sheetData")
        self.pat = pat
        write(self._head(buf[: m.start()]))
        if m.group(2):  # <sheetData/>: the sheet has no rows
            write(b"<" + prefix + b"sheetData>" + self._rows_left())
            tail = b"</" + prefix + b"sheetData>" + buf[m.end() :]
        else:
            write(buf[m.start() : m.end()])
            tail = self._rows(buf[m.end() :], read, write)
        while chunk := read(CHUNK):
            tail += chunk
        write(self._tail(tail))

    def _rows(self, buf: bytes, read, write) -> bytes:
        """Every row up to </sheetData>; returns what follows </sheetData>, the tag included."""
        pat, last = self.pat, 0
        pos, done = 0, 0  # pos: where the search goes on; done: copied up to here
        while True:
            m = pat.next.search(buf, pos)
            end = -1
            if m is not None:
                if m.group(0).startswith(b"</"):
                    write(buf[done : m.start()] + self._rows_left())
                    return buf[m.start() :]
                end = m.end() if m.group(2) else buf.find(pat.row_end, m.end())
            if m is None or end < 0:  # the row goes on in the next chunk
                write(buf[done:pos])
                buf, pos, done = buf[pos:], 0, 0
                chunk = read(CHUNK)
                if not chunk:
                    raise ValueError("sheetData not closed")
                buf += chunk
                continue
            if not m.group(2):
                end += len(pat.row_end)
            r = _R_ATTR.search(m.group(1))
            row = int(r.group(2)) if r else last + 1
            if row <= last and self.known_rows is None:
                raise RowsOutOfOrder()
            last = max(last, row)
            inserted = self._rows_before(row)
            patches = self.by_row.get(row)
            if patches is None and row <= self.orphan_last_row and b"si" in buf[m.end() : end]:
                patches = {}  # a shared formula's first cell was given a value: write it out
            if inserted or patches is not None:
                write(buf[done : m.start()])
                out = inserted
                if patches is not None:
                    out += self._patch_row(
                        row, m.group(1), buf[m.end() : end] if not m.group(2) else b"", patches
                    )
                else:
                    out += buf[m.start() : end]
                write(out)
                done = end
            pos = end

    def _rows_before(self, row: int) -> bytes:
        out = []
        while self._inserts and self._inserts[-1] < row:
            new = self._inserts.pop()
            out.append(self._new_row(new))
        if self._inserts and self._inserts[-1] == row:
            self._inserts.pop()
        return b"".join(out)

    def _rows_left(self) -> bytes:
        out = b"".join(self._new_row(r) for r in reversed(self._inserts))
        self._inserts = []
        return out

    # ------------------------------------------------------------ head and tail

    def _head(self, head: bytes) -> bytes:
        m = self.pat.dimension.search(head)
        if m is None or not self.by_row:
            return head
        try:
            refs = [parse_a1(x) for x in m.group(1).decode("ascii").split(":")]
        except ValueError:
            return head
        rows = [r for r, _ in refs] + [min(self.by_row), max(self.by_row)]
        cols = [c + 1 for _, c in refs] + [c for cells in self.by_row.values() for c in cells]
        first, last = (min(rows), min(cols)), (max(rows), max(cols))
        ref = _ref(*first) if first == last else f"{_ref(*first)}:{_ref(*last)}"
        return head[: m.start(1)] + ref.encode() + head[m.end(1) :]

    def _tail(self, tail: bytes) -> bytes:
        """After </sheetData>: <legacyDrawing> added in its place in the schema's order."""
        if self.legacy_drawing is None:
            return tail
        return tail[: (at := _legacy_place(tail))] + self.legacy_drawing + tail[at:]

    # ------------------------------------------------------------ rows and cells

    def _new_row(self, row: int) -> bytes:
        p = self.pat.p
        cells = b"".join(
            self._cell(row, col, b"", None, patch)
            for col, patch in sorted(self.by_row[row].items())
        )
        return b"<" + p + b'row r="' + str(row).encode() + b'">' + cells + b"</" + p + b"row>"

    def _patch_row(
        self, row: int, attrs: bytes, body: bytes, patches: dict[int, CellPatch]
    ) -> bytes:
        p = self.pat.p
        found: list[tuple[int, bytes, bytes | None]] = []  # (column, attributes, body)
        col = 0
        for m in self.pat.cell.finditer(body):
            c_attrs = m.group(1)
            r = _R_ATTR.search(c_attrs)
            col = _column(r.group(1)) if r and r.group(1) else col + 1
            if r is None:  # give the cell its reference: cells may be inserted before it
                c_attrs = b' r="' + _ref(row, col).encode() + b'"' + c_attrs
            found.append((col, c_attrs, m.group(2)))
        existing = {c for c, _, _ in found}
        new = sorted((c for c in patches if c not in existing), reverse=True)
        cells: list[bytes] = []
        for col, c_attrs, c_body in found:
            while new and new[-1] < col:  # a new cell goes before the first one past it
                c = new.pop()
                cells.append(self._cell(row, c, b"", None, patches[c]))
            cells.append(self._cell(row, col, c_attrs, c_body, patches.get(col)))
        cells += [self._cell(row, c, b"", None, patches[c]) for c in reversed(new)]
        if _R_ATTR.search(attrs) is None:
            attrs = b' r="' + str(row).encode() + b'"' + attrs
        attrs = _SPANS.sub(b"", attrs)  # a hint only, and new cells may lie outside it
        return b"<" + p + b"row" + attrs + b">" + b"".join(cells) + b"</" + p + b"row>"

    def _cell(
        self, row: int, col: int, attrs: bytes, body: bytes | None, patch: CellPatch | None
    ) -> bytes:
        """One cell: as it was (no patch), or patched. attrs is b'' for a new cell."""
        p = self.pat.p
        if body and self.orphans and b"si" in body:
            body = self._adopt(row, col, body)
        if patch is None:
            end = b">" + body + b"</" + p + b"c>" if body is not None else b"/>"
            return b"<" + p + b"c" + attrs + end
        found = dict(_ATTR.findall(attrs)) if attrs else {}
        ref = found.get(b"r", b'"' + _ref(row, col).encode() + b'"')
        own = int(found.get(b"s", b'"0"')[1:-1] or 0)
        s = self.style(own, patch, patch.value)
        if patch.value is KEEP:
            kept = [b" " + k + b"=" + v for k, v in found.items() if k not in (b"r", b"s")]
            head = b"<" + p + b"c r=" + ref + (b' s="%d"' % s if s else b"") + b"".join(kept)
            return head + (b">" + body + b"</" + p + b"c>" if body else b"/>")
        formula = self.pat.formula.search(body) if body else None
        if formula is not None:
            self.formula_dropped = True
            self._orphan(row, col, formula)
        head = b"<" + p + b"c r=" + ref + (b' s="%d"' % s if s else b"")
        return head + self._value(patch.value, row, col)

    # A shared formula is written once, in its first cell; the others name it by si=. When
    # that first cell is given a value, the cells sharing its formula get it written out.

    def _orphan(self, row: int, col: int, formula: re.Match) -> None:
        found = dict(_ATTR.findall(formula.group(1)))
        if found.get(b"t", b"")[1:-1] != b"shared" or b"ref" not in found:
            return
        area = found[b"ref"][1:-1].decode("ascii", "replace").split(":")
        try:
            last = parse_a1(area[-1])[0]
        except ValueError:
            return
        text = html.unescape((formula.group(2) or b"").decode("utf-8"))
        self.orphans[found.get(b"si", b'""')[1:-1]] = ("=" + text, _ref(row, col), last)
        self.orphan_last_row = max(self.orphan_last_row, last)

    def _adopt(self, row: int, col: int, body: bytes) -> bytes:
        """body with a formula that shared an orphaned one's written out for this cell."""
        m = self.pat.formula.search(body)
        if m is None:
            return body
        found = dict(_ATTR.findall(m.group(1)))
        orphan = self.orphans.get(found.get(b"si", b'""')[1:-1])
        if orphan is None or found.get(b"t", b"")[1:-1] != b"shared":
            return body
        from openpyxl.formula.translate import Translator  # rare: imported when needed

        text = Translator(orphan[0], origin=orphan[1]).translate_formula(_ref(row, col))
        p = self.pat.p
        own = b"<" + p + b"f>" + xml_text(text[1:]).encode("utf-8") + b"</" + p + b"f>"
        return body[: m.start()] + own + body[m.end() :]

    def _value(self, v, row: int, col: int) -> bytes:
        p = self.pat.p
        if v is None or (isinstance(v, str) and not v):
            return b"/>"
        if isinstance(v, str):
            if len(v) > CELL_MAX_CHARS // 2 and len(v.encode("utf-16-le")) > 2 * CELL_MAX_CHARS:
                raise ExcelCannotHold(
                    "output.cell.long_text", length=f"{len(v):,}", start=repr(v[:30]),
                    most=f"{CELL_MAX_CHARS:,}", **self._where(row, col),
                )  # fmt: skip
            space = b' xml:space="preserve"' if v[0].isspace() or v[-1].isspace() else b""
            text = xml_text(v).encode("utf-8")
            return (b' t="inlineStr"><' + p + b"is><" + p + b"t" + space + b">" + text
                    + b"</" + p + b"t></" + p + b"is></" + p + b"c>")  # fmt: skip
        if isinstance(v, bool):
            return b' t="b"><' + p + b"v>" + (b"1" if v else b"0") + b"</" + p + b"v></" + p + b"c>"
        if isinstance(v, datetime | date):
            number = self._serial(v, row, col)
        elif isinstance(v, numbers.Integral):
            number = str(int(v))
        elif isinstance(v, numbers.Real | Decimal):
            x = float(v)
            if math.isnan(x):
                return b"/>"
            if math.isinf(x):
                raise ExcelCannotHold("output.cell.infinite", **self._where(row, col))
            number = repr(x)
        else:
            raise TypeError(f"cell {_ref(row, col)}: cannot write {v!r}")
        return b"><" + p + b"v>" + number.encode() + b"</" + p + b"v></" + p + b"c>"

    def _serial(self, v: date, row: int, col: int) -> str:
        days = v.toordinal() - self.epoch
        if days < (0 if self.date1904 else 61):
            said = {"date": f"{v:%Y-%m-%d}", **self._where(row, col)}
            raise ExcelCannotHold("output.cell.early_date", **said)
        if isinstance(v, datetime):
            seconds = v.hour * 3600 + v.minute * 60 + v.second + v.microsecond / 1e6
            if seconds:
                return repr(days + seconds / 86400)
        return str(days)

    def _where(self, row: int, col: int) -> dict[str, str]:
        return {"cell": _ref(row, col), "sheet": repr(self.sheet_name)}


def _ref(row: int, col: int) -> str:
    """(1-based row, 1-based column) -> "B5"."""
    return f"{col_letter(col - 1)}{row}"


_COLUMNS: dict[bytes, int] = {}


def _column(letters: bytes) -> int:
    """b"AB" -> 28 (1-based)."""
    col = _COLUMNS.get(letters)
    if col is None:
        col = _COLUMNS[letters] = parse_a1(letters.decode() + "1")[1] + 1
    return col


# The worksheet's children that come after <legacyDrawing> (mc:AlternateContent wraps
# controls and OLE objects)
_AFTER_LEGACY = {b"legacyDrawingHF", b"picture", b"oleObjects", b"controls",
                 b"webPublishItems", b"tableParts", b"extLst", b"AlternateContent"}  # fmt: skip


def _legacy_place(tail: bytes) -> int:
    """Where <legacyDrawing> goes in what follows <sheetData>: before the first top-level
    element that the schema puts after it, else before </worksheet>."""
    depth = 1  # the tail opens with </sheetData>
    for m in _TAG.finditer(tail):
        if m.group(2) is None:  # a comment or processing instruction
            continue
        if m.group(1):
            depth -= 1
            if depth < 0:
                return m.start()
            continue
        if depth == 0 and m.group(2).rsplit(b":", 1)[-1] in _AFTER_LEGACY:
            return m.start()
        if not m.group(3):
            depth += 1
    return len(tail)


def rows_present(read: Callable[[int], bytes]) -> set[int]:
    """The row numbers a sheet part has (for a sheet whose rows are out of order)."""
    rows: set[int] = set()
    buf, last, pat = b"", 0, None
    while chunk := read(CHUNK):
        buf += chunk
        if pat is None:
            pat = re.compile(
                rb"<" + re.escape(sheet_prefix(buf[:4096])) + rb"row(?=[\s>/])([^>]*?)/?>"
            )
        cut = buf.rfind(b"<")
        for m in pat.finditer(buf, 0, cut):
            r = _R_ATTR.search(m.group(1))
            last = int(r.group(2)) if r else last + 1
            rows.add(last)
        buf = buf[cut:]
    return rows
