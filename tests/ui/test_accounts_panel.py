"""The settings dialog's accounts: add one of every kind through the dialog, test
without storing, a bad credential inline, sign in again, the fields per kind.

The servers are the CLI tests' fakes (tests/cli/test_account_kinds_cli.py: each
kind's fake or handler behind httpx.MockTransport), reached through
the Services' collaborators (transport, an in-memory keyring); the same rows, read as the
dialog's fields instead of CLI flags. Whama's browser sign-in is played by an
opener that follows the redirect to the loopback listener. Waits are on signals."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import logging  # noqa: E402
from collections.abc import Callable  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from sqlalchemy import func, select, update  # noqa: E402

from stint.backends.kinds import SignIn  # noqa: E402
from stint.domain.clock import FixedClock  # noqa: E402
from stint.services import Services  # noqa: E402
from stint.store.db import transaction  # noqa: E402
from stint.store.models import Account, Task  # noqa: E402
from stint.ui.account_dialog import AccountDialog  # noqa: E402
from stint.ui.accounts_panel import AccountsPanel  # noqa: E402
from tests.cli.test_account_kinds_cli import BAD, CASES, Case, NoKeyring, _case  # noqa: E402
from tests.fakes.gipo import FakeGipo  # noqa: E402
from tests.fakes.wapify import FakeWapify  # noqa: E402
from tests.sync.kinds import T0, MemorySecrets  # noqa: E402

from .window_fixtures import services  # noqa: E402,F401

WAIT = 15_000  # ms; a signal, not a sleep: a fast machine does not wait


def ui_case(name: str) -> Case:
    if name == "wapify":
        wp = FakeWapify(clock=FixedClock(T0))
        wp.web_create_task("Landing page")
        return Case("wapify", wp.base_url, wp.transport(), ("--token-stdin",), wp.token + "\n",
                    secrets=(wp.token,))
    return _case(name)


@dataclass
class World:
    """The panel, its Accounts made from the case's fake and a memory keyring."""

    services: Any
    qtbot: Any
    transport: Any = None
    secrets: MemorySecrets = field(default_factory=MemorySecrets)
    env: dict[str, str] = field(default_factory=dict)
    open_browser: Callable[[str], Any] | None = None
    panel: AccountsPanel = field(init=False)

    def __post_init__(self) -> None:
        base = self.services
        # The fixture's store and bridge, with this case's server, keyring and browser.
        self.services = Services(env={**base.env, **self.env}, clock=base.clock, settings=base.settings,
                                 engine=base.engine, secrets=self.secrets, transport=self.transport,
                                 open_browser=self.open_browser, bridge=base.bridge)
        self.panel = AccountsPanel(self.services)
        self.qtbot.addWidget(self.panel)
        self.panel.show()

    def open_add(self) -> AccountDialog:
        self.panel.add_button.click()
        assert self.panel.dialog is not None and self.panel.dialog.isVisible()
        return self.panel.dialog

    def listed(self) -> list[str]:
        table = self.panel.table
        return [table.item(r, 0).text() for r in range(table.rowCount())]

    def stored(self) -> list[tuple[str, str, str, str, int]]:
        with transaction(self.services.engine) as s:
            tasks = (select(func.count()).select_from(Task).where(Task.account_id == Account.id)
                     .scalar_subquery())
            return [tuple(row) for row in s.execute(  # type: ignore[misc]
                select(Account.name, Account.kind, Account.state, Account.credential, tasks).order_by(Account.name))]


def world_for(case: Case, services: Any, qtbot: Any, **kw: Any) -> World:
    return World(services, qtbot, case.transport, env=dict(case.env), open_browser=case.open_browser, **kw)


def fill(dialog: AccountDialog, name: str, case: Case, secret: str | None = None) -> None:
    """The case's CLI flags, given to the dialog's fields instead."""
    form, flags = dialog.form, list(case.flags)
    form.name.setText(name)
    form.kind.setCurrentIndex(form.kind.findData(case.kind))
    form.url.setText(case.url)
    value = (secret if secret is not None else case.stdin).rstrip("\n")
    flow = "browser" if "--oauth" in flags else "password" if "--username" in flags else "token"
    form.flow.setCurrentIndex(form.flow.findData(flow))
    if "--username" in flags:
        form.username.setText(flags[flags.index("--username") + 1])
    if "--token-env" in flags:
        form.keep.setCurrentIndex(form.keep.findData("env"))
        form.env_var.setText(flags[flags.index("--token-env") + 1])
    (form.password if flow == "password" else form.token).setText(value)
    for i, flag in enumerate(flags):
        if flag == "--option":
            key, _, v = flags[i + 1].partition("=")
            (form.client_id if key == "client_id" else form.option_fields[key]).setText(v)


def add(world: World, dialog: AccountDialog) -> None:
    with world.qtbot.waitSignal(dialog.accepted, timeout=WAIT):
        dialog.ok_button.click()


def failed(world: World, dialog: AccountDialog, button: Any) -> str:
    button.click()
    world.qtbot.waitUntil(lambda: dialog.job is None and dialog.notice.level == "error", timeout=WAIT)
    assert dialog.isVisible() and dialog.ok_button.isEnabled() and not dialog.busy.isVisible()
    return dialog.notice.plain()


@pytest.mark.parametrize("name", ["wapify", *CASES])
def test_add_an_account_of_each_kind(name: str, services, qtbot, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    case = ui_case(name)
    world = world_for(case, services, qtbot)
    dialog = world.open_add()
    fill(dialog, "srv", case)
    add(world, dialog)
    assert not dialog.isVisible()
    credential = "env:GIPO_KEY" if "--token-env" in case.flags else "keyring"
    assert world.stored() == [("srv", case.kind, "ok", credential, case.tasks)]
    assert world.listed() == ["srv"]
    assert world.panel.notice.plain().startswith("Added srv (signed in as ")
    assert set(world.secrets.store) == (set() if credential != "keyring" else {"srv"})
    if name == "whama-oauth":
        assert "/oauth/authorize?" in dialog.notice.plain()  # the address, to copy if no browser opened
    shown = world.panel.notice.plain() + dialog.notice.plain()
    database = services.paths.database.read_bytes()
    for secret in case.secrets:
        assert secret not in shown and secret not in caplog.text and secret.encode() not in database


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_credential_is_one_line_in_the_dialog_and_stores_nothing(name: str, services, qtbot, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    case = ui_case(name)
    world = world_for(case, services, qtbot)
    dialog = world.open_add()
    wrong = {"gipo": "ba_acme_9WrongWrongWrong"}.get(name, "wr0ng-s3cret-value-123")
    fill(dialog, "srv", case, secret=wrong)
    error = failed(world, dialog, dialog.ok_button)
    assert error.startswith("cannot add srv: ") and "\n" not in error, error
    assert wrong not in error and wrong not in caplog.text
    assert world.stored() == [] and world.secrets.store == {} and world.listed() == []


def test_test_checks_without_storing_then_add_stores(services, qtbot) -> None:
    case = ui_case("gipo")
    world = world_for(case, services, qtbot)
    dialog = world.open_add()
    fill(dialog, "srv", case)
    assert dialog.test_button is not None
    dialog.test_button.click()
    assert dialog.busy.isVisible() and not dialog.ok_button.isEnabled()  # busy, not frozen
    qtbot.waitUntil(lambda: dialog.job is None, timeout=WAIT)
    assert dialog.notice.plain().startswith("It works: signed in as ") and "1 tasks" in dialog.notice.plain()
    assert dialog.isVisible() and world.stored() == [] and world.secrets.store == {}
    add(world, dialog)
    assert world.stored() == [("srv", "gipo", "ok", "keyring", 1)]


def test_input_errors_and_a_taken_name_stay_in_the_dialog(services, qtbot) -> None:
    case = ui_case("gipo")
    world = world_for(case, services, qtbot)
    dialog = world.open_add()
    fill(dialog, "srv", case, secret="")
    dialog.ok_button.click()
    assert dialog.notice.plain() == "Give the token" and dialog.job is None
    dialog.form.more_options.setPlainText("no equals sign")
    dialog.form.token.setText("ba_x")
    dialog.ok_button.click()
    assert dialog.notice.plain() == "Not KEY=VALUE: no equals sign"
    dialog.form.more_options.clear()
    fill(dialog, "srv", case)
    add(world, dialog)
    second = world.open_add()
    fill(second, "srv", case)
    assert "already exists" in failed(world, second, second.test_button)
    assert "already exists" in failed(world, second, second.ok_button)


def test_no_keyring_is_explained_in_plain_words(services, qtbot) -> None:
    gp = FakeGipo(clock=FixedClock(T0))
    gp.add_task(gp.add_board("Web"), "Landing page")
    world = World(services, qtbot, gp.transport(), secrets=NoKeyring(), env={"GIPO_KEY": gp.key})
    dialog = world.open_add()
    qtbot.waitUntil(lambda: dialog.keyring_available is False, timeout=WAIT)
    form = dialog.form
    # Told before anything is tried, and the choice that works is made for them.
    assert dialog.keyring_note.isVisibleTo(dialog) and form.keep.currentData() == "env"
    note = dialog.keyring_note.text()
    assert "no system keyring" in note and "environment variable" in note and "--" not in note
    case = Case("gipo", gp.base_url, None, ("--token-stdin",), gp.key)
    fill(dialog, "srv", case)
    form.keep.setCurrentIndex(form.keep.findData("keyring"))
    dialog.ok_button.click()  # refused at once, in the same plain words: no command-line flag
    assert dialog.job is None and dialog.notice.plain() == note
    form.keep.setCurrentIndex(form.keep.findData("env"))
    assert not form.token.isVisibleTo(dialog) and form.env_var.isVisibleTo(dialog)
    form.env_var.setText("UNSET_VAR")
    assert "UNSET_VAR is not set" in failed(world, dialog, dialog.ok_button)
    form.env_var.setText("GIPO_KEY")
    add(world, dialog)
    assert world.stored() == [("srv", "gipo", "ok", "env:GIPO_KEY", 1)]


def _clipped(dialog: AccountDialog) -> list[str]:
    """The wrapped texts the dialog shows shorter than they need (cut off on screen)."""
    from PySide6.QtWidgets import QLabel

    return [label.objectName() or label.text()[:30] for label in dialog.findChildren(QLabel)
            if label.isVisibleTo(dialog) and label.wordWrap() and label.height() < label.heightForWidth(label.width())]


def test_the_dialog_grows_to_show_every_word_of_its_notes(services, qtbot) -> None:
    """The sign-in the tray offers, for an account whose variable the app lacks, on a
    computer without a keyring: both notes, then the refusal, shown whole."""
    from .window_fixtures import add_account

    add_account(services, "work")
    with transaction(services.engine) as s:
        s.execute(update(Account).values(credential="env:WORK_TOKEN_UNSET"))
    world = World(services, qtbot, None, secrets=NoKeyring())
    accounts = world.services.accounts()
    dialog = AccountDialog(accounts, accounts.get("work"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.keyring_available is False, timeout=WAIT)
    assert dialog.why.isVisible() and dialog.keyring_note.isVisible()
    qtbot.waitUntil(lambda: _clipped(dialog) == [])
    dialog.form.keep.setCurrentIndex(dialog.form.keep.findData("keyring"))
    dialog.form.token.setText("a-token")
    dialog.ok_button.click()  # refused at once: the long note again, as the error
    assert dialog.notice.plain() == dialog.no_keyring_text()
    qtbot.waitUntil(lambda: _clipped(dialog) == [])  # once the layout has taken the new text in
    accounts.close()


def test_no_keyring_from_the_service_is_said_plainly_too(services, qtbot) -> None:
    """The service refuses (its words name CLI flags) before the dialog knew: the
    dialog still says it its own way."""
    gp = FakeGipo(clock=FixedClock(T0))
    world = World(services, qtbot, gp.transport(), secrets=NoKeyring())
    dialog = world.open_add()
    dialog.keyring_available = None  # as if the check had not answered yet
    fill(dialog, "srv", Case("gipo", gp.base_url, None, ("--token-stdin",), gp.key))
    dialog.form.keep.setCurrentIndex(dialog.form.keep.findData("keyring"))
    error = failed(world, dialog, dialog.ok_button)
    assert error == dialog.no_keyring_text() and "--" not in error


def test_the_fields_follow_the_kind(services, qtbot) -> None:
    world = World(services, qtbot)
    dialog = world.open_add()
    form = dialog.form
    labels = [form.kind.itemText(i) for i in range(form.kind.count())]
    assert labels == ["Wapify", "WarmDesk", "Gipo", "Whama", "Wekan", "TimeTagger", "Redmine"]

    def choose(kind: str) -> list[str]:
        form.kind.setCurrentIndex(form.kind.findData(kind))
        return [str(form.flow.itemData(i)) for i in range(form.flow.count())]

    def shown(*widgets: Any) -> list[bool]:
        return [w.isVisibleTo(dialog) for w in widgets]

    assert choose("wapify") == ["token"] and form.url.placeholderText() == "https://tasks.example.com/api/tasks"
    assert shown(form.token, form.username, form.password, form.client_id) == [True, False, False, False]
    assert form.option_fields == {} and form.more_options.isVisibleTo(dialog)
    assert choose("timetagger") == ["token", "password"] and form.url.placeholderText().endswith("/timetagger")
    assert choose("wekan") == ["password"] and sorted(form.option_fields) == ["board", "boards"]
    assert shown(form.token, form.username, form.password) == [False, True, True]
    assert choose("redmine") == ["token"] and sorted(form.option_fields) == ["activity", "project", "tracker_id"]
    assert form.form.labelForField(form.token).text() == "API &key"
    assert choose("warmdesk") == ["token", "password"] and list(form.option_fields) == ["project"]
    assert choose("gipo") == ["token"] and form.token.placeholderText() == "ba_…"
    assert choose("whama") == ["token", "browser"] and list(form.option_fields) == ["board"]
    form.keep.setCurrentIndex(1)
    form.flow.setCurrentIndex(form.flow.findData("browser"))
    assert shown(form.token, form.client_id, form.client_secret, form.env_var) == [False, True, True, False]
    assert not form.keep.isEnabled() and form.keep.currentData() == "keyring"  # refreshed tokens need it


def _needing_signin(world: World, case: Case) -> None:
    """Added (through the service), then a sync found its credential refused."""
    oauth = "--oauth" in case.flags
    world.services.accounts().add("srv", case.kind, case.url, SignIn(token=case.stdin.strip() or None, oauth=oauth),
                                  options={"client_id": "stint-desktop"} if oauth else None)
    with transaction(world.services.engine) as s:
        s.execute(update(Account).values(state="needs_signin", last_error="signed out"))
    world.services.bridge.changed.emit("sync")


@pytest.mark.parametrize("name", ["gipo", "whama-oauth"])
def test_sign_in_again_moves_needs_signin_to_ok(name: str, services, qtbot) -> None:
    case = ui_case(name)
    world = world_for(case, services, qtbot)
    _needing_signin(world, case)
    assert world.stored()[0][2] == "needs_signin"
    before = world.secrets.store["srv"]
    world.panel.table.selectRow(0)
    world.panel.signin_button.click()
    dialog = world.panel.dialog
    assert dialog is not None and dialog.account is not None and dialog.test_button is None
    assert not dialog.form.name.isVisibleTo(dialog) and not dialog.form.url.isVisibleTo(dialog)
    if name == "gipo":
        assert failed(world, dialog, dialog.ok_button) == "Give the token"
        dialog.form.token.setText("ba_acme_9WrongWrongWrong")
        assert failed(world, dialog, dialog.ok_button).startswith("cannot sign in to srv: ")
        assert world.stored()[0][2] == "needs_signin"
        dialog.form.token.setText(case.stdin.strip())
    else:
        assert dialog.form.chosen_flow() == "browser"  # as it was added
    add(world, dialog)
    assert world.stored()[0][2] == "ok"
    assert world.panel.table.item(0, 2).text() == "ok"
    assert "srv: signed in as " in world.panel.notice.plain()
    assert (world.secrets.store["srv"] != before) == (name == "whama-oauth")


def test_the_dialog_speaks_spanish(services, qtbot, qapp) -> None:
    from stint.ui.i18n import install_translator, remove_translators

    translator = install_translator(qapp, "es_ES")
    try:
        dialog = World(services, qtbot).open_add()
        form = dialog.form
        assert dialog.windowTitle() == "Añadir cuenta" and dialog.ok_button.text() == "&Añadir"
        form.kind.setCurrentIndex(form.kind.findData("whama"))
        assert [form.flow.itemText(i) for i in range(2)] == ["Clave de API", "Iniciar sesión con el navegador"]
        assert form.form.labelForField(form.option_fields["board"]).text() == "Tablero"
    finally:
        remove_translators(qapp)
