"""`stint` with no command: the desktop app."""

from __future__ import annotations

import gc

from .context import Context


def launch(ctx: Context, then: str | None = None) -> int:
    """Run the desktop app; `then="pick"` opens its task search once it is up."""
    gc.enable()  # main() turned it off for short commands; the app runs for hours
    try:
        from ..ui.app import run_app
    except ImportError as exc:
        print(f"stint: the desktop app cannot start here: {exc}", file=ctx.err)
        return 1
    return run_app(ctx, then=then)
