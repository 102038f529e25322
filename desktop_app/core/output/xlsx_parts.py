"""The parts of an .xlsx package around its sheets, as xlsxwriter writes them.

XlsxStream (xlsx_stream.py) streams the sheets; when it closes, these functions give
the content types, relationships, document properties, workbook and styles parts,
each sheet's frame around its rows, and the XML escaping. No theme part: fonts name
Calibri 11 directly instead of the theme's minor font.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

# Number formats built into Excel that xlsxwriter refers to by id (None: General)
BUILT_IN_FORMATS = {None: 0, "General": 0, "0": 1}

_ESCAPE = re.compile(r"[&<>\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"


def xml_text(value: str) -> str:
    """Text for an XML element or attribute: escaped, illegal characters as _xHHHH_."""
    return _ESCAPE.sub(_escape_one, value)


def _escape_one(match: re.Match) -> str:
    ch = match.group()
    return _ENTITIES.get(ch) or f"_x{ord(ch):04X}_"


def xml_attr(value: str) -> str:
    return xml_text(value).replace('"', "&quot;")


def package_parts(
    sheets, active: int, styles: list[tuple[str | None, bool]], formats: dict[str, int]
) -> list[tuple[str, str]]:
    """Every part but the sheets: (zip member name, XML). sheets: the workbook's Sheet
    objects in order; active: the index shown first; styles: (number format, bold) in
    cellXfs order; formats: custom format code -> numFmtId."""
    return [
        ("[Content_Types].xml", _content_types(sheets)),
        ("_rels/.rels", _ROOT_RELS),
        ("docProps/app.xml", _app(sheets)),
        ("docProps/core.xml", _core()),
        ("xl/workbook.xml", _workbook(sheets, active)),
        ("xl/_rels/workbook.xml.rels", _workbook_rels(sheets)),
        ("xl/styles.xml", _styles_xml(styles, formats)),
    ]


def _content_types(sheets) -> str:
    ct = "application/vnd.openxmlformats-officedocument"
    overrides = [
        ("/docProps/app.xml", f"{ct}.extended-properties+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/xl/styles.xml", f"{ct}.spreadsheetml.styles+xml"),
        ("/xl/workbook.xml", f"{ct}.spreadsheetml.sheet.main+xml"),
    ] + [(f"/{s.member}", f"{ct}.spreadsheetml.worksheet+xml") for s in sheets]
    return (
        f"{XML_HEAD}<Types "
        'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
        + "</Types>"
    )


def _app(sheets) -> str:
    names = "".join(f"<vt:lpstr>{xml_text(s.name)}</vt:lpstr>" for s in sheets)
    n = len(sheets)
    return (
        f"{XML_HEAD}<Properties "
        'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        "<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity>"
        "<ScaleCrop>false</ScaleCrop><HeadingPairs>"
        '<vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr>'
        f"</vt:variant><vt:variant><vt:i4>{n}</vt:i4></vt:variant></vt:vector>"
        f'</HeadingPairs><TitlesOfParts><vt:vector size="{n}" baseType="lpstr">{names}'
        "</vt:vector></TitlesOfParts><Company></Company><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
        "<AppVersion>12.0000</AppVersion></Properties>"
    )


def _workbook(sheets, active: int) -> str:
    view = f' firstSheet="{active}" activeTab="{active}"' if active else ""
    entries = "".join(
        f'<sheet name="{xml_attr(s.name)}" sheetId="{s.index + 1}"'
        + (' state="hidden"' if s.hidden else "")
        + f' r:id="rId{s.index + 1}"/>'
        for s in sheets
    )
    filters = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{s.index}" hidden="1">'
        f"{xml_text(quoted_sheet_name(s.name))}!{s.filter_range}</definedName>"
        for s in sheets
        if s.autofilter
    )
    return (
        f'{XML_HEAD}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
        '<fileVersion appName="xl" lastEdited="4" lowestEdited="4" rupBuild="4505"/>'
        '<workbookPr defaultThemeVersion="124226"/><bookViews><workbookView xWindow="240" '
        f'yWindow="15" windowWidth="16095" windowHeight="9660"{view}/></bookViews>'
        f"<sheets>{entries}</sheets>"
        + (f"<definedNames>{filters}</definedNames>" if filters else "")
        + '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
    )


def _workbook_rels(sheets) -> str:
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    targets = [(f"{rel}/worksheet", f"worksheets/sheet{s.index + 1}.xml") for s in sheets]
    targets.append((f"{rel}/styles", "styles.xml"))
    return _relationships(targets)


def _styles_xml(styles: list[tuple[str | None, bool]], format_ids: dict[str, int]) -> str:
    formats = "".join(
        f'<numFmt numFmtId="{i}" formatCode="{xml_attr(code)}"/>' for code, i in format_ids.items()
    )
    xfs = []
    for number_format, bold in styles:  # in index order
        fmt_id = BUILT_IN_FORMATS.get(number_format) or format_ids.get(number_format, 0)
        applied = (' applyNumberFormat="1"' if fmt_id else "") + (' applyFont="1"' if bold else "")
        xfs.append(
            f'<xf numFmtId="{fmt_id}" fontId="{int(bold)}" fillId="0" borderId="0" '
            f'xfId="0"{applied}/>'
        )
    font = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
    return (
        f'{XML_HEAD}<styleSheet xmlns="{MAIN_NS}">'
        + (f'<numFmts count="{len(format_ids)}">{formats}</numFmts>' if formats else "")
        + f'<fonts count="2"><font>{font}</font><font><b/>{font}</font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
        '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
        f'borderId="0"/></cellStyleXfs><cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium9" '
        'defaultPivotStyle="PivotStyleLight16"/></styleSheet>'
    )


def quoted_sheet_name(sheet_name: str) -> str:
    """A sheet name as a formula names it: always quoted, apostrophes doubled."""
    return "'" + sheet_name.replace("'", "''") + "'"


def _relationships(targets: list[tuple[str, str]]) -> str:
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{t}" Target="{target}"/>'
        for i, (t, target) in enumerate(targets, start=1)
    )
    return f'{XML_HEAD}<Relationships xmlns="{PKG_REL_NS}">{rels}</Relationships>'


_ROOT_RELS = _relationships(
    [
        ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
         "xl/workbook.xml"),
        ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
         "docProps/core.xml"),
        ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
         "docProps/app.xml"),
    ]
)  # fmt: skip


def _core() -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        f"{XML_HEAD}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<dc:creator></dc:creator><cp:lastModifiedBy></cp:lastModifiedBy>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
        "</cp:coreProperties>"
    )


# ---------------------------------------------------------------- a sheet's frame


_WIDTH_DEFAULT = 8.43  # Excel's default column width in characters (Calibri 11)


def _stored_width(width: float) -> float:
    """Excel's stored width for a width in characters, as xlsxwriter computes it."""
    digit, padding = 7, 5  # pixels, Calibri 11
    if width < 1:
        pixels = int(width * (digit + padding) + 0.5)
    else:
        pixels = int(width * digit + 0.5) + padding
    return int(pixels / digit * 256) / 256


def sheet_head(
    columns, styles: list[int], *, used_range: str | None, selected: bool, freeze_header: bool
) -> str:
    """A worksheet part up to its first row: <dimension> (when used_range is given), the
    view, and the column widths and styles (columns: each with .width; styles: cellXfs
    indexes)."""
    parts = [XML_HEAD, f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">']
    if used_range is not None:
        parts.append(f'<dimension ref="{used_range}"/>')
    tab = ' tabSelected="1"' if selected else ""
    if freeze_header:
        parts.append(
            f'<sheetViews><sheetView{tab} workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft"/></sheetView></sheetViews>'
        )
    else:
        parts.append(f'<sheetViews><sheetView{tab} workbookViewId="0"/></sheetViews>')
    parts.append('<sheetFormatPr defaultRowHeight="15"/>')
    cols = []
    for c, (col, style) in enumerate(zip(columns, styles, strict=True)):
        if col.width is None and not style:
            continue
        width = _stored_width(_WIDTH_DEFAULT if col.width is None else col.width)
        extra = (f' style="{style}"' if style else "") + (
            ' customWidth="1"' if col.width is not None else ""
        )
        cols.append(f'<col min="{c + 1}" max="{c + 1}" width="{width}"{extra}/>')
    if cols:
        parts.append(f"<cols>{''.join(cols)}</cols>")
    parts.append("<sheetData>")
    return "".join(parts)


def sheet_tail(filter_range: str | None) -> str:
    """The rest of a worksheet part after its last row (an autofilter over filter_range)."""
    autofilter = ""
    if filter_range is not None:
        autofilter = f'<autoFilter ref="{filter_range.replace("$", "")}"/>'
    return (
        f"</sheetData>{autofilter}"
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
        'footer="0.3"/></worksheet>'
    )
