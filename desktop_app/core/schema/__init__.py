"""The global reporting template as data: the schema's model, loading and validation,
subsidiary variants, the plain-words diff between versions, and the kept versions (store).

Uses model only. Rules get a schema that is already loaded and resolved for the
subsidiary; only the store reads the user's data folder.
"""
