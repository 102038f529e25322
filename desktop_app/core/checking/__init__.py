"""The nine data-quality rules and the engine that runs them over a table: parsing of
locale numbers and dates, money (conversion to EUR, stage totals), and `rules/` with one
module per rule.

Uses model, schema and reading (the engine reads the file it is asked to check); the
rules themselves use neither the readers, nor the schema store, nor the writers.
"""
