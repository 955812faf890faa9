"""Writers: one plain function per output format, each renders every document node."""
