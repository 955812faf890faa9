"""The desktop program (PySide6). The only package that imports Qt; a thin layer over the core (docs/ARCHITECTURE.md)."""
