"""What an account's sync is doing, told apart — the one place that decides it, and
the words for it, for the tray (tooltip, menu, badge), the window's status bar and
`stint status` alike.

An account is in one of these states (`Health`); refused changes are counted
beside it, since an account can be up to date and still hold changes the server
refused:

    up to date       last sync at {when}, nothing waiting
    waiting          changes queued for the next cycle, nothing wrong
    not synced yet   added, no cycle has finished
    offline          the server cannot be reached (network down, refused, timed
                     out); the next try is at {when}
    server trouble   the server answered 5xx or 429, or something it should not
                     have: its own message, and the next try
    needs sign-in    the server refused the credentials (401)
    needs secret     the secret is not where the account says it is: the variable
                     the account reads is not set for this process (the desktop
                     app started from a menu has no shell's variables), or the
                     keyring holds nothing for it
    sync error       anything else (a server kind this version lacks, a bug)

The sync engine records the state in `account.state` (sync/engine.py); this module
only reads it. Words are English templates marked for translation (context
"SyncState"): the CLI formats them as they are, the desktop app translates the same
template first (ui/sync_words.py), so both say the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo
from enum import StrEnum
from types import MappingProxyType
from typing import NamedTuple

from .translatable import QT_TRANSLATE_NOOP

CONTEXT = "SyncState"
ENV_PREFIX = "env:"  # as stint.secrets writes an account's credential


class Health(StrEnum):
    UP_TO_DATE = "up_to_date"
    WAITING = "waiting"
    NEVER = "never"
    OFFLINE = "offline"
    SERVER_TROUBLE = "server_trouble"
    NEEDS_SIGNIN = "needs_signin"
    NEEDS_SECRET = "needs_secret"
    ERROR = "error"

    @property
    def needs_person(self) -> bool:
        """Only the person can end it: Sign in (a secret given again)."""
        return self in (Health.NEEDS_SIGNIN, Health.NEEDS_SECRET)

    @property
    def troubled(self) -> bool:
        """Sync is not happening; the engine tries again by itself."""
        return self in (Health.OFFLINE, Health.SERVER_TROUBLE, Health.ERROR)


# account.state as the sync engine writes it → Health (ok splits by the outbox).
STORED = {"offline": Health.OFFLINE, "server_trouble": Health.SERVER_TROUBLE,
          "needs_signin": Health.NEEDS_SIGNIN, "needs_secret": Health.NEEDS_SECRET, "error": Health.ERROR}


class AccountSync(NamedTuple):
    """The facts about one account that decide its state (read by the tray's
    sqlite3 snapshot and by `stint status` alike). NamedTuples, not dataclasses:
    `stint status` is a hot command, and dataclasses import inspect."""

    name: str
    state: str                      # account.state
    last_error: str | None = None
    last_sync: datetime | None = None
    next_try: datetime | None = None
    credential: str = "keyring"     # where its secret is: "keyring" or "env:VAR"
    pending: int = 0                # changes waiting to go out
    failed: int = 0                 # changes the server refused

    @property
    def health(self) -> Health:
        stored = STORED.get(self.state)
        if stored is not None:
            return stored
        if self.pending:
            return Health.WAITING
        return Health.UP_TO_DATE if self.last_sync is not None else Health.NEVER

    @property
    def variable(self) -> str | None:
        """The environment variable its secret is read from, if any."""
        return self.credential[len(ENV_PREFIX):] if self.credential.startswith(ENV_PREFIX) else None


class Words(NamedTuple):
    """A sentence to show: an English template marked for translation, and the
    values that fill it."""

    template: str
    values: Mapping[str, object] = MappingProxyType({})

    def english(self) -> str:
        return self.template.format(**self.values)


def _when(moment: datetime | None, tz: tzinfo, now: datetime) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(tz)
    return f"{local:%H:%M}" if local.date() == now.astimezone(tz).date() else f"{local:%Y-%m-%d %H:%M}"


def describe(account: AccountSync, tz: tzinfo, now: datetime) -> Words:
    """The one line that says how `account` syncs."""
    name, health = account.name, account.health
    when_next = _when(account.next_try, tz, now)
    message = account.last_error or ""
    if health is Health.UP_TO_DATE:
        return Words(QT_TRANSLATE_NOOP("SyncState", "{name}: up to date (last sync {when})"),
                     {"name": name, "when": _when(account.last_sync, tz, now)})
    if health is Health.WAITING:
        template = (QT_TRANSLATE_NOOP("SyncState", "{name}: {n} change waiting to sync") if account.pending == 1
                    else QT_TRANSLATE_NOOP("SyncState", "{name}: {n} changes waiting to sync"))
        return Words(template, {"name": name, "n": account.pending})
    if health is Health.NEVER:
        return Words(QT_TRANSLATE_NOOP("SyncState", "{name}: not synced yet"), {"name": name})
    if health is Health.OFFLINE:
        if when_next:
            return Words(QT_TRANSLATE_NOOP("SyncState", "{name}: offline — the server cannot be reached; "
                                                        "next try at {when}"), {"name": name, "when": when_next})
        return Words(QT_TRANSLATE_NOOP("SyncState", "{name}: offline — the server cannot be reached"),
                     {"name": name})
    if health is Health.SERVER_TROUBLE:
        if when_next:
            return Words(QT_TRANSLATE_NOOP("SyncState", "{name}: server trouble — {message}; next try at {when}"),
                         {"name": name, "message": message, "when": when_next})
        return Words(QT_TRANSLATE_NOOP("SyncState", "{name}: server trouble — {message}"),
                     {"name": name, "message": message})
    if health is Health.NEEDS_SIGNIN:
        return Words(QT_TRANSLATE_NOOP("SyncState", "{name}: needs sign-in — the server refused the saved "
                                                    "credentials"), {"name": name})
    if health is Health.NEEDS_SECRET:
        if account.variable:
            return Words(QT_TRANSLATE_NOOP("SyncState", "{name}: needs its secret — the variable {variable} is "
                                                        "not set for the app"),
                         {"name": name, "variable": account.variable})
        return Words(QT_TRANSLATE_NOOP("SyncState", "{name}: needs its secret — the system keyring has none "
                                                    "for it"), {"name": name})
    return Words(QT_TRANSLATE_NOOP("SyncState", "{name}: sync error — {message}"), {"name": name, "message": message})


def describe_refused(account: AccountSync) -> Words | None:
    """"N changes refused", when the server refused any of the account's changes."""
    if not account.failed:
        return None
    template = (QT_TRANSLATE_NOOP("SyncState", "{name}: {n} change refused by the server") if account.failed == 1
                else QT_TRANSLATE_NOOP("SyncState", "{name}: {n} changes refused by the server"))
    return Words(template, {"name": account.name, "n": account.failed})


def waiting(n: int) -> Words:
    """All accounts' changes still to go out, as one line."""
    return Words(QT_TRANSLATE_NOOP("SyncState", "{n} change waiting to sync") if n == 1
                 else QT_TRANSLATE_NOOP("SyncState", "{n} changes waiting to sync"), {"n": n})


class Badge(StrEnum):
    """What the tray draws on its clock when sync needs attention (worst first)."""

    SIGN_IN = "signin"     # an account needs sign-in or its secret
    REFUSED = "refused"    # the server refused changes: the person decides
    TROUBLE = "trouble"    # offline, server trouble, a sync error: it retries by itself


def badge(accounts: tuple[AccountSync, ...] | list[AccountSync]) -> Badge | None:
    healths = [a.health for a in accounts]
    if any(h.needs_person for h in healths):
        return Badge.SIGN_IN
    if any(a.failed for a in accounts):
        return Badge.REFUSED
    if any(h.troubled for h in healths):
        return Badge.TROUBLE
    return None


def summary(accounts: tuple[AccountSync, ...] | list[AccountSync]) -> Words:
    """A few words for all accounts together (the status bar's field)."""
    if not accounts:
        return Words(QT_TRANSLATE_NOOP("SyncState", "Local only"))
    worst = badge(accounts)
    healths = {a.health for a in accounts}
    if worst is Badge.SIGN_IN:
        if Health.NEEDS_SECRET in healths:
            return Words(QT_TRANSLATE_NOOP("SyncState", "Needs its secret"))
        return Words(QT_TRANSLATE_NOOP("SyncState", "Needs sign-in"))
    if worst is Badge.REFUSED:
        n = sum(a.failed for a in accounts)
        return Words(QT_TRANSLATE_NOOP("SyncState", "{n} change refused") if n == 1
                     else QT_TRANSLATE_NOOP("SyncState", "{n} changes refused"), {"n": n})
    if Health.SERVER_TROUBLE in healths:
        return Words(QT_TRANSLATE_NOOP("SyncState", "Server trouble"))
    if Health.OFFLINE in healths:
        return Words(QT_TRANSLATE_NOOP("SyncState", "Offline"))
    if Health.ERROR in healths:
        return Words(QT_TRANSLATE_NOOP("SyncState", "Sync error"))
    if Health.WAITING in healths:
        return Words(QT_TRANSLATE_NOOP("SyncState", "Waiting to sync"))
    if Health.NEVER in healths:
        return Words(QT_TRANSLATE_NOOP("SyncState", "Not synced yet"))
    return Words(QT_TRANSLATE_NOOP("SyncState", "Up to date"))
