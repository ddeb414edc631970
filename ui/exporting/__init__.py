"""Files written from the window: export, reports, printing, the format check."""
