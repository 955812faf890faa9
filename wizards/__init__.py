"""Konzeptassistent core: wizard definitions, project files, assembly, layout and writers.

This package never imports Qt (a test enforces it); the desktop UI builds on it. The data
flow, the rules of the house and a module map: docs/ARCHITECTURE.md.
"""
__version__ = "0.1.0"
