"""Named loggers and the log files. Secrets never reach a log line: they are never
passed to a logger, and the redacting filter is a second line of defence — over the
message, and over a traceback or stack attached to the record, which carry the
values of exceptions' messages (a URL with a token in it, say).

Logs are the person's own (DESIGN invariant 7): the folder is 0700 and every log
file, rotated ones included, 0600.
"""

from __future__ import annotations

import logging
import traceback
from datetime import datetime, timezone
from logging.handlers import RotatingFileHandler
from pathlib import Path

from .private import opener, private_dir, tighten

_SECRETS: set[str] = set()
LOG_FILES = ("stint.log", "crash.log")


def register_secret(value: str) -> None:
    """Make sure `value` is replaced by *** in every log record from now on."""
    if value and len(value) >= 4:
        _SECRETS.add(value)


def redact(text: str) -> str:
    """`text` with every registered secret replaced by ***."""
    # Longest first: a secret that contains another is not left half-redacted.
    for secret in sorted(_SECRETS, key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not _SECRETS:
            return True
        record.msg, record.args = redact(record.getMessage()), None
        if record.exc_info and not record.exc_text:
            # Formatted here, so that every formatter uses this redacted text (a
            # Formatter formats exc_info only when exc_text is not set yet).
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class PrivateFileHandler(RotatingFileHandler):
    """A rotating log whose files (the current one and each new one after a
    rollover) are created 0600."""

    def _open(self):  # type: ignore[no-untyped-def]
        return open(self.baseFilename, self.mode, encoding=self.encoding, errors=self.errors, opener=opener)


def setup(log_dir: Path, level: int = logging.INFO) -> None:
    private_dir(log_dir)
    tighten_logs(log_dir)
    handler = PrivateFileHandler(log_dir / "stint.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets())
    root = logging.getLogger("stint")
    root.setLevel(level)
    for old in [h for h in root.handlers if getattr(h, "stint_log_file", False)]:
        root.removeHandler(old)  # one log file per process, wherever setup was called last
        old.close()
    handler.stint_log_file = True  # type: ignore[attr-defined]
    root.addHandler(handler)


def tighten_logs(log_dir: Path) -> list[Path]:
    """Make the log files in `log_dir` (rotated ones too) 0600; the ones changed."""
    changed = []
    try:
        names = [p for p in log_dir.iterdir() if p.name.startswith(LOG_FILES)]
    except OSError:
        return changed
    for path in names:
        if tighten(path):
            changed.append(path)
    return changed


def log_crash(log_dir: Path, exc: BaseException) -> Path:
    """Append a traceback to crash.log and return its path."""
    try:
        private_dir(log_dir)
        path = log_dir / "crash.log"
        tighten(path)
        text = redact("".join(traceback.format_exception(exc)))
        with open(path, "a", encoding="utf-8", opener=opener) as handle:
            handle.write(f"--- {datetime.now(timezone.utc).isoformat()}\n{text}\n")
        return path
    except OSError:
        return Path("(log not writable)")
