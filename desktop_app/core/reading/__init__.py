"""A file on disk to a table of raw cells, in one forward pass: `source` is the entry point
(read_source) and chooses the reader by what `sniffing` finds the file really is; an
.xlsx's zip, opened there once, becomes the `package` (checked against `limits`,
relationships, workbook parts, styles), whose sheets `scan` streams through (errors,
formulas without a result, hidden rows, the true extent) before or beside the calamine
reader in `xlsx`, as the caller's `policy` (ReadPolicy) says; `csv_text` decodes CSV,
`legacy` reads .xls/.ods/.xlsb (or any workbook, when the policy says so) in a child
process, while `ods` streams an .ods's content.xml beside it (the facts `scan` finds);
`header` finds the header row (HeaderProbe) and `table` lays the rows out as a
SourceTable with the notes DQ1 reports.

Uses model and schema (for the limits and the header names). Knows nothing of the rules
or of writing files.
"""
