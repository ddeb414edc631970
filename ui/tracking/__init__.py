"""Tracking: task table, due list, checkpoints, task history, search, units, feedback."""
