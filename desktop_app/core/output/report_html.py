"""The check report: one self-contained HTML page (inline CSS and SVG, nothing fetched).

Verdict first, then what was checked (file and its SHA-256, schema version), the
counts per rule as a table and a small bar chart, and every finding worst first.
Every value from the file is escaped; the page prints on A4 without losing colour.
"""

from __future__ import annotations

import hashlib
from html import escape
from pathlib import Path

from desktop_app import __version__
from desktop_app.core.model.atomic import atomic_path
from desktop_app.core.model.catalogue import language_in_use, render
from desktop_app.core.model.findings import Finding, display_value

COLOURS = {"errors": "#c00000", "warnings": "#d98c00", "fixed": "#4a7ebb"}

CSS = """
body { font: 14px/1.4 system-ui, "Segoe UI", Arial, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.5em; margin: 0 0 .3em; }
h2 { font-size: 1.15em; margin: 1.6em 0 .5em; }
.verdict { padding: .7em 1em; border-radius: 4px; font-weight: 600; font-size: 1.1em; }
.pass { background: #e2f0d9; border-left: 6px solid #548235; }
.fail { background: #fbe3e4; border-left: 6px solid #c00000; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .25em .5em; border-bottom: 1px solid #ddd; vertical-align: top; }
th { background: #f2f2f2; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
table.facts th { width: 12em; background: none; }
.hash { font-family: ui-monospace, Consolas, monospace; font-size: .85em; word-break: break-all; }
.sev { font-weight: 600; }
.error .sev { color: #c00000; } .warning .sev { color: #9c5700; } .fixed .sev { color: #2f5597; }
.legend span { display: inline-block; margin-right: 1.2em; }
.legend i { display: inline-block; width: .9em; height: .9em; margin-right: .3em; vertical-align: -.1em; }
footer { margin-top: 2em; color: #777; font-size: .85em; }
@media print {
  body { margin: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  thead { display: table-header-group; }
  tr, .verdict, svg { break-inside: avoid; }
  h2 { break-after: avoid; }
  @page { size: A4; margin: 14mm; }
}
"""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _say(code: str, **params) -> str:
    return render(code, {k: str(v) for k, v in params.items()})


def _e(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def bar_chart(rules: dict[str, dict[str, int]], titles: dict[str, str]) -> str:
    """Stacked horizontal bars of errors, warnings and fixed per rule, as inline SVG."""
    label_w, bar_w, row_h, count_w = 290, 360, 22, 60
    top = max([sum(c.values()) for c in rules.values()] + [1])
    height = row_h * len(rules) + 4
    parts = [
        f'<svg role="img" aria-label="{_e(_say("output.report.chart"))}" '
        f'width="{label_w + bar_w + count_w}" '
        f'height="{height}" viewBox="0 0 {label_w + bar_w + count_w} {height}">'
    ]
    for i, (rule, counts) in enumerate(rules.items()):
        y = i * row_h + 2
        label = f"{rule} {titles.get(rule, '')}"
        parts.append(f'<text x="0" y="{y + 15}" font-size="12">{_e(label)}</text>')
        x = float(label_w)
        for kind, colour in COLOURS.items():
            width = bar_w * counts.get(kind, 0) / top
            if width:
                what = _say(f"output.text.{kind}")
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="{row_h - 6}" '
                    f'fill="{colour}"><title>{_e(rule)}: {counts[kind]} {_e(what)}</title></rect>'
                )
            x += width
        total = sum(counts.values())
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}" font-size="12">{total}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_report(result) -> str:
    from desktop_app.core.output.report_text import formulas_said, rule_titles, verdict

    titles = rule_titles()

    summary, schema, table = result.summary, result.schema, result.table
    unknown = _say("output.report.unknown")
    facts = [
        ("file", table.path.name),
        ("file_sha256", file_sha256(table.path)),
        ("sheet", table.sheet or _say("output.report.no_data_sheet")),
        ("subsidiary", result.subsidiary or unknown),
        ("period", result.period.label if result.period else unknown),
        ("rows", f"{len(result.rows):,}"),
        ("schema", f"{schema.id} {schema.version}" + _unsigned(schema)),
        ("schema_sha256", schema.sha256),
        ("formulas", formulas_said(table)),
        ("checked_at", result.checked_at.isoformat(timespec="seconds")),
    ]
    hash_cell = ' class="hash"'
    fact_rows = "".join(
        f"<tr><th>{_e(_say(f'output.label.{k}'))}</th>"
        f"<td{hash_cell if k.endswith('sha256') else ''}>{_e(v)}</td></tr>"
        for k, v in facts
        if v
    )
    rule_rows = "".join(
        f"<tr><td>{_e(rule)}</td><td>{_e(titles.get(rule, ''))}</td>"
        + "".join(f'<td class="n">{c[k]}</td>' for k in ("errors", "warnings", "fixed"))
        + "</tr>"
        for rule, c in summary["rules"].items()
    )
    legend = "".join(
        f'<span><i style="background:{colour}"></i>{_e(_say(f"output.text.{kind}"))}</span>'
        for kind, colour in COLOURS.items()
    )
    findings = "".join(
        _finding_row(f, schema) for f in sorted(result.findings, key=Finding.sort_key)
    )
    title = _say("output.report.title", file=table.path.name)
    head = [f"<th>{_e(_say(f'output.label.{k}'))}</th>" for k in ("errors", "warnings", "fixed")]
    rule_head = f"<th>{_e(_say('output.label.rule'))}</th><th></th>" + "".join(head)
    columns = ("severity", "rule", "cell", "column", "value", "\n", "message", "suggestion")
    finding_head = "".join(  # the line break keeps the page as it always was
        k if k == "\n" else f"<th>{_e(_say(f'output.label.{k}'))}</th>" for k in columns
    )
    no_findings = _e(_say("output.report.no_findings"))
    return f"""<!DOCTYPE html>
<html lang="{language_in_use()}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title><style>{CSS}</style></head>
<body>
<h1>{_e(title)}</h1>
<p class="verdict {"pass" if result.passed else "fail"}">{_e(verdict(result))}</p>
<table class="facts">{fact_rows}</table>
<h2>{_e(_say("output.report.counts"))}</h2>
<p class="legend">{legend}</p>
{bar_chart(summary["rules"], titles)}
<table><thead><tr>{rule_head}</tr></thead>
<tbody>{rule_rows}</tbody></table>
<h2>{_e(_say("output.report.findings", n=f"{len(result.findings):,}"))}</h2>
<table><thead><tr>{finding_head}</tr></thead>
<tbody>{findings or f'<tr><td colspan="7">{no_findings}</td></tr>'}</tbody></table>
<footer>Template Checker {_e(__version__)}</footer>
</body></html>
"""


def _unsigned(schema) -> str:
    """(unsigned schema) after a schema not signed by a trusted key (a --schema draft)."""
    return f" ({_say('channel.unsigned_schema')})" if schema.signed is False else ""


def _finding_row(f: Finding, schema) -> str:
    col = schema.column_by_name.get(f.column) if f.column else None
    where = f.cell or (_say("output.where.row", row=f.row) if f.row is not None else "")
    value = display_value(f.value) if f.value is not None else ""
    suggestion = display_value(f.suggestion) if f.suggestion is not None else ""
    cells = [
        where,
        col.label_in(language_in_use()) if col else f.column,
        value,
        f.message,
        suggestion,
    ]
    return (
        f'<tr class="{_e(f.severity)}"><td class="sev">{_e(f.severity)}</td><td>{_e(f.rule)}</td>'
        + "".join(f"<td>{_e(c)}</td>" for c in cells)
        + "</tr>"
    )


def write_report(result, out: Path) -> Path:
    """Write the one-page HTML report (never over the source, never half-written)."""
    out = Path(out)
    page = render_report(result)
    with atomic_path(out, protect=(result.table.path,)) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return out
