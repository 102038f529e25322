"""A sheet added to a workbook copy (the annotated copy's Findings), as one worksheet part."""

from __future__ import annotations

import numbers

from desktop_app.core.model.a1 import col_letter
from desktop_app.core.output.copy_model import AddedSheet
from desktop_app.core.output.copy_parts import Styles
from desktop_app.core.output.xlsx_parts import sheet_head, xml_attr, xml_text
from desktop_app.core.output.xlsx_stream import Column


def added_sheet_xml(sheet: AddedSheet, styles: Styles) -> tuple[bytes, str | None]:
    """(the worksheet part, its autofilter range as a defined name wants it, or None)."""
    width = max((len(r) for r in sheet.rows), default=1) or 1
    widths = list(sheet.widths) + [None] * (width - len(sheet.widths))
    columns = [Column(None, w) for w in widths[:width]]
    header = sheet.header and bool(sheet.rows)
    bold = styles.plain(bold=True) if header else 0
    link = styles.plain(link=True) if sheet.links else 0
    last = f"{col_letter(width - 1)}{max(len(sheet.rows), 1)}"
    parts = [
        sheet_head(
            columns,
            [0] * width,
            used_range=f"A1:{last}" if last != "A1" else "A1",
            selected=False,
            freeze_header=header,
        )  # fmt: skip
    ]
    for r, values in enumerate(sheet.rows, start=1):
        cells = []
        for c, v in enumerate(values, start=1):
            s = bold if header and r == 1 else link if (r, c) in sheet.links else 0
            cell = _cell(v)
            if cell is not None:
                ref = f"{col_letter(c - 1)}{r}"
                cells.append(f'<c r="{ref}"' + (f' s="{s}"' if s else "") + cell)
        parts.append(f'<row r="{r}">{"".join(cells)}</row>')
    parts.append("</sheetData>")
    if header:
        parts.append(f'<autoFilter ref="A1:{last}"/>')
    if sheet.links:
        links = "".join(
            f'<hyperlink ref="{col_letter(c - 1)}{r}" location="{xml_attr(place)}" '
            f'display="{xml_attr(str(sheet.rows[r - 1][c - 1] or ""))}"/>'
            for (r, c), place in sorted(sheet.links.items())
        )
        parts.append(f"<hyperlinks>{links}</hyperlinks>")
    parts.append(
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
        'footer="0.3"/></worksheet>'
    )
    filter_range = None
    if header:
        filter_range = f"$A$1:${col_letter(width - 1)}${max(len(sheet.rows), 1)}"
    return "".join(parts).encode("utf-8"), filter_range


def _cell(v: object) -> str | None:
    """A cell after its reference and style: text inline, numbers as numbers."""
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        return f' t="b"><v>{int(v)}</v></c>'
    if isinstance(v, numbers.Real) and v == v and abs(float(v)) != float("inf"):
        return f"><v>{v if isinstance(v, numbers.Integral) else repr(float(v))}</v></c>"
    text = str(v)
    space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
    return f' t="inlineStr"><is><t{space}>{xml_text(text)}</t></is></c>'
