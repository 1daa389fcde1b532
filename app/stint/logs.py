"""Named loggers and the log file. Secrets never reach a log line: they are never
passed to a logger, and the redacting filter is a second line of defence."""

from __future__ import annotations

import logging
import traceback
from datetime import datetime, timezone
from logging.handlers import RotatingFileHandler
from pathlib import Path

_SECRETS: set[str] = set()


def register_secret(value: str) -> None:
    """Make sure `value` is replaced by *** in every log record from now on."""
    if value and len(value) >= 4:
        _SECRETS.add(value)


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if _SECRETS:
            message = record.getMessage()
            for secret in _SECRETS:
                message = message.replace(secret, "***")
            record.msg, record.args = message, None
        return True


def setup(log_dir: Path, level: int = logging.INFO) -> None:
    log_dir.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(log_dir / "stint.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets())
    root = logging.getLogger("stint")
    root.setLevel(level)
    for old in [h for h in root.handlers if getattr(h, "stint_log_file", False)]:
        root.removeHandler(old)  # one log file per process, wherever setup was called last
        old.close()
    handler.stint_log_file = True  # type: ignore[attr-defined]
    root.addHandler(handler)


def log_crash(log_dir: Path, exc: BaseException) -> Path:
    """Append a traceback to crash.log and return its path."""
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / "crash.log"
        text = "".join(traceback.format_exception(exc))
        for secret in _SECRETS:
            text = text.replace(secret, "***")
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now(timezone.utc).isoformat()}\n{text}\n")
        return path
    except OSError:
        return Path("(log not writable)")
