"""Accounts and sync: account add/list/remove/signin, sync, reconcile.

No command prints a secret: tokens come in on stdin or from an environment
variable named on the command line, and only where they live is ever shown.
What each server kind takes (its ways to sign in, its options) comes from the
registry, stint.backends.kinds: `account add --help` lists it, and a sign-in the
kind does not offer is a usage error before anything is read or sent. The
registry is imported only by these commands, never on the hot ones' path.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from ..domain.errors import UsageError
from ..logs import register_secret
from ..services import Services
from . import render

if TYPE_CHECKING:
    from ..accounts import Accounts
    from ..backends.kinds import Kind, SignIn


def register(sub: Any) -> None:
    p = sub.add_parser("account", help="task servers: add, list, remove, sign in again")
    acc = p.add_subparsers(dest="account_command", metavar="ACTION", parser_class=type(p))
    a = acc.add_parser("add", help="add a server account (checks the URL and token first)", add_help=False,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("-h", "--help", action=_HelpWithKinds, help="show this help, with every kind, and exit")
    a.add_argument("name")
    a.add_argument("--kind", required=True, help="the kind of server (listed below)")
    a.add_argument("--url", required=True, metavar="BASE_URL", help="the API root (an example for each kind below)")
    _token_args(a)
    a.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                   help="a server option, e.g. project=web or activity=9 (repeatable)")
    a.add_argument("--allow-insecure", action="store_true", help="allow plain http to a non-local host")
    a.set_defaults(handler=cmd_add)
    a = acc.add_parser("signin", help="give an account a new token")
    a.add_argument("name")
    _token_args(a)
    a.set_defaults(handler=cmd_signin)
    a = acc.add_parser("list", help="list accounts")
    a.add_argument("--json", action="store_true", help="print it as JSON")
    a.set_defaults(handler=cmd_list)
    a = acc.add_parser("remove", help="remove an account with its tasks, entries and queued changes")
    a.add_argument("name")
    a.set_defaults(handler=cmd_remove)
    p.set_defaults(handler=lambda ctx, args: _usage("stint account: give an action (add, list, remove, signin)"))

    p = sub.add_parser("sync", help="push queued changes and pull from every account now")
    p.add_argument("--account", default=None)
    p.add_argument("--json", action="store_true", help="print it as JSON")
    p.set_defaults(handler=cmd_sync)

    p = sub.add_parser("reconcile", help="local time vs the server's, per task and day")
    p.add_argument("--week", default=None, metavar="WEEK", help="2026-W47, this or last (default: this)")
    p.add_argument("--json", action="store_true", help="print it as JSON")
    p.set_defaults(handler=cmd_reconcile)


def _usage(message: str) -> int:
    raise UsageError(message)


class _HelpWithKinds(argparse.Action):
    """-h for `account add`: the help, then each kind the registry holds."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS,
                 default: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        from ..backends.kinds import KINDS

        parser.epilog = kinds_help(KINDS)
        parser.print_help()
        parser.exit()


_FLAGS = {"token": "--token-stdin | --token-env VAR",
          "password": "--username NAME --password-stdin | --password-env VAR",
          "browser": "--oauth"}


def kinds_help(kinds: "dict[str, Kind]") -> str:
    lines = ["kinds:"]
    for name, spec in kinds.items():
        lines.append(f"  {name:<12}{spec.label}, e.g. --url {spec.url_hint}")
        for n, (what, flags) in enumerate(_ways(spec)):
            lines.append(f"  {'':<12}{'sign in with' if n == 0 else '  or with'} {what}: {flags}")
        for option, facts in spec.option_fields.items():
            if facts.listed:
                lines.append(f"  {'':<12}--option {option + '=...':<16} {facts.hint}")
    return "\n".join(lines)


def _ways(spec: "Kind") -> list[tuple[str, str]]:
    """How a kind is signed in to: (what the person gives, the flags that give it)."""
    what = {"token": f"its {spec.token_name}", "password": "a password",
            "browser": "the browser"}
    return [(what[way], _FLAGS[way]) for way in spec.sign_ins]


def _ways_told(spec: "Kind") -> str:
    return ", or ".join(f"{what} ({flags})" for what, flags in _ways(spec))


def _token_args(p: argparse.ArgumentParser) -> None:
    # One of the group, or --oauth (alone, or with --password-stdin for a client secret).
    g = p.add_mutually_exclusive_group()
    g.add_argument("--token-stdin", action="store_true", help="read the token from stdin; keep it in the OS keyring")
    g.add_argument("--token-env", metavar="VAR", help="read the token from $VAR at each use; never stored")
    g.add_argument("--password-stdin", action="store_true",
                   help="with --username: read the password from stdin; keep the sign-in in the OS keyring. "
                        "With --oauth: read the app's client secret from stdin (confidential clients only)")
    g.add_argument("--password-env", metavar="VAR", help="with --username: read the password from $VAR at each use")
    p.add_argument("--username", default=None, help="sign in with a username (or e-mail) and password")
    p.add_argument("--oauth", action="store_true",
                   help="sign in in the browser, where the kind offers it (the app's client id as "
                        "--option client_id=ID when adding): the address is printed and opened, the "
                        "answer comes back to 127.0.0.1 on this machine, and the tokens are kept (and "
                        "refreshed) in the OS keyring")


def accounts_service(ctx: Services) -> "Accounts":
    return ctx.accounts(show_url=lambda url: _show_url(ctx, url))


def _show_url(ctx: Services, url: str) -> None:
    # Printed as well as opened: with no browser here the person can still copy it.
    print(f"stint: sign in at this address (opening it in your browser; waiting up to 5 minutes):\n{url}",
          file=ctx.err, flush=True)


def _offered(kind: str, spec: "Kind", args: argparse.Namespace) -> None:
    """A sign-in `kind` does not offer, or none at all, is a usage error naming
    the ways it does offer: before stdin is read or a browser opened."""
    token = bool(args.token_stdin or args.token_env)
    password = bool(args.username or args.password_env or (args.password_stdin and not args.oauth))
    if args.oauth and "browser" not in spec.sign_ins:
        raise UsageError(f"{kind} has no browser sign-in; it signs in with {_ways_told(spec)}")
    if token and "token" not in spec.sign_ins:
        raise UsageError(f"{kind} takes no token; it signs in with {_ways_told(spec)}")
    if password and "password" not in spec.sign_ins:
        raise UsageError(f"{kind} takes no username and password; it signs in with {_ways_told(spec)}")
    if not (token or password or args.oauth):
        raise UsageError(f"say how to sign in: {kind} signs in with {_ways_told(spec)}")


def _given(ctx: Services, args: argparse.Namespace) -> "SignIn":
    """What the person gave to sign in, and where it is kept ("keyring" or env:VAR)."""
    from ..secrets import KEYRING, env_credential

    if args.oauth:
        return _given_oauth(args)
    password = args.password_stdin or args.password_env
    if password and not args.username:
        raise UsageError("--password-stdin and --password-env need --username")
    if args.username and not password:
        raise UsageError("--username needs --password-stdin or --password-env")
    var = args.token_env or args.password_env
    if var:
        credential = env_credential(var)
        value = ctx.env.get(var, "")
        if not value:
            raise UsageError(f"environment variable {var} is not set")
    else:
        credential = KEYRING
        value = sys.stdin.readline().rstrip("\r\n")
        if not value.strip():
            raise UsageError("no password on stdin" if password else "no token on stdin")
    register_secret(value)
    from ..backends.kinds import SignIn

    if password:
        return SignIn(username=args.username, password=value, credential=credential)
    return SignIn(token=value.strip(), credential=credential)


def _given_oauth(args: argparse.Namespace) -> "SignIn":
    from ..secrets import KEYRING

    if args.token_stdin or args.token_env or args.password_env or args.username:
        raise UsageError("--oauth signs in in the browser: no token or username with it "
                         "(a client secret comes on stdin with --password-stdin)")
    secret = None
    if args.password_stdin:
        secret = sys.stdin.readline().strip()
        if not secret:
            raise UsageError("no client secret on stdin")
        register_secret(secret)
    from ..backends.kinds import SignIn

    return SignIn(oauth=True, client_secret=secret, credential=KEYRING)


def _options(pairs: list[str]) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"not KEY=VALUE: {pair!r}")
        options[key.strip()] = value.strip()
    return options


def cmd_add(ctx: Services, args: argparse.Namespace) -> int:
    from ..backends.kinds import kind_named
    from ..secrets import KEYRING

    service = accounts_service(ctx)
    _offered(args.kind, kind_named(service.kinds, args.kind), args)
    _keyring_first(service, args)
    options = _options(args.option)
    given = _given(ctx, args)
    added = service.add(args.name, args.kind, args.url, given, options=options, allow_insecure=args.allow_insecure)
    where = "the OS keyring" if given.credential == KEYRING else f"${given.credential[4:]}"
    what = "browser sign-in" if given.oauth else "sign-in" if given.password else "token"
    ctx.print(f"added {added.account.name} ({added.account.kind}, {added.account.base_url}) as {added.who}: "
              f"{added.statuses} statuses, {added.tasks} tasks; {what} in {where}")
    if added.skipped:
        from ..sync.unreadable import summary

        ctx.print(render.clean(summary(added.account.name, list(added.skipped))))
    return 0


def _keyring_first(service: "Accounts", args: argparse.Namespace) -> None:
    """Before stdin is read or a browser opened: nothing to throw away."""
    from ..backends.kinds import NO_OAUTH_KEYRING
    from ..domain.errors import Refused
    from ..secrets import NO_KEYRING, NO_KEYRING_PASSWORD

    if (args.token_stdin or args.password_stdin or args.oauth) and not service.secrets.available():
        raise Refused(NO_OAUTH_KEYRING if args.oauth
                      else NO_KEYRING_PASSWORD if args.password_stdin else NO_KEYRING)


def cmd_signin(ctx: Services, args: argparse.Namespace) -> int:
    service = accounts_service(ctx)
    kind = service.get(args.name).kind
    if kind in service.kinds:  # else sign_in says this version cannot use it
        _offered(kind, service.kinds[kind], args)
    _keyring_first(service, args)
    given = _given(ctx, args)
    who = service.sign_in(args.name, given)
    ctx.print(f"{args.name}: signed in as {who}; queued changes will be sent at the next sync")
    return 0


def cmd_list(ctx: Services, args: argparse.Namespace) -> int:
    infos = accounts_service(ctx).list()
    if args.json:
        render.dump_json([i.as_json() for i in infos], ctx.out)
        return 0
    if not infos:
        ctx.print("no accounts (add one with `stint account add NAME --kind wapify --url URL --token-stdin`)")
        return 0
    rows = [(i.name, i.kind, i.base_url, i.credential, i.state, i.last_error or "") for i in infos]
    render.table(("NAME", "KIND", "URL", "TOKEN", "STATE", "LAST ERROR"), rows, ctx.out)
    return 0


def cmd_remove(ctx: Services, args: argparse.Namespace) -> int:
    removed = accounts_service(ctx).remove(args.name)
    ctx.print(f"removed {removed.name}: {removed.tasks} tasks, {removed.entries} entries, "
              f"{removed.ops} queued changes, and its token")
    return 0


def cmd_sync(ctx: Services, args: argparse.Namespace) -> int:
    from .advice import signin_advice

    report = ctx.sync_engine().run_once(force=True, accounts=[args.account] if args.account else None)
    if args.account and not report.accounts:
        raise UsageError(f"no account named {args.account!r}")
    if args.json:
        render.dump_json(report.as_json(), ctx.out)
        return 0 if report.ok else 1
    if not report.accounts:
        ctx.print(report.lines()[0])
    infos = {i.name: i for i in accounts_service(ctx).list()}
    for account in report.accounts:
        for line in account.lines():
            ctx.print(render.clean_line(line))
        info = infos.get(account.account)
        if account.state == "needs_signin" and info is not None:
            ctx.print("  sign in again: " + render.clean(signin_advice(info.name, info.credential, info.options)))
    return 0 if report.ok else 1


def cmd_reconcile(ctx: Services, args: argparse.Namespace) -> int:
    from ..domain.weeks import make_week
    from ..domain.when import parse_week
    from ..sync.compare import compare_week

    year, number = parse_week(args.week, ctx.tz, ctx.clock.now())
    week = make_week(year, number, ctx.tz, ctx.settings.week_start)
    service = accounts_service(ctx)
    try:
        result = compare_week(ctx.engine, service.backend_for, week, ctx.clock)
    finally:
        service.close()
    if args.json:
        render.dump_json(result.as_json(), ctx.out)
    else:
        rows = [(r.day.isoformat() if r.day else "total", r.account, r.task, render.duration(r.local_seconds),
                 render.duration(r.server_seconds) if r.server_seconds is not None else "?",
                 _signed(r.difference), r.why) for r in result.rows]
        render.table(("DAY", "ACCOUNT", "TASK", "LOCAL", "SERVER", "DIFF", "WHY"), rows, ctx.out)
        for error in result.errors:
            print(f"stint: {render.clean(error)}", file=ctx.err)
    return 1 if result.errors else 0


def _signed(seconds: int | None) -> str:
    if seconds is None:
        return "?"
    return ("+" if seconds > 0 else "-" if seconds < 0 else "") + render.duration(abs(seconds))
