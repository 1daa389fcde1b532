"""The errors a person can cause or meet, kept apart from bugs.

    StintError            something the user should be told in one line
    ├── UsageError        a bad argument value (CLI exit 2)
    ├── NotFound          no task, entry, status or account by that name
    ├── Ambiguous         a reference matches several things
    └── Refused           the action breaks a rule (overlap, end before start, ...)

Anything else that escapes is a bug and is allowed to show a traceback in the log.
"""

from __future__ import annotations


class StintError(Exception):
    """An error whose message is fit to show the user as it is."""

    exit_code = 1


class UsageError(StintError):
    exit_code = 2


class NotFound(StintError):
    pass


class Ambiguous(StintError):
    pass


class Refused(StintError):
    pass
