"""Pure helpers with no Django models: checksums, formatting, environment parsing."""
