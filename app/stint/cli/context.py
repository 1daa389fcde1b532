"""What a command runs against: paths, settings, the store, the clock, the streams.

Everything heavy (SQLAlchemy, the migrations) is opened on first use, so that
`stint --version` or a usage error costs no database work.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import tzinfo
from functools import cached_property
from typing import TYPE_CHECKING, TextIO

from ..config import Paths, Settings, load_settings, paths
from ..domain.clock import Clock, SystemClock

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from ..accounts import Accounts
    from ..store.actions import Tracker


@dataclass
class Context:
    out: TextIO
    err: TextIO
    env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    clock: Clock = field(default_factory=SystemClock)
    engine_override: "Engine | None" = None
    # Makes the Accounts service for this context (tests: a fake server's transport,
    # a browser that follows the redirect); None = the real network and keyring.
    accounts_factory: "Callable[[Context], Accounts] | None" = None

    @cached_property
    def paths(self) -> Paths:
        return paths(dict(self.env))

    @cached_property
    def settings(self) -> Settings:
        return load_settings(self.paths.settings)

    @cached_property
    def tz(self) -> tzinfo:
        return self.settings.tz(self.env.get("TZ", ""))

    @cached_property
    def engine(self) -> "Engine":
        if self.engine_override is not None:
            return self.engine_override
        from ..store.db import open_engine

        return open_engine(self.paths.database)

    @cached_property
    def tracker(self) -> "Tracker":
        from ..store.actions import Tracker

        return Tracker(self.engine, self.clock, self.tz)

    def print(self, *parts: object) -> None:
        print(*parts, file=self.out)
