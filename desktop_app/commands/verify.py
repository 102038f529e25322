"""`template-checker verify SUBMISSION.xlsx`: exit 0 unchanged since its check, 1 changed, 2 unreadable."""

from __future__ import annotations

import sys

from desktop_app.commands import EXIT_ERRORS, EXIT_OK


def add_parser(sub) -> None:
    p = sub.add_parser("verify", help="say whether a submission file was changed after its check")
    p.add_argument("file", help="a submission file written by `template-checker export`")


def run(args) -> int:
    from desktop_app.core.jobs.verify import verify_submission

    result = verify_submission(args.file)
    sys.stdout.write(result.message + "\n")
    return EXIT_ERRORS if result.changed else EXIT_OK
