"""Starting the window from the command line, the screenshot, Help, About and the task runner."""

from __future__ import annotations

import gc
import threading

import pytest
from PySide6.QtGui import QImage

from desktop_app.cli import main
from desktop_app.core.model.errors import ProblemForUser
from desktop_app.core.model.progress import Progress
from desktop_app.gui.help_panel import help_html, versions
from desktop_app.gui.tasks import TaskRunner


def test_screenshot_opens_checks_saves_and_exits(qapp, problems_path, tmp_path):
    out = tmp_path / "shot.png"
    assert main(["gui", str(problems_path), "--screenshot", str(out)]) == 0
    image = QImage(str(out))
    assert image.width() >= 1200 and image.height() >= 800


def test_screenshot_of_an_unreadable_file_fails_with_one_line(qapp, tmp_path, capsys):
    broken = tmp_path / "broken.xlsx"
    broken.write_text("not a workbook")
    assert main(["gui", str(broken), "--screenshot", str(tmp_path / "shot.png")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("template-checker: ") and "broken.xlsx" in err
    assert not (tmp_path / "shot.png").exists()


def test_a_file_alone_on_the_command_line_opens_the_window(monkeypatch, problems_path):
    seen = {}
    monkeypatch.setattr(
        "desktop_app.gui.app.run_gui", lambda args: seen.setdefault("args", args) and 0
    )
    main([str(problems_path)])
    assert seen["args"].command == "gui" and seen["args"].file == str(problems_path)


def test_help_explains_each_rule_with_an_example(schema):
    page = help_html(schema)
    for rule in ("DQ1", "DQ5", "DQ9"):
        assert f"<h3>{rule} " in page
    assert (
        "&quot;Negotiaton&quot; is not an allowed Stage; did you mean &quot;Negotiate&quot;?"
        in page
    )
    assert "Closed Lost</td><td>0–0 %" in page  # the sales process, from the schema


def test_about_names_the_versions(schema):
    found = dict(versions(schema))
    assert found["Schema"] == "global-pipeline 2026.2"
    assert found["Template Checker"]
    assert "PySide6 / Qt" in found


def test_a_task_reports_its_outcome(qtbot):
    task = TaskRunner()
    steps = []
    task.progressed.connect(lambda label, fraction: steps.append((label, fraction)))
    with qtbot.waitSignal(task.finished, timeout=5_000) as blocker:
        task.start(lambda progress: progress.step("half", 0.5) or 42)
    assert blocker.args == [42]
    assert steps == [("half", 0.5)]
    assert gc.isenabled()


@pytest.mark.parametrize(
    ("error", "sentence"),
    [
        (
            ProblemForUser("x.xlsx is empty (0 bytes); choose the filled-in workbook."),
            "x.xlsx is empty",
        ),
        (ZeroDivisionError("boom"), "Something unexpected went wrong (ZeroDivisionError: boom)"),
    ],
)
def test_a_failing_task_always_reaches_the_person(qtbot, error, sentence, capsys):
    def job(progress: Progress):
        raise error

    task = TaskRunner()
    with qtbot.waitSignal(task.failed, timeout=5_000) as blocker:
        task.start(job)
    assert blocker.args[0].startswith(sentence)
    assert gc.isenabled()


def test_a_cancelled_task_says_so(qtbot):
    cancel_asked = threading.Event()

    def job(progress: Progress):
        cancel_asked.wait(5)
        progress.step("never", 0.1)

    task = TaskRunner()
    with qtbot.waitSignal(task.cancelled, timeout=5_000):
        task.start(job)
        task.cancel()
        cancel_asked.set()
    assert not task.running
