"""The global reporting template as data.

    model       what the schema file holds (pydantic models), each key checking its values
    validation  what ties the file together, and the columns the program needs by name
    loading     YAML text to a TemplateSchema, or one sentence naming file, line and key
    definition  TemplateSchema: the schema as the program uses it, with its lookups and
                subsidiary variants
    diff        what changed between two versions, in plain words
    store       the versions kept in the user's data folder, and the version in use
    userdata    where the user's data folder is
    signing     Ed25519 keys and signatures: which schema files come from the global team
    channel     the folder the global team publishes to; taking its newer signed versions

Uses the model layer only. Rules get a schema that is already loaded and resolved for
the subsidiary; only the store, signing and channel read the user's data folder. Every
sentence comes from the catalogue (resources/messages/*/schema.yaml, channel.yaml).
"""
