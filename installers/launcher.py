"""Entry point of the frozen bundle: the same ``main`` the ``visitapp`` console script calls."""

import sys

from ui.cli import main

if __name__ == "__main__":
    sys.exit(main())
