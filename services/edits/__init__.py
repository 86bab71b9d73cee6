"""Edits and their history: one row, many rows with preview, the change log and undo, audit lines."""
