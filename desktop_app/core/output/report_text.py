"""The text summary of a check: verdict first, counts per rule, then findings worst first."""

from __future__ import annotations

from desktop_app.core.model.findings import Finding


def verdict(result) -> str:
    s = result.summary
    extras = []
    if s["warnings"]:
        extras.append(f"{s['warnings']} warning{'s' * (s['warnings'] != 1)}")
    if s["fixed"]:
        extras.append(f"{s['fixed']} fixed automatically")
    tail = f" ({', '.join(extras)})" if extras else ""
    if result.passed:
        return f"READY TO SUBMIT: no errors{tail}."
    n = s["errors"]
    return f"NOT READY: {n} error{'s' * (n != 1)} to fix{tail}."


def render_text(result, limit: int = 40) -> str:
    from desktop_app.core.checking.rules import RULE_TITLES

    lines = []
    who = ", ".join(
        part
        for part in (
            f"subsidiary {result.subsidiary}" if result.subsidiary else "subsidiary unknown",
            f"period {result.period.label}" if result.period else "period unknown",
            f"{len(result.rows)} rows",
            f"schema {result.schema.id} {result.schema.version}",
        )
    )
    lines.append(verdict(result))
    lines.append(f"{result.table.path.name}: {who}")
    lines.append("")
    lines.append(f"{'':3}{'rule':<42}{'errors':>7}{'warnings':>10}{'fixed':>7}")
    for rule, counts in result.summary["rules"].items():
        mark = "x" if counts["errors"] else "ok"
        mark = f"{mark:<3}"
        title = f"{rule} {RULE_TITLES.get(rule, '')}"
        lines.append(
            f"{mark}{title:<42}{counts['errors']:>7}{counts['warnings']:>10}{counts['fixed']:>7}"
        )
    if result.findings:
        ordered = sorted(result.findings, key=Finding.sort_key)
        shown = ordered if limit <= 0 else ordered[:limit]
        lines.append("")
        lines.append("Findings, worst first:")
        for f in shown:
            where = f.cell or (f"row {f.row}" if f.row else ("column" if f.column else "file"))
            lines.append(f"  {f.severity.upper():<8}{f.rule:<5}{where:<9}{f.message}")
        if len(ordered) > len(shown):
            lines.append(
                f"  ... and {len(ordered) - len(shown)} more "
                "(--limit 0 lists all; --format json for the full record)."
            )
    return "\n".join(lines) + "\n"
