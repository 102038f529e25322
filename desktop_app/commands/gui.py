"""`template-checker gui [FILE]` (and no command at all): the window."""

from __future__ import annotations

from desktop_app.core.model.errors import ProblemForUser


def add_parser(sub) -> None:
    p = sub.add_parser("gui", help="open the window (optionally on FILE)")
    p.add_argument("file", nargs="?")
    p.add_argument("--schema")
    p.add_argument(
        "--screenshot",
        metavar="OUT.png",
        help=(
            "save a screenshot once the check is done, print the banner's text and the "
            "status bar's schema line (one line each), then exit"
        ),
    )


def run(args) -> int:
    try:
        from desktop_app.gui.app import run_gui
    except ImportError as exc:
        raise ProblemForUser(
            f"The window cannot start ({exc}); the command line still works (template-checker --help)."
        ) from None
    return run_gui(args)
