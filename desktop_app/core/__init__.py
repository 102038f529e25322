"""The engine, without Qt: everything the window and the command line do, in layers.

From the bottom up (a layer may use the layers below it, never those above; the contracts
in pyproject.toml are checked by `lint-imports` in `make test`):

    model      the shared vocabulary: findings, edits, periods, errors, catalogue, progress
    schema     the global template as data: loading, validation, diff, kept versions
    reading    a file, opened once, to a table of raw cells
    matching   a table not in the template's layout (a CRM export) onto the template
    checking   the nine rules over that table, and the engine that runs them
    session    a file being worked on: edits, incremental re-checks, the crash journal
    output     files we write: submission, annotated copy, reports, blank template
    jobs       the global team's work over many files: consolidation, verification
"""
