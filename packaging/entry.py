"""The bundle's entry point: the same lean start as the `stint` console script.

stint.handoff.main hands a hot command to a running app before importing the CLI,
and otherwise runs the full CLI (no arguments: the desktop app).
"""

import sys

from stint.handoff import main

sys.exit(main())
