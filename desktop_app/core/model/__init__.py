"""The shared vocabulary every layer speaks: findings, edits, periods, errors for a person,
the message catalogue, progress and cancelling, atomic file writes.

Owns no I/O but the catalogue's reading and writing a file into place. Uses nothing of
the core; every other layer may use it.
"""
