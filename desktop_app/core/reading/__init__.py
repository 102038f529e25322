"""A file on disk to a table of raw cells, in one forward pass: sniffing what the file
really is, the limits it must keep, the xlsx package and the scan of its sheet XML, the
readers (xlsx, csv, legacy formats in a child process), and finding the header row.

Uses model and schema (for the limits and the header names). Knows nothing of the rules
or of writing files.
"""
