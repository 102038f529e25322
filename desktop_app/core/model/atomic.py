"""Write files so that they are either complete or absent: never half-written.

Everything the program writes goes to a temporary file in the target folder and is
moved into place only once it is complete (os.replace is atomic on one volume), so
an interrupted export leaves the old file, if any, intact.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from desktop_app.core.model.errors import ProblemForUser


class WriteRefused(ProblemForUser):
    """The target cannot be written (it is the source, or the folder is not writable)."""


@contextlib.contextmanager
def atomic_path(
    target: str | Path, *, protect: tuple[str | Path, ...] = (), mode: int | None = None
) -> Iterator[Path]:
    """Yield a temporary path beside target; on success move it onto target.

    `protect` lists files that must never be overwritten (the source workbook); `mode`
    the permissions it gets (default: those a new file gets; 0o600 keeps a private key
    private from the first byte on, since the temporary file is made owner-only).
    """
    target = Path(target)
    for p in protect:
        if Path(p).exists() and target.exists() and target.resolve() == Path(p).resolve():
            raise WriteRefused("model.write_over_source", file=target.name)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise WriteRefused("model.no_such_folder", folder=str(folder))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        # mkstemp makes the file private (0600); give it the permissions a new file gets
        os.chmod(tmp_path, 0o666 & ~_umask() if mode is None else mode)
        os.replace(tmp_path, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
