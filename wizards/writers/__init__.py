"""Writers: one per output format, each renders every node of the laid-out document tree.

They take no layout decision (``wizards.layout`` does, once); see docs/ARCHITECTURE.md.
"""
