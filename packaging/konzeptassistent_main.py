"""Entry script of the frozen program (PyInstaller needs a file, not ``-m desktop``)."""
import sys

from desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main(end_after_command=True))
