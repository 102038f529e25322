"""The small parts of a workbook copy that change: styles, relationships, content types,
the workbook part and the document properties (workbook_copy.py uses them).

Each is edited as text: the elements asked for are added or changed and every other
byte stays as the source has it (its prefixes, its order, its extensions).
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime

from desktop_app.core.output.copy_model import CellPatch
from desktop_app.core.output.xlsx_parts import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    MAIN_NS,
    PKG_REL_NS,
    REL_NS,
    XML_HEAD,
    xml_attr,
    xml_text,
)

ERROR_FILL = "FFC7CE"  # Excel's own light red for "Bad"
WARNING_FILL = "FFEB9C"  # and its amber for "Neutral"
FILLS = {"error": ERROR_FILL, "warning": WARNING_FILL}
LINK_COLOUR = "0563C1"  # Excel's hyperlink blue
# Number formats built into Excel (by id) that mean the same in every locale
BUILT_IN = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10,
            "0.00E+00": 11, "@": 49}  # fmt: skip
_ATTR = re.compile(r"""([\w:.\-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def attrs(start_tag: str) -> dict[str, str]:
    """An element's attributes (local names as written, values unescaped)."""
    return {
        m.group(1): html.unescape(m.group(2) if m.group(2) is not None else m.group(3))
        for m in _ATTR.finditer(start_tag)
    }


def set_attr(start_tag: str, name: str, value: str) -> str:
    """start_tag (``<xf a="1"/>``) with name set to value, added before its end if absent."""
    pattern = re.compile(r"(\s" + re.escape(name) + r"\s*=\s*)(\"[^\"]*\"|'[^']*')")
    if pattern.search(start_tag):
        return pattern.sub(lambda m: f'{m.group(1)}"{xml_attr(value)}"', start_tag, count=1)
    end = len(start_tag) - (2 if start_tag.endswith("/>") else 1)
    return f'{start_tag[:end]} {name}="{xml_attr(value)}"{start_tag[end:]}'


def prefix_of(xml: str, root: str) -> str:
    m = re.search(r"<([A-Za-z_][\w.\-]*:)?" + root + r"[\s>]", xml)
    return (m.group(1) or "") if m else ""


def block(xml: str, p: str, name: str) -> re.Match | None:
    """The element p+name (``<fills ...>...</fills>`` or ``<fills/>``)."""
    n = re.escape(p + name)
    return re.search(r"<" + n + r"(?=[\s>/])([^>]*?)(?:/>|>(.*?)</" + n + r"\s*>)", xml, re.S)


def items(inner: str, p: str, name: str) -> list[str]:
    """The p+name elements in inner, each as written."""
    n = re.escape(p + name)
    return re.findall(r"<" + n + r"(?=[\s>/])[^>]*?(?:/>|>.*?</" + n + r"\s*>)", inner or "", re.S)


def _with_items(xml: str, p: str, name: str, found: re.Match, elements: list[str]) -> str:
    start = re.match(r"<[^>]*?(?=/?>)", found.group(0)).group(0) + ">"
    start = set_attr(start, "count", str(len(elements))) if " count" in start or elements else start
    new = f"{start}{''.join(elements)}</{p}{name}>"
    return xml[: found.start()] + new + xml[found.end() :]


# ---------------------------------------------------------------- styles


class Styles:
    """The styles part: new fills, fonts, number formats and cell formats added on demand;
    a cell's new format is derived from its own (border, font, alignment kept)."""

    def __init__(self, xml: bytes | None) -> None:
        self.text = (xml or _EMPTY_STYLES.encode()).decode("utf-8")
        self.new_part = xml is None
        self.p = p = prefix_of(self.text, "styleSheet")
        self._fmts = block(self.text, p, "numFmts")
        self.formats: dict[str, int] = {}  # code -> id, the workbook's own
        for el in items(self._fmts.group(2) if self._fmts else "", p, "numFmt"):
            a = attrs(el)
            if a.get("numFmtId", "").isdigit():
                self.formats.setdefault(a.get("formatCode", ""), int(a["numFmtId"]))
        self.xfs = items((block(self.text, p, "cellXfs") or _NONE).group(2), p, "xf")
        self.fills = items((block(self.text, p, "fills") or _NONE).group(2), p, "fill")
        self.fonts = items((block(self.text, p, "fonts") or _NONE).group(2), p, "font")
        self.added_formats: list[tuple[str, int]] = []
        self.added_xfs: list[str] = []
        self.added_fills: list[str] = []
        self.added_fonts: list[str] = []
        self._derived: dict[tuple, int] = {}
        self._fill_ids: dict[str, int] = {}

    @property
    def changed(self) -> bool:
        return bool(self.added_xfs) or self.new_part

    def derive(self, s: int, patch: CellPatch, value: object) -> int:
        """The cell format a patched cell gets, derived from its own (s)."""
        fmt = patch.number_format
        if fmt is None and isinstance(value, date):
            own = self._own_format_id(s)
            if own in (0, 49):  # General or Text: a date would show as a number
                timed = isinstance(value, datetime) and (value.hour or value.minute or value.second)
                fmt = DATETIME_FORMAT if timed else DATE_FORMAT
        if fmt is None and patch.mark is None:
            return s
        key = (s, patch.mark, fmt)
        if key not in self._derived:
            xf = self.xfs[s] if 0 <= s < len(self.xfs) else _PLAIN_XF.format(p=self.p)
            start, rest = _split_start(xf)
            if patch.mark is not None:
                start = set_attr(start, "fillId", str(self._fill(patch.mark)))
                start = set_attr(start, "applyFill", "1")
            if fmt is not None:
                start = set_attr(start, "numFmtId", str(self._format(fmt)))
                start = set_attr(start, "applyNumberFormat", "1")
            self._derived[key] = self._add_xf(start + rest)
        return self._derived[key]

    def plain(self, *, bold: bool = False, link: bool = False) -> int:
        """A cell format for an added sheet: the default font, bold or as a link."""
        key = ("font", bold, link)
        if key not in self._derived:
            first = self.fonts[0] if self.fonts else ""
            size = re.search(r"<" + self.p + r"sz\s+val=\"([^\"]*)\"", first)
            name = re.search(r"<" + self.p + r"name\s+val=\"([^\"]*)\"", first)
            look = "<b/>" if bold else ""
            look += "<u/>" if link else ""
            font = (
                f'<font>{look}<sz val="{size.group(1) if size else "11"}"/>'
                + (f'<color rgb="FF{LINK_COLOUR}"/>' if link else "")
                + f'<name val="{name.group(1) if name else "Calibri"}"/><family val="2"/></font>'
            )
            font = font.replace("<", "<" + self.p).replace("<" + self.p + "/", "</" + self.p)
            self.added_fonts.append(font)
            font_id = len(self.fonts) + len(self.added_fonts) - 1
            xf = _PLAIN_XF.format(p=self.p)
            xf = set_attr(set_attr(xf, "fontId", str(font_id)), "applyFont", "1")
            self._derived[key] = self._add_xf(xf)
        return self._derived[key]

    def _own_format_id(self, s: int) -> int:
        xf = self.xfs[s] if 0 <= s < len(self.xfs) else ""
        fmt = attrs(_split_start(xf)[0]).get("numFmtId", "0") if xf else "0"
        return int(fmt) if fmt.isdigit() else 0

    def _add_xf(self, xf: str) -> int:
        self.added_xfs.append(xf)
        return len(self.xfs) + len(self.added_xfs) - 1

    def _fill(self, mark: str) -> int:
        if mark not in self._fill_ids:
            p, colour = self.p, FILLS[mark]
            self.added_fills.append(_SOLID_FILL.format(p=p, colour=colour))
            self._fill_ids[mark] = len(self.fills) + len(self.added_fills) - 1
        return self._fill_ids[mark]

    def _format(self, code: str) -> int:
        if code in self.formats:
            return self.formats[code]
        if code in BUILT_IN:
            return BUILT_IN[code]
        taken = [*self.formats.values(), *(i for _, i in self.added_formats), 163]
        new = max(taken) + 1
        self.added_formats.append((code, new))
        self.formats[code] = new
        return new

    def xml(self) -> bytes:
        text, p = self.text, self.p
        for name, old, new in (
            ("cellXfs", self.xfs, self.added_xfs),
            ("fills", self.fills, self.added_fills),
            ("fonts", self.fonts, self.added_fonts),
        ):
            if new:
                found = block(text, p, name)
                text = _with_items(text, p, name, found, old + new)
        if self.added_formats:
            added = [
                f'<{p}numFmt numFmtId="{i}" formatCode="{xml_attr(c)}"/>'
                for c, i in self.added_formats
            ]
            found = block(text, p, "numFmts")
            if found is not None:
                text = _with_items(
                    text, p, "numFmts", found, items(found.group(2), p, "numFmt") + added
                )
            else:
                root = re.search(r"<" + re.escape(p) + r"styleSheet(?=[\s>])[^>]*>", text)
                new_block = f'<{p}numFmts count="{len(added)}">{"".join(added)}</{p}numFmts>'
                text = text[: root.end()] + new_block + text[root.end() :]
        return text.encode("utf-8")


_SOLID_FILL = (
    '<{p}fill><{p}patternFill patternType="solid"><{p}fgColor rgb="FF{colour}"/>'
    '<{p}bgColor indexed="64"/></{p}patternFill></{p}fill>'
)
_NONE = re.match("(x)?(y)?", "")
_PLAIN_XF = '<{p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
_EMPTY_STYLES = (
    f'{XML_HEAD}<styleSheet xmlns="{MAIN_NS}"><fonts count="1"><font><sz val="11"/>'
    '<name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill>'
    '<patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
    '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/>'
    '</border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
    'borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
    'borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" '
    'builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" '
    'defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/></styleSheet>'
)


def _split_start(element: str) -> tuple[str, str]:
    """(start tag, the rest) of an element as written."""
    end = element.index(">") + 1
    return element[:end], element[end:]


# ---------------------------------------------------------------- relationships


class Relationships:
    """A .rels part: its relationships read, some added or removed."""

    def __init__(self, xml: bytes | None) -> None:
        self.text = (xml or f'{XML_HEAD}<Relationships xmlns="{PKG_REL_NS}"></Relationships>'
                     .encode()).decode("utf-8")  # fmt: skip
        self.new_part = xml is None
        self.changed = False
        self.p = prefix_of(self.text, "Relationships")

    def all(self) -> list[dict[str, str]]:
        return [
            attrs(m)
            for m in re.findall(r"<" + re.escape(self.p) + r"Relationship\s[^>]*>", self.text)
        ]

    def of_type(self, suffix: str) -> list[dict[str, str]]:
        return [r for r in self.all() if r.get("Type", "").endswith(suffix)]

    def by_id(self, rid: str) -> dict[str, str] | None:
        return next((r for r in self.all() if r.get("Id") == rid), None)

    def add(self, kind: str, target: str) -> str:
        taken = {r.get("Id") for r in self.all()}
        n = 1
        while f"rId{n}" in taken:
            n += 1
        rid, p = f"rId{n}", self.p
        element = (
            f'<{p}Relationship Id="{rid}" Type="{REL_NS}/{kind}" Target="{xml_attr(target)}"/>'
        )
        empty = re.search(r"<" + re.escape(p) + r"Relationships(?=[\s/])[^>]*?/>", self.text)
        if empty is not None:  # <Relationships/>: opened, so that one can go in
            whole = empty.group(0)
            self.text = self.text.replace(whole, f"{whole[:-2]}></{p}Relationships>", 1)
        at = self.text.rindex(f"</{p}Relationships")
        self.text = self.text[:at] + element + self.text[at:]
        self.changed = True
        return rid

    def remove(self, rid: str) -> None:
        pattern = (
            r"<"
            + re.escape(self.p)
            + r"Relationship\s[^>]*?Id\s*=\s*[\"']"
            + re.escape(rid)
            + r"[\"'][^>]*?(?:/>|>\s*</"
            + re.escape(self.p)
            + r"Relationship>)"
        )
        self.text, n = re.subn(pattern, "", self.text)
        self.changed = self.changed or bool(n)

    def xml(self) -> bytes:
        return self.text.encode("utf-8")


# ---------------------------------------------------------------- content types


class ContentTypes:
    def __init__(self, xml: bytes) -> None:
        self.text = xml.decode("utf-8")
        self.p = prefix_of(self.text, "Types")
        self.changed = False

    def _entries(self, kind: str) -> list[tuple[str, dict[str, str]]]:
        return [
            (m, attrs(m))
            for m in re.findall(r"<" + re.escape(self.p) + kind + r"\s[^>]*>", self.text)
        ]

    def of_part(self, part: str) -> str | None:
        for _, a in self._entries("Override"):
            if a.get("PartName", "").lstrip("/").lower() == part.lower():
                return a.get("ContentType")
        ext = part.rsplit(".", 1)[-1].lower()
        for _, a in self._entries("Default"):
            if a.get("Extension", "").lower() == ext:
                return a.get("ContentType")
        return None

    def _insert(self, element: str) -> None:
        at = self.text.rindex(f"</{self.p}Types")
        self.text = self.text[:at] + element + self.text[at:]
        self.changed = True

    def ensure_default(self, ext: str, content_type: str) -> None:
        if not any(a.get("Extension", "").lower() == ext for _, a in self._entries("Default")):
            self._insert(f'<{self.p}Default Extension="{ext}" ContentType="{content_type}"/>')

    def override(self, part: str, content_type: str) -> None:
        """Part (a zip member name) of content_type: set, or added."""
        for raw, a in self._entries("Override"):
            if a.get("PartName", "").lstrip("/").lower() == part.lower():
                if a.get("ContentType") != content_type:
                    self.text = self.text.replace(
                        raw, set_attr(raw, "ContentType", content_type), 1
                    )
                    self.changed = True
                return
        self._insert(
            f'<{self.p}Override PartName="/{xml_attr(part)}" ContentType="{content_type}"/>'
        )

    def remove(self, part: str) -> None:
        for raw, a in self._entries("Override"):
            if a.get("PartName", "").lstrip("/").lower() == part.lower():
                self.text = self.text.replace(raw, "", 1)
                self.changed = True

    def xml(self) -> bytes:
        return self.text.encode("utf-8")


# ---------------------------------------------------------------- workbook and app.xml


def add_sheet_to_workbook(xml: bytes, name: str, rid: str, filter_range: str | None) -> bytes:
    """The workbook part with a sheet entry appended (and its autofilter's defined name)."""
    text = xml.decode("utf-8")
    p = prefix_of(text, "workbook")
    root = re.search(r"<" + re.escape(p) + r"workbook(?=[\s>])[^>]*>", text).group(0)
    r = next((k.split(":", 1)[1] + ":" for k, v in attrs(root).items()
              if k.startswith("xmlns:") and v == REL_NS), None)  # fmt: skip
    declare = "" if r else f' xmlns:r="{REL_NS}"'
    r = r or "r:"
    entries = re.findall(r"<" + re.escape(p) + r"sheet\s[^>]*>", text)
    ids = [int(a["sheetId"]) for a in map(attrs, entries) if a.get("sheetId", "").isdigit()]
    entry = f'<{p}sheet name="{xml_attr(name)}" sheetId="{max(ids, default=0) + 1}"{declare} {r}id="{rid}"/>'
    at = text.index(f"</{p}sheets>")
    text = text[:at] + entry + text[at:]
    if filter_range is not None:
        quoted = "'" + name.replace("'", "''") + "'"
        defined = (
            f'<{p}definedName name="_xlnm._FilterDatabase" localSheetId="{len(entries)}" '
            f'hidden="1">{xml_text(quoted)}!{filter_range}</{p}definedName>'
        )
        close = text.find(f"</{p}definedNames>")
        if close >= 0:
            text = text[:close] + defined + text[close:]
        else:
            after = max(text.find(f"</{p}externalReferences>"), text.index(f"</{p}sheets>"))
            after = text.index(">", after) + 1
            text = text[:after] + f"<{p}definedNames>{defined}</{p}definedNames>" + text[after:]
    return text.encode("utf-8")


def add_title_to_app(xml: bytes, name: str) -> bytes:
    """docProps/app.xml with the new sheet among the worksheets' titles, when it lists them
    as Excel does (else unchanged)."""
    text = xml.decode("utf-8")
    pairs = re.search(r"<(\w+:)?HeadingPairs>(.*?)</(\w+:)?HeadingPairs>", text, re.S)
    titles = re.search(
        r"<(\w+:)?TitlesOfParts>\s*<(\w+:)?vector([^>]*)>(.*?)</(\w+:)?vector>", text, re.S
    )
    if not pairs or not titles:
        return xml
    variants = re.findall(r"<(?:\w+:)?variant>(.*?)</(?:\w+:)?variant>", pairs.group(2), re.S)
    before = 0
    for label, count in zip(variants[::2], variants[1::2], strict=False):
        n = re.search(r">(\d+)<", count)
        if n is None:
            return xml
        before += int(n.group(1))
        if re.search(r">Worksheets<", label):
            break
    else:
        return xml
    vt = titles.group(2) or ""
    names = re.findall(
        r"<(?:\w+:)?lpstr>.*?</(?:\w+:)?lpstr>|<(?:\w+:)?lpstr/>", titles.group(4), re.S
    )
    names.insert(before, f"<{vt}lpstr>{xml_text(name)}</{vt}lpstr>")
    head = set_attr(f"<{vt}vector{titles.group(3)}>", "size", str(len(names)))
    new_titles = text[titles.start() : titles.start(2) - 1] + head + "".join(names)
    new_titles += f"</{vt}vector>" + text[titles.end() :]
    text = text[: titles.start()] + new_titles
    pairs = re.search(r"<(\w+:)?HeadingPairs>(.*?)</(\w+:)?HeadingPairs>", text, re.S)
    counted = re.sub(
        r"(Worksheets</(?:\w+:)?lpstr>\s*</(?:\w+:)?variant>\s*<(?:\w+:)?variant>\s*<(?:\w+:)?i4>)(\d+)",
        lambda m: m.group(1) + str(int(m.group(2)) + 1),
        pairs.group(0),
        count=1,
    )
    return (text[: pairs.start()] + counted + text[pairs.end() :]).encode("utf-8")
