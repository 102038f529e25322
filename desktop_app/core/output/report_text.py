"""The text summary of a check: verdict first, counts per rule, then findings worst first."""

from __future__ import annotations

from desktop_app.core.model.catalogue import render
from desktop_app.core.model.findings import Finding


def _say(code: str, **params) -> str:
    return render(code, {k: str(v) for k, v in params.items()})


def verdict(result) -> str:
    s = result.summary
    extras = []
    if s["warnings"]:
        code = "output.count.warning" if s["warnings"] == 1 else "output.count.warnings"
        extras.append(_say(code, n=s["warnings"]))
    if s["fixed"]:
        extras.append(_say("output.count.fixed", n=s["fixed"]))
    tail = f" ({', '.join(extras)})" if extras else ""
    if result.passed:
        return _say("output.verdict.ready", extras=tail)
    n = s["errors"]
    code = "output.verdict.not_ready_one" if n == 1 else "output.verdict.not_ready"
    return _say(code, errors=n, extras=tail)


def render_text(result, limit: int = 40) -> str:
    titles = rule_titles()
    lines = []
    who = ", ".join(
        part
        for part in (
            _say("output.text.subsidiary", subsidiary=result.subsidiary)
            if result.subsidiary
            else _say("output.text.subsidiary_unknown"),
            _say("output.text.period", period=result.period.label)
            if result.period
            else _say("output.text.period_unknown"),
            _say("output.text.rows", rows=len(result.rows)),
            _say(
                "channel.text.schema_unsigned"
                if result.schema.signed is False
                else "output.text.schema",
                schema=result.schema.id,
                version=result.schema.version,
            ),
            formulas_said(result.table),
        )
        if part
    )
    lines.append(verdict(result))
    lines.append(f"{result.table.path.name}: {who}")
    lines.append("")
    rule, errors, warnings, fixed = (
        _say(f"output.text.{name}") for name in ("rule", "errors", "warnings", "fixed")
    )
    # a space before each count's header keeps a long translated one apart from the next
    lines.append(f"{'':3}{rule:<42}{' ' + errors:>7}{' ' + warnings:>10}{' ' + fixed:>7}")
    for rule, counts in result.summary["rules"].items():
        mark = "x" if counts["errors"] else "ok"
        mark = f"{mark:<3}"
        title = f"{rule} {titles.get(rule, '')}"
        lines.append(
            f"{mark}{title:<42}{counts['errors']:>7}{counts['warnings']:>10}{counts['fixed']:>7}"
        )
    if result.findings:
        ordered = sorted(result.findings, key=Finding.sort_key)
        shown = ordered if limit <= 0 else ordered[:limit]
        lines.append("")
        lines.append(_say("output.text.findings"))
        for f in shown:
            where = f.cell or _where(f)
            lines.append(f"  {f.severity.upper():<8}{f.rule:<5}{where:<9}{f.message}")
        if len(ordered) > len(shown):
            lines.append("  " + _say("output.text.more", n=len(ordered) - len(shown)))
    return "\n".join(lines) + "\n"


def formulas_said(table) -> str:
    """How many formula cells the data sheet has; "" without any (most files)."""
    count = table.formula_count
    return _say("output.text.formulas", count=f"{count:,}") if count else ""


def rule_titles() -> dict[str, str]:
    """The rules' titles in the language in use, by rule id."""
    from desktop_app.core.checking.engine import rule_title
    from desktop_app.core.checking.rules import RULES

    return {rule.id: rule_title(rule) for rule in RULES}


def _where(f: Finding) -> str:
    if f.row:
        return _say("output.where.row", row=f.row)
    return _say("output.text.column" if f.column else "output.text.file")
