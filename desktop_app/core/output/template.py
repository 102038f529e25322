"""The blank template workbook, written from the schema.

`Pipeline` has the headers (in the subsidiary's language where the schema has
aliases for it), widths, number and date formats, a drop-down list on every listed
column, the column's description as an input hint, and a frozen header row. The
lists live on a hidden `Lists` sheet and are referenced by range, since Excel caps
a list typed into the validation itself at 255 characters (the ISO country list is
far longer). `Info` is prefilled with the subsidiary and template version; the
reporting period is left to fill in.

The drop-downs warn rather than refuse: the checker itself accepts synonyms and
fixes what it can, so Excel should not be stricter than the check.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.model.atomic import atomic_path
from desktop_app.core.model.catalogue import render
from desktop_app.core.model.errors import ProblemForUser
from desktop_app.core.schema.definition import TemplateSchema
from desktop_app.core.schema.model import Column

LISTS_SHEET = "Lists"
EXCEL_LAST_ROW = 1_048_575  # 0-based, as xlsxwriter counts
# Excel's own limits on a data validation's texts.
TITLE_MAX, MESSAGE_MAX = 32, 255
# Formats for columns the schema gives none: text stays text (IDs such as 00123).
DEFAULT_FORMATS = {"text": "@", "integer": "0", "decimal": "#,##0.00", "date": "yyyy-mm-dd"}
DEFAULT_WIDTHS = {"text": 18, "integer": 10, "decimal": 14, "date": 12}
INT_LIMIT = 2_147_483_647  # Excel's whole-number validation range: a type check only


class UnknownSubsidiary(ProblemForUser):
    """A template was asked for a subsidiary the schema does not know."""


def template_file_name(schema: TemplateSchema, subsidiary: str | None) -> str:
    return f"{subsidiary + '_' if subsidiary else ''}{schema.id}_{schema.version}_template.xlsx"


def header_texts(schema: TemplateSchema, subsidiary: str | None) -> list[str]:
    """Each column's header: the subsidiary's language alias where there is one."""
    sub = schema.subsidiary(subsidiary)
    out = []
    for col in schema.columns:
        local = col.alias_list(sub.language) if sub else []
        out.append(local[0] if local else col.label)
    return out


def list_values(schema: TemplateSchema, col: Column, subsidiary: str | None) -> list[str]:
    """The drop-down of a listed column, narrowed to what this subsidiary may report."""
    sub = schema.subsidiary(subsidiary)
    values = schema.vocabulary_values(col.vocabulary)
    if col.name == "subsidiary_code" and sub:
        return [subsidiary]  # DQ9: every row is the file's own subsidiary
    if col.name == "collaboration_with" and sub:
        return [v for v in values if v != subsidiary]
    if col.name == "currency":  # DQ8: only the currencies the subsidiary may use
        allowed = (
            sub.currencies
            if sub
            else list(
                dict.fromkeys(c for s in schema.model.subsidiaries.values() for c in s.currencies)
            )
        )
        return [c for c in allowed if c in values]
    return values


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _hint(schema: TemplateSchema, col: Column, subsidiary: str | None) -> str:
    parts = [col.description]
    if col.pattern_hint:
        parts.append(render("output.template.format", {"hint": col.pattern_hint}))
    if col.name in schema.local_column_names:
        parts.append(render("output.template.local_column", {"subsidiary": subsidiary}))
    return _clip(" ".join(p for p in parts if p), MESSAGE_MAX)


def _validation(schema: TemplateSchema, col: Column, subsidiary: str | None, source: str | None):
    """The data validation of a column: its list, else a type check, with the hint."""
    rule: dict = {
        "input_title": _clip(col.label, TITLE_MAX),
        "input_message": _hint(schema, col, subsidiary),
        "error_type": "warning",
        "error_title": _clip(col.label, TITLE_MAX),
    }
    if source:
        rule |= {"validate": "list", "source": source}
        rule["error_message"] = render("output.template.not_in_list")
    elif col.type == "date":
        th = schema.thresholds
        rule |= {
            "validate": "date",
            "criteria": "between",
            "minimum": th.excel_serial_min,
            "maximum": th.excel_serial_max,
        }
        rule["error_message"] = render(
            "output.template.type_a_date",
            {"first": str(th.excel_serial_min), "last": str(th.excel_serial_max)},
        )
    elif col.type in ("integer", "decimal"):
        whole = col.type == "integer"
        rule |= {
            "validate": "integer" if whole else "decimal",
            "criteria": "between",
            "minimum": -INT_LIMIT,
            "maximum": INT_LIMIT,
        }
        rule["error_message"] = render(
            "output.template.type_a_whole_number" if whole else "output.template.type_a_number"
        )
    else:
        rule["validate"] = "any"
    return rule


def write_template(
    schema: TemplateSchema, target: str | Path, subsidiary: str | None = None
) -> Path:
    """Write the blank template for subsidiary (or for any subsidiary) to target."""
    import xlsxwriter

    if subsidiary is not None:
        subsidiary = subsidiary.strip().upper()
        if schema.subsidiary(subsidiary) is None:
            known = ", ".join(schema.model.subsidiaries)
            raise UnknownSubsidiary(
                "output.template.unknown_subsidiary",
                subsidiary=subsidiary,
                schema=schema.id,
                version=schema.version,
                known=known,
            )
        schema = schema.for_subsidiary(subsidiary)  # its local columns, aliases, synonyms
    target = Path(target)
    with atomic_path(target) as tmp:
        workbook = xlsxwriter.Workbook(
            str(tmp), {"strings_to_formulas": False, "strings_to_numbers": False}
        )
        pipeline = workbook.add_worksheet(schema.model.data_sheet)
        info = workbook.add_worksheet(schema.model.info_sheet)
        lists = _Lists(workbook.add_worksheet(LISTS_SHEET))
        _write_pipeline(workbook, pipeline, lists, schema, subsidiary)
        _write_info(workbook, info, lists, schema, subsidiary)
        lists.sheet.hide()
        pipeline.activate()
        workbook.close()
    return target


def _write_pipeline(workbook, sheet, lists, schema: TemplateSchema, subsidiary: str | None) -> None:
    header = workbook.add_format(
        {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DCE6F1", "border": 1}
    )
    local_header = workbook.add_format(
        {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#EDEDED", "border": 1}
    )
    sheet.set_row(0, 30)
    for i, (col, text) in enumerate(
        zip(schema.columns, header_texts(schema, subsidiary), strict=True)
    ):
        local = col.name in schema.local_column_names
        sheet.write_string(0, i, text, local_header if local else header)
        fmt = workbook.add_format({"num_format": col.format or DEFAULT_FORMATS[col.type]})
        sheet.set_column(i, i, col.width or DEFAULT_WIDTHS[col.type], fmt)
        source = (
            lists.add(col.label, list_values(schema, col, subsidiary)) if col.vocabulary else None
        )
        sheet.data_validation(1, i, EXCEL_LAST_ROW, i, _validation(schema, col, subsidiary, source))
    sheet.freeze_panes(1, 0)


def _write_info(workbook, sheet, lists, schema: TemplateSchema, subsidiary: str | None) -> None:
    keys = schema.model.info_keys
    bold = workbook.add_format({"bold": True})
    text = workbook.add_format({"num_format": "@"})
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, 1, 18, text)
    sheet.write_string(0, 0, keys.subsidiary[0], bold)
    if subsidiary:
        sheet.write_string(0, 1, subsidiary)
    else:
        source = lists.add(keys.subsidiary[0], list(schema.model.subsidiaries))
        sheet.data_validation(0, 1, 0, 1, {"validate": "list", "source": source})
    sheet.write_string(1, 0, keys.period[0], bold)
    sheet.data_validation(
        1,
        1,
        1,
        1,
        {
            "validate": "any",
            "input_title": keys.period[0],
            "input_message": render("output.template.period_hint"),
        },
    )
    sheet.write_string(2, 0, keys.template_version[0], bold)
    sheet.write_string(2, 1, schema.version)  # text: 2026.10 must not become 2026.1


class _Lists:
    """The hidden sheet holding the drop-down lists, one column each."""

    def __init__(self, sheet) -> None:
        self.sheet = sheet
        self.count = 0

    def add(self, title: str, values: list[str]) -> str:
        """Write a list and return the range reference a validation uses."""
        from xlsxwriter.utility import xl_col_to_name

        self.sheet.write_string(0, self.count, title)
        self.sheet.write_column(1, self.count, values)
        letter = xl_col_to_name(self.count)
        self.count += 1
        return f"={LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
