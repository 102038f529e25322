"""The nine data-quality rules and the engine that runs them over a table: parsing of
locale numbers and dates, money (conversion to EUR, stage totals), the file context
(whose file, which period: settled before any rule runs, and the schema resolved for
that subsidiary), which rows are not opportunities (`row_kinds`: blank, totals and
subtotal rows, notes; each row judged alone, by the schema's words and columns), the
rule protocol (`rule`: what each rule reads and its scope, from which the engine and the
working session drive checks and re-checks), and `rules/` with one module per rule,
each declaring its SPEC.

Uses model, schema and reading (the engine reads the file it is asked to check); the
rules themselves use neither the readers, nor the schema store, nor the writers: what
the user keeps (earlier schema versions) comes in with the schema, from the caller.
"""
