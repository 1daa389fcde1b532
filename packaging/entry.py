"""The bundle's entry point: the same lean start as the `stint` console script.

stint.__main__.main hands a hot command to a running app before importing the CLI,
starts the desktop app for a bare `stint`, and otherwise runs the CLI.
"""

import sys

from stint.__main__ import main

sys.exit(main())
