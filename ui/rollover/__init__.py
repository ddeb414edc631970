"""Rollover of a plan to the next year, and the comparison of two plans."""
