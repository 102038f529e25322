"""A file being worked on in the window: the working session (edits, undo, incremental
re-checks driven only by what each rule declares: its checks' scopes, the columns they
read, their groups, and when only a full check will do) and the journal that keeps
edits across a crash.

Uses model, schema, reading and checking. Knows nothing of Qt; the window's session
controller wraps it.
"""
