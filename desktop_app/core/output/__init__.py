"""Files we write: the streaming xlsx writer, the submission export, the annotated copy,
the text and HTML reports, the blank template.

Uses model, schema and checking (results to write). Never imports the readers: what a
writer needs of the source comes in as data.
"""
