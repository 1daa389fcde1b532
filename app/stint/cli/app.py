"""`stint` with no command: the desktop app."""

from __future__ import annotations

import gc

from .context import Context


def launch(ctx: Context) -> int:
    gc.enable()  # main() turned it off for short commands; the app runs for hours
    try:
        from ..ui.app import run_app
    except ImportError as exc:
        print(f"stint: the desktop app cannot start here: {exc}", file=ctx.err)
        return 1
    return run_app(ctx)
