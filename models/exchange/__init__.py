"""Exchange between offices: change packets (.pdx) built on SQLite's session extension.

A township sends the changes of its own rows to the county (and back); rows are matched by
their global uuid, never by the local integer ids. ``travel`` declares which tables travel
and is imported by the migrations, so it must not import APSW; ``packet``, ``outgoing`` and
``incoming`` do.
"""
