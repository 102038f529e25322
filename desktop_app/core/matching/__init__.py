"""Files that are not in the template's layout (a CRM's export, a sales person's own list):
finding the table in a sheet's rows, proposing for each template column the source column
that holds it (by header names in every language and CRM, and by what the values look
like, solved for all columns at once), mapping the source's list words onto the template's
values, and the matching itself as data (a small YAML file). Entry: `propose.propose`.

Uses model, schema (the `matching:` section: synonyms, value words, thresholds) and
reading (column letters); knows nothing of the rules, the session, the writers or Qt.
"""
