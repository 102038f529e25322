"""Help: what each rule checks, with examples worded exactly as the window words them;
and the About box with the versions of everything that matters for a bug report."""

from __future__ import annotations

import html
import platform
from functools import cache
from importlib.metadata import PackageNotFoundError, version

import yaml
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMessageBox, QTextBrowser, QWidget

from desktop_app import __version__
from desktop_app.bundled import data_folder
from desktop_app.core.model.findings import render_message
from desktop_app.core.schema.definition import TemplateSchema
from desktop_app.gui.i18n import current_language, rule_titles, severity_label, translate


@cache
def _help_text(language: str = "en") -> dict:
    """The help in a language; English for a language that has no help file."""
    folder = data_folder("resources").joinpath("help")
    text = folder.joinpath(f"{language}.yaml")
    if not text.is_file():
        text = folder.joinpath("en.yaml")
    return yaml.safe_load(text.read_text("utf-8"))


def help_html(schema: TemplateSchema) -> str:
    language = current_language()
    text = _help_text(language)
    titles = rule_titles()
    e = html.escape
    heading = e(translate("HelpPanel", "How Template Checker works"))
    checking = e(translate("HelpPanel", "Checking against {schema}."))
    rules_heading = e(translate("HelpPanel", "The nine rules"))
    for_example = e(translate("HelpPanel", "For example:"))
    parts = [
        f"<h2>{heading}</h2>",
        f"<p>{e(text['intro'])}</p>",
        f"<p>{e(text['how_to_fix'])}</p>",
        f"<p>{checking.format(schema=f'<b>{e(schema.id)} {e(schema.version)}</b>')}</p>",
        f"<h2>{rules_heading}</h2>",
    ]
    for rule, entry in text["rules"].items():
        parts.append(f"<h3>{rule} {e(titles.get(rule, ''))}</h3><p>{e(entry['what'])}</p>")
        if rule == "DQ7":
            parts.append(_process_table(schema))
        parts.append(f"<p><i>{for_example}</i></p><ul>")
        for example in entry.get("examples", []):
            params = {"value": example.get("value"), "suggestion": example.get("suggestion")}
            params.update(example.get("params", {}))
            severity = severity_label(schema.severity(example["code"]))
            message = render_message(example["code"], params, language)
            parts.append(f"<li><b>{severity}:</b> {e(message)}</li>")
        parts.append("</ul>")
    return "\n".join(parts)


def _process_table(schema: TemplateSchema) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(name)}</td><td>{low}–{high} %</td>"
        f"<td>{html.escape(', '.join(stage.forecast))}</td></tr>"
        for name, stage in schema.model.process.items()
        for low, high in [stage.probability]
    )
    headers = (
        translate("HelpPanel", "Stage"),
        translate("HelpPanel", "Probability"),
        translate("HelpPanel", "Forecast categories"),
    )
    header_row = "".join(f"<th align='left'>{html.escape(h)}</th>" for h in headers)
    return f"<table border='0' cellspacing='0' cellpadding='3'><tr>{header_row}</tr>{rows}</table>"


class HelpPanel(QDockWidget):
    def __init__(self, schema: TemplateSchema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Help: the rules explained"))
        self.setObjectName("help")
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.setWidget(self.browser)
        self.setAllowedAreas(
            Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.set_schema(schema)

    def set_schema(self, schema: TemplateSchema) -> None:
        self.browser.setHtml(help_html(schema))


def versions(schema: TemplateSchema) -> list[tuple[str, str]]:
    import PySide6
    from PySide6.QtCore import qVersion

    found = [("Template Checker", __version__), ("Schema", f"{schema.id} {schema.version}")]
    for package in ("pandas", "pandera", "python-calamine", "openpyxl", "xlsxwriter", "babel"):
        try:
            found.append((package, version(package)))
        except PackageNotFoundError:
            found.append((package, "not installed"))
    found += [
        ("PySide6 / Qt", f"{PySide6.__version__} / {qVersion()}"),
        ("Python", platform.python_version()),
        ("System", platform.platform(terse=True)),
    ]
    return found


def show_about(parent: QWidget, schema: TemplateSchema) -> None:
    rows = "".join(
        f"<tr><td>{html.escape(k)}</td><td>&nbsp;&nbsp;{html.escape(v)}</td></tr>"
        for k, v in versions(schema)
    )
    what = translate(
        "About",
        "Checks a subsidiary's sales-pipeline workbook against the global reporting "
        "template and exports a clean submission file.",
    )
    source = translate("About", "Schema file: {path}").format(path=html.escape(schema.source))
    QMessageBox.about(
        parent,
        translate("About", "About Template Checker"),
        f"<h3>Template Checker</h3><p>{what}</p><table>{rows}</table><p>{source}</p>",
    )
