from pathlib import Path

import pytest

from desktop_app.core.model.atomic import WriteRefused, atomic_path


def test_complete_write_lands(tmp_path):
    target = tmp_path / "out.txt"
    with atomic_path(target) as tmp:
        tmp.write_text("new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_interrupted_write_keeps_old_file_and_leaves_no_part(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("power cut")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_never_over_the_source(tmp_path):
    source = tmp_path / "src.xlsx"
    source.write_bytes(b"data")
    with pytest.raises(WriteRefused), atomic_path(source, protect=(source,)):
        pass
    assert source.read_bytes() == b"data"


def test_missing_folder_is_a_sentence(tmp_path):
    with (
        pytest.raises(WriteRefused, match="does not exist"),
        atomic_path(Path(tmp_path / "nope" / "x.txt")),
    ):
        pass


def test_written_file_gets_ordinary_permissions(tmp_path):
    import os
    import stat

    target = tmp_path / "out.txt"
    with atomic_path(target) as tmp:
        tmp.write_text("x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
