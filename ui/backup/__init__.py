"""Backup and restore, the write lock, the file guard and read-only database jobs."""
