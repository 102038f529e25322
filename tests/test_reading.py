"""Reading: sheets, header rows, aliases, Info, CSV; values kept exactly as written."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from helpers import PERIOD, SAMPLES, ExcelError, write_book

from desktop_app.core.checking.engine import CheckOptions, check_file
from desktop_app.core.model.errors import ProblemForUser
from desktop_app.core.model.excel_errors import ErrorValue
from desktop_app.core.reading.header import HeaderNotFound
from desktop_app.core.reading.source import read_source
from tests.sample_data import header_labels


def codes(result, severity=None):
    return sorted(f.code for f in result.findings if severity is None or f.severity == severity)


@pytest.mark.parametrize("language", ["sv", "de", None])
def test_local_headers_are_read_as_canonical_columns(language, schema, base_rows, tmp_path):
    path = write_book(
        tmp_path / "SE01_2026-Q4.xlsx", schema, base_rows, headers=header_labels(schema, language)
    )
    result = check_file(path, schema)
    assert result.findings == []
    assert list(result.frame.columns) == [c.name for c in schema.columns]


def test_header_matching_ignores_case_and_white_space(schema, base_rows, tmp_path):
    headers = ["  " + h.upper().replace(" ", "   ") + " " for h in header_labels(schema)]
    path = write_book(tmp_path / "SE01_2026-Q4.xlsx", schema, base_rows, headers=headers)
    assert check_file(path, schema).findings == []


def test_header_row_below_title_rows(schema, base_rows, tmp_path):
    path = write_book(tmp_path / "SE01_2026-Q4.xlsx", schema, base_rows, title_rows=3)
    result = check_file(path, schema)
    assert result.findings == [] and result.table.header_row == 4
    assert result.rows[0] == 5


def test_cell_references_follow_title_rows(schema, base_rows, tmp_path):
    base_rows[0]["customer_name"] = None
    path = write_book(tmp_path / "SE01_2026-Q4.xlsx", schema, base_rows, title_rows=2)
    (f,) = check_file(path, schema).findings
    assert (f.row, f.cell) == (4, "D4")


def test_values_are_kept_as_written(schema, base_rows, tmp_path):
    base_rows[0].update(opportunity_name="00123", next_step="TRUE", country="NA")
    base_rows[1].update(next_step=True)
    base_rows[2].update(amount=ExcelError("#N/A"))
    path = write_book(tmp_path / "SE01_2026-Q4.xlsx", schema, base_rows)
    table = read_source(path, schema)
    assert table.raw["opportunity_name"][0] == "00123"
    assert table.raw["next_step"][0] == "TRUE"
    assert table.raw["country"][0] == "NA"
    assert table.raw["next_step"][1] is True
    assert isinstance(table.raw["amount"][2], ErrorValue) and table.raw["amount"][2] == "#N/A"
    result = check_file(path, schema)
    assert result.frame["opportunity_name"].iat[0] == "00123"
    assert result.frame["country"].iat[0] == "NA"


def test_info_sheet_is_read_leniently(schema, base_rows, tmp_path):
    for period_text in ["2026-q4", " Q4 2026 ", "2026 Q4", "Q4/2026"]:
        info = {
            "subsidiary": " se01 ",
            "Reporting   period": period_text,
            "Template version": "2026.2",
        }
        path = write_book(tmp_path / "pipeline.xlsx", schema, base_rows, info=info)
        result = check_file(path, schema)
        assert (result.subsidiary, result.period.label) == ("SE01", "2026-Q4"), period_text
        assert result.findings == []


def test_period_as_a_date_cell_is_its_month(schema, base_rows, tmp_path):
    path = write_book(
        tmp_path / "x.xlsx",
        schema,
        base_rows,
        info={"Subsidiary": "SE01", "Reporting period": date(2026, 12, 31)},
    )
    assert check_file(path, schema).period.label == "2026-12"


def test_subsidiary_and_period_from_options_then_file_name(schema, base_rows, tmp_path):
    path = write_book(tmp_path / "export.xlsx", schema, base_rows, info=False)
    result = check_file(path, schema, CheckOptions(subsidiary="SE01", period="2026-Q4"))
    assert (result.subsidiary, result.period.label, result.findings) == ("SE01", "2026-Q4", [])
    named = write_book(tmp_path / "SE01_2026-Q4_pipeline.xlsx", schema, base_rows, info=False)
    result = check_file(named, schema)
    assert (result.subsidiary, result.period.label, result.findings) == ("SE01", "2026-Q4", [])


def test_subsidiary_from_the_column_is_a_warning(schema, base_rows, tmp_path):
    path = write_book(tmp_path / "export_2026-Q4.xlsx", schema, base_rows, info=False)
    result = check_file(path, schema)
    assert result.subsidiary == "SE01"
    assert codes(result) == ["DQ1.subsidiary_from_column"]


def test_unknown_subsidiary_lists_the_known_ones(schema, base_rows, tmp_path):
    path = write_book(
        tmp_path / "x.xlsx",
        schema,
        base_rows,
        info={"Subsidiary": "XX99", "Reporting period": "2026-Q4"},
    )
    result = check_file(path, schema)
    f = next(f for f in result.findings if f.code == "DQ1.subsidiary_unknown")
    assert f.severity == "error" and "SE01" in f.message and "CH01" in f.message


def test_missing_period_skips_dated_checks_and_says_which(schema, base_rows, tmp_path):
    base_rows[2]["last_activity_date"] = date(2030, 1, 1)  # would be after any 2026 report date
    path = write_book(
        tmp_path / "export.xlsx",
        schema,
        base_rows,
        info={"Subsidiary": "SE01", "Reporting period": "soon"},
    )
    result = check_file(path, schema)
    (f,) = result.findings
    assert f.code == "DQ1.period_not_found" and f.severity == "error"
    assert "DQ5" in f.message and "DQ7" in f.message
    assert (f.row, f.column, f.cell) == (None, None, None)


def _book_with_header(tmp_path, schema, header, rows=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Pipeline"
    ws.append(header)
    for r in rows:
        ws.append(r)
    info = wb.create_sheet("Info")
    info.append(["Subsidiary", "SE01"])
    info.append(["Reporting period", "2026-Q4"])
    path = tmp_path / "SE01_2026-Q4.xlsx"
    wb.save(path)
    return path


def test_missing_required_column_is_one_error_not_one_per_cell(schema, base_rows, tmp_path):
    headers = header_labels(schema)
    names = [c.name for c in schema.columns]
    keep = [i for i, n in enumerate(names) if n != "owner"]
    rows = [[r[names[i]] for i in keep] for r in base_rows]
    path = _book_with_header(tmp_path, schema, [headers[i] for i in keep], rows)
    result = check_file(path, schema)
    (f,) = result.findings
    assert (f.code, f.column, f.row, f.cell) == ("DQ1.missing_column", "owner", None, None)


def test_unknown_and_duplicate_columns(schema, base_rows, tmp_path):
    headers = [*header_labels(schema), "Internal note", "Stage"]
    names = [c.name for c in schema.columns]
    rows = [[*(r[n] for n in names), "x", "Develop"] for r in base_rows]
    path = _book_with_header(tmp_path, schema, headers, rows)
    result = check_file(path, schema)
    got = {(f.code, f.severity, f.column) for f in result.findings}
    assert got == {
        ("DQ1.unknown_column", "warning", "Internal note"),
        ("DQ1.duplicate_header", "error", "stage"),
    }


def test_data_sheet_found_by_header_when_renamed(schema, base_rows, tmp_path):
    path = write_book(tmp_path / "SE01_2026-Q4.xlsx", schema, base_rows, sheet="Sheet1")
    result = check_file(path, schema)
    assert codes(result) == ["DQ1.sheet_renamed"]
    assert result.findings[0].sheet == "Sheet1"


def test_no_header_row_anywhere(schema, tmp_path):
    path = _book_with_header(tmp_path, schema, ["a", "b", "c"], [[1, 2, 3]])
    with pytest.raises(HeaderNotFound) as refused:
        check_file(path, schema)
    message = str(refused.value)
    assert path.name in message and "Opportunity ID" in message and "Pipeline" in message


def test_template_versions(schema, base_rows, tmp_path):
    for version, expected in [
        ("2026.1", "DQ1.template_older"),
        ("2027.1", "DQ1.template_newer"),
        ("2026.2", None),
    ]:
        info = {"Subsidiary": "SE01", "Reporting period": "2026-Q4", "Template version": version}
        path = write_book(tmp_path / "x.xlsx", schema, base_rows, info=info)
        assert codes(check_file(path, schema)) == ([expected] if expected else [])


def test_totals_and_blank_rows_are_one_warning_each_and_left_out(schema, base_rows, tmp_path):
    rows = [*base_rows[:4], {}, *base_rows[4:], {"opportunity_id": "Summa", "amount": 12345.0}]
    path = write_book(tmp_path / "SE01_2026-Q4.xlsx", schema, rows)
    result = check_file(path, schema)
    assert {(f.code, f.row) for f in result.findings} == {
        ("DQ1.blank_row", 6),
        ("DQ1.non_data_row", 13),
    }
    assert len(result.frame) == len(base_rows)


def test_a_customer_called_summit_is_not_a_totals_row(schema, base_rows, tmp_path):
    base_rows[2].update(opportunity_id=None, customer_name="Summit AB")
    path = write_book(tmp_path / "SE01_2026-Q4.xlsx", schema, base_rows)
    assert codes(check_file(path, schema)) == ["DQ2.required_empty"]


def test_closed_lost_without_loss_reason_column(schema, base_rows, tmp_path):
    headers = header_labels(schema)
    names = [c.name for c in schema.columns]
    keep = [i for i, n in enumerate(names) if n != "loss_reason"]
    from test_rules import with_stage

    with_stage(base_rows[1], "Closed Lost", schema)
    rows = [[r[names[i]] for i in keep] for r in base_rows]
    path = _book_with_header(tmp_path, schema, [headers[i] for i in keep], rows)
    (f,) = check_file(path, schema).findings
    assert (f.code, f.column, f.row) == ("DQ1.missing_loss_reason_column", "loss_reason", None)


def test_csv_semicolon_cp1252_is_read_in_the_locale(schema, tmp_path):
    from tests.sample_data import valid_rows

    rows = valid_rows(schema, "DE01", PERIOD, 4, seed=2)
    names = [c.name for c in schema.columns]

    def cell(v):
        if v is None:
            return ""
        if isinstance(v, date):
            return v.strftime("%d.%m.%Y")
        if isinstance(v, float):
            return f"{v:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
        return str(v)

    lines = [";".join(header_labels(schema, "de"))] + [
        ";".join(cell(r[n]) for n in names) for r in rows
    ]
    lines[2] = lines[2].replace(rows[1]["customer_name"], "Müller Straße GmbH")
    path = tmp_path / "DE01_2026-Q4_pipeline.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    result = check_file(path, schema)
    assert result.findings == [], [f.message for f in result.findings]
    assert result.frame["customer_name"].iat[1] == "Müller Straße GmbH"
    assert result.frame["amount"].iat[0] == pytest.approx(rows[0]["amount"])
    assert result.subsidiary == "DE01"


def test_parallel_scan_finds_what_the_serial_scan_finds(monkeypatch, schema):
    """A big sheet is scanned in a thread while the reader works: same findings."""
    from desktop_app.core.reading import policy, xlsx

    problems = SAMPLES / "SE01_2026-Q4_pipeline_with_problems.xlsx"
    serial = check_file(problems, schema)
    started = []
    real = xlsx.scan_in_background
    monkeypatch.setattr(policy, "SCAN_BESIDE_FROM_BYTES", 0)
    monkeypatch.setattr(xlsx, "scan_in_background", lambda *a: started.append(a) or real(*a))
    parallel = check_file(problems, schema, policy=policy.SCAN_BESIDE)
    assert started
    assert [f.to_json() for f in parallel.findings] == [f.to_json() for f in serial.findings]
    assert any(f.code == "DQ3.excel_error" for f in parallel.findings)


def test_a_small_sheet_that_understates_its_range_is_refused_not_read(schema, base_rows, tmp_path):
    """<dimension> says A1:T11 but a cell sits at XFD1048576: the reader would abort the
    process, so the sheet's true extent is read first. Run in a child, to be safe."""
    import re
    import subprocess
    import sys
    import zipfile

    path = write_book(tmp_path / "SE01_2026-Q4.xlsx", schema, base_rows)
    lying = tmp_path / "SE01_2026-Q4_lying.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(lying, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert re.search(rb'<dimension ref="A1:T11"', data)
                far = (
                    b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
                )
                data = data.replace(b"</sheetData>", far + b"</sheetData>")
            out.writestr(item, data)
    proc = subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", "check", str(lying)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert "XFD1048576" in proc.stderr and "Traceback" not in proc.stderr


def _scans_beside_in_a_worker(path: str) -> tuple[bool, bool]:
    """Whether consolidation's check of path starts a scan beside the reader, though every
    sheet counts as big: as a worker checks it, and when told to scan beside."""
    from pathlib import Path

    from desktop_app.core.jobs.consolidate import check_submission
    from desktop_app.core.reading import policy, xlsx
    from desktop_app.core.schema.loading import load_schema

    started = []
    real = xlsx.scan_in_background
    policy.SCAN_BESIDE_FROM_BYTES = 0
    xlsx.scan_in_background = lambda *a: started.append(a) or real(*a)
    check_submission(Path(path), load_schema())
    as_worker = bool(started)
    check_submission(Path(path), load_schema(), policy.SCAN_BESIDE)
    return as_worker, len(started) > int(as_worker)


def test_a_worker_process_scans_itself_instead_of_scanning_beside_the_reader():
    """Consolidation checks files in worker processes, which keep the cores busy: a scan
    beside the reader would only take turns with the other workers."""
    import concurrent.futures
    import multiprocessing

    sample = str(SAMPLES / "SE01_2026-Q4_pipeline.xlsx")
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
        as_worker, told_to = pool.submit(_scans_beside_in_a_worker, sample).result(timeout=120)
    assert not as_worker
    assert told_to  # the hook sees a scan beside the reader when there is one


def test_the_windows_session_scans_before_it_reads(monkeypatch, schema):
    """The window holds edits: a big sheet is never read before its true extent is known."""
    from desktop_app.core.reading import policy, xlsx
    from desktop_app.core.session.working import WorkingSession

    started = []
    monkeypatch.setattr(policy, "SCAN_BESIDE_FROM_BYTES", 0)
    monkeypatch.setattr(xlsx, "scan_in_background", lambda *a: started.append(a))
    WorkingSession.open(SAMPLES / "SE01_2026-Q4_pipeline_with_problems.xlsx", schema)
    assert started == []


def test_a_workbook_read_in_a_child_gives_what_this_process_reads(schema, tmp_path):
    """IN_CHILD: the reader runs in a child process of its own and sends its rows back;
    the findings are the same, and a far cell is refused in the same sentence."""
    import multiprocessing

    from hostile_files import CASES

    from desktop_app.core.reading.policy import IN_CHILD

    problems = SAMPLES / "SE01_2026-Q4_pipeline_with_problems.xlsx"
    here = check_file(problems, schema)
    apart = check_file(problems, schema, policy=IN_CHILD)
    assert [f.to_json() for f in apart.findings] == [f.to_json() for f in here.findings]
    assert multiprocessing.active_children() == []
    with pytest.raises(ProblemForUser, match="XFD1048576, far beyond"):
        check_file(CASES["far_cell"].build(tmp_path), schema, policy=IN_CHILD)


def test_consolidation_checks_a_file_again_with_its_reader_in_a_child(monkeypatch, schema):
    """A file in flight when a reader took a worker down is checked again with IN_CHILD."""
    from desktop_app.core.jobs import consolidate
    from desktop_app.core.reading.policy import IN_CHILD

    policies = []
    real = consolidate.check_submission

    def check_submission(path, schema, policy=None):
        policies.append(policy)
        return real(path, schema, policy)

    monkeypatch.setattr(consolidate, "check_submission", check_submission)
    checked = consolidate._alone(SAMPLES / "SE01_2026-Q4_pipeline.xlsx", schema)
    assert policies == [IN_CHILD]
    assert checked.outcome.status == consolidate.TAKEN_IN and checked.outcome.rows > 0
