"""Storage of a PlanDesk file: connection, schema, opening, settings, backups, checks, lock."""
