"""Importing a plan from a file: the worker, the preview and importing again."""
