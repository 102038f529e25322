"""Files we write.

    xlsx_stream    the streaming .xlsx writer for big sheets (xlsx_parts: the package's
                   other parts and each sheet's frame)
    export         the clean submission file (xlsx or CSV) and its data hash
    workbook_copy  a copy of the person's own workbook, part by part, with a few cells
                   patched (copy_sheet: the sheet streamed; copy_parts: styles, relationships,
                   content types; copy_notes: comments and their VML; copy_added: a new sheet)
    annotate       the annotated copy of the person's workbook (made by workbook_copy)
    fixed_copy     the fixed copy of the person's workbook (made by workbook_copy; for a
                   CSV/.xls/.ods an .xlsx of its sheet); fixed_cells: which cells change
                   and what they hold, from the check and the window's edits
    report_text    the text summary the command line prints
    report_html    the one-page HTML report
    template       the blank template with drop-down lists and input hints

Uses model, schema and checking (results to write; checking.money fills amount_eur).
Never imports the readers: what a writer needs of the source comes in as data. Every
sentence comes from the catalogue (resources/messages/*/output.yaml); the submission
file's own labels (the Submission, Changes and Warnings sheets) stay English, since
`verify` and the global team read them back.
"""
