"""Undo commands: every change the GUI makes to the database is one of these."""
