"""Reusable widgets: field editors generated from questions, rich text editor, preview helpers."""
