"""Konzeptassistent core: wizard definitions, project files, assembly and writers.

This package never imports Qt (a test enforces it); the desktop UI builds on it.
"""
__version__ = "0.1.0"
