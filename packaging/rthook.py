"""PyInstaller runtime hook: runs before Stint's code in the bundle.

fpdf2 warns on import when Pillow is missing; the bundle leaves Pillow out on purpose
(Stint's PDFs have no images), so the warning would only be noise on every export.
"""

import warnings

warnings.filterwarnings("ignore", message="Pillow could not be imported", category=UserWarning)
