"""Data packets between township and county (models/exchange/) from the window."""
