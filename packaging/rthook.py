"""PyInstaller runtime hook: runs in the bundle before Stint's own code.

- fpdf2 warns on import when Pillow is missing; the bundle leaves Pillow out on purpose
  (Stint's PDFs have no images), so the warning would only be noise on every export.
- Windows' windowed launcher (stintw.exe) starts with no console: sys.stdout and
  sys.stderr are None there, and the CLI layer writes to them (e.g. "already running").
"""

import os
import sys
import warnings

warnings.filterwarnings("ignore", message="Pillow could not be imported", category=UserWarning)

if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
