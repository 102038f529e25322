"""Schema versions: show, validate, diff in plain words, the kept store, and DQ1 naming changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import BUNDLED_SCHEMA as BUNDLED
from helpers import PERIOD, write_book
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.cli import main
from desktop_app.core.checking.engine import check_file
from desktop_app.core.schema.diff import diff_schemas
from desktop_app.core.schema.loading import parse_schema
from desktop_app.core.schema.store import (
    default_schema,
    store_folder,
    with_kept_versions,
)
from tests.sample_data import standard_info, valid_rows

NEXT_STEP = """  - name: next_step
    label: Next step
    labels: {sv: Nästa steg, de: Nächster Schritt}
    type: text
    required: false
    aliases: {sv: Nästa steg, de: Nächster Schritt}
    description: What happens next.
    width: 30
"""

# An edit of the bundled schema touching every kind of thing diff must name.
EDITS = [
    ('version: "2026.2"', 'version: "2026.3"'),
    ("Develop: {probability: [10, 40]", "Develop: {probability: [15, 40]"),
    ("  SEK: 11.50", "  SEK: 11.20"),
    (NEXT_STEP, ""),
    ("label: Customer\n", "label: Customer name\n"),
    ("aliases: {sv: Kund, de: Kunde}", "aliases: {sv: Kundnamn, de: Kunde}"),
    ("values: [Hardware, Software, Services, Support]", "values: [Hardware, Software, Services, Support, Consulting]"),
    ("      Lost: Closed Lost\n", "      Lost: Closed Lost\n      Stalled: Qualify\n"),
    ("stale_after_days: 90", "stale_after_days: 60"),
    ("DQ5.stale: warning", "DQ5.stale: error"),
]  # fmt: skip


def edited(text: str = BUNDLED, edits=EDITS) -> str:
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    return text


@pytest.fixture
def newer(tmp_path):
    path = tmp_path / "global-pipeline-2026.3.yaml"
    path.write_text(edited(), "utf-8")
    return path


def test_diff_says_in_plain_words_what_changed(schema):
    new = parse_schema(edited(), "new.yaml")
    texts = [c.text for c in diff_schemas(schema, new)]
    assert texts == [
        "Column 'Next step' removed",
        "Column 'Customer' renamed to 'Customer name'",
        "Column 'Customer name': header 'Kundnamn' (sv) added",
        "Column 'Customer name': header 'Kund' (sv) removed",
        "Stage 'Develop' band changed from 10-40 % to 15-40 %",
        "Product line: value 'Consulting' added",
        "Stage: synonym 'Stalled' (-> Qualify) added",
        "Rate SEK changed 11.50 -> 11.20",
        "Threshold stale_after_days changed from 90 to 60",
        "Severity of DQ5.stale changed from warning to error",
    ]
    assert diff_schemas(schema, schema) == []


def test_diff_names_added_columns_moved_headers_and_local_variants(schema):
    moved = edited(edits=[("aliases: {sv: Ägare, de: Verantwortlich}", "aliases: {de: Verantwortlich}"),
                          ("aliases: {sv: Kund, de: Kunde}", "aliases: {sv: [Kund, Ägare], de: Kunde}"),
                          ("      owner: [Säljare, Ansvarig säljare]\n", "")])  # fmt: skip
    texts = [c.text for c in diff_schemas(schema, parse_schema(moved, "x"))]
    assert "Header 'Ägare' moved from column 'Owner' to 'Customer'" in texts
    assert "SE01 column owner: local header 'Säljare' removed" in texts
    older = parse_schema(edited(edits=[(NEXT_STEP, "")]), "old")
    assert [c.text for c in diff_schemas(older, schema)] == ["Column 'Next step' added"]


@settings(max_examples=25, deadline=None)
@given(rate=st.floats(min_value=0.01, max_value=1000).map(lambda x: round(x, 2)))
def test_a_changed_rate_is_exactly_one_change(schema, rate):
    text = BUNDLED.replace("  NOK: 11.70", f"  NOK: {rate}")
    changes = diff_schemas(schema, parse_schema(text, "x"))
    if rate == 11.70:
        assert changes == []
    else:
        assert [(c.area, c.text.split(" changed")[0]) for c in changes] == [("rates", "Rate NOK")]


def test_cli_diff_text_and_json(schema, newer, capsys):
    assert main(["schema", "diff", "2026.2", str(newer)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("global-pipeline 2026.2 -> global-pipeline 2026.3: 10 changes.")
    assert "  Rate SEK changed 11.50 -> 11.20\n" in out
    assert main(["schema", "diff", str(newer), str(newer), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["changes"] == []


def test_validate_accepts_a_good_file_and_names_the_line_of_a_bad_one(newer, tmp_path, capsys):
    assert main(["schema", "validate", str(newer)]) == 0
    assert "valid schema global-pipeline 2026.3" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        BUNDLED.replace("Develop: {probability: [10, 40]", "Develop: {probability: [40, 10]")
    )
    assert main(["schema", "validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.yaml, line" in err and "process.Develop" in err


def test_show_names_the_schema_checks_use(user_data, capsys):
    assert main(["schema", "show"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("global-pipeline 2026.2: Global sales pipeline")
    assert "SE01 (3 local columns" in out


def test_import_keeps_a_copy_and_the_newest_is_used(user_data, newer, tmp_path, capsys, schema):
    assert default_schema().version == "2026.2"  # empty store: the bundled schema
    assert main(["schema", "import", str(newer)]) == 0
    assert "it is now the one checks use" in capsys.readouterr().out
    kept = store_folder() / "global-pipeline" / "2026.3.yaml"
    assert kept.read_bytes() == newer.read_bytes()
    newer.unlink()  # the kept copy is what counts
    assert default_schema().version == "2026.3"
    book = write_book(tmp_path / "SE01_2026-Q4.xlsx", schema, valid_rows(schema, "SE01", PERIOD, 5))
    assert main(["check", str(book), "--format", "json"]) in (0, 1)
    assert json.loads(capsys.readouterr().out)["schema"]["version"] == "2026.3"
    assert main(["check", str(book), "--format", "json", "--schema", "2026.2"]) == 0
    assert json.loads(capsys.readouterr().out)["schema"]["version"] == "2026.2"
    assert main(["schema", "list"]) == 0
    assert "* global-pipeline 2026.3" in capsys.readouterr().out


def test_import_refuses_the_same_version_with_other_content(user_data, newer, capsys):
    assert main(["schema", "import", str(newer)]) == 0
    assert main(["schema", "import", str(newer)]) == 0  # the same file again is fine
    newer.write_text(edited().replace("  CHF: 0.94", "  CHF: 0.95"), "utf-8")
    assert main(["schema", "import", str(newer)]) == 2
    assert "already kept with other content" in capsys.readouterr().err


def test_older_template_warning_names_what_changed(user_data, schema, tmp_path):
    older = tmp_path / "old.yaml"
    older.write_text(
        edited(edits=[('version: "2026.2"', 'version: "2026.1"'),
                      ("Develop: {probability: [10, 40]", "Develop: {probability: [15, 40]")]),
        "utf-8",
    )  # fmt: skip
    info = dict(standard_info(schema, "SE01", PERIOD), **{"Template version": "2026.1"})
    book = write_book(
        tmp_path / "SE01.xlsx", schema, valid_rows(schema, "SE01", PERIOD, 5), info=info
    )
    # The caller passes the kept versions in (the command and the window do, via the store).
    (plain,) = check_file(book, with_kept_versions(schema)).findings
    assert plain.code == "DQ1.template_older" and plain.severity == "warning"
    assert main(["schema", "import", str(older)]) == 0
    (named,) = check_file(book, with_kept_versions(schema)).findings
    assert named.code == "DQ1.template_older_changes" and named.severity == "warning"
    assert "Changed since: Stage 'Develop' band changed from 15-40 % to 10-40 %." in named.message


def test_a_kept_version_that_no_longer_validates_does_not_stop_checks(user_data, tmp_path, capsys):
    """A version kept by an older program (here: its Swedish labels missing) is passed
    over for the newest one that loads, so checks go on; `schema validate` names why."""
    import yaml

    data = yaml.safe_load(edited())
    for column in data["columns"]:
        column.get("labels", {}).pop("sv", None)
    kept = store_folder() / "global-pipeline" / "2026.3.yaml"
    kept.parent.mkdir(parents=True)
    kept.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    assert default_schema().version == "2026.2"
    sample = Path(__file__).resolve().parent.parent / "resources" / "samples"
    assert main(["check", str(sample / "SE01_2026-Q4_pipeline.xlsx")]) == 0
    capsys.readouterr()
    assert main(["schema", "validate", str(kept)]) != 0
    assert "sv" in capsys.readouterr().err
