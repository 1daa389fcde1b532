"""Add an account, or sign in to one again, through stint.accounts — the same
checks and storage as `stint account add` / `stint account signin`.

Every server call runs on a worker thread (ui.workers) behind a busy bar; a failure
is one line in the dialog, which stays open. "Test" runs the very same add with
check_only, so it checks all that "Add" checks and stores nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget,
)

from ..domain.errors import StintError
from ..secrets import KEYRING, NoKeyring
from .account_form import AccountForm, Request, kind_label
from .notice import Notice
from .workers import Job

if TYPE_CHECKING:
    from ..accounts import Accounts, Added
    from ..store.records import AccountInfo


class _Relay(QObject):
    # The browser sign-in's address, from the worker thread to the dialog.
    url = Signal(str)


class AccountDialog(QDialog):
    """Adding when `account` is None, else signing in to that account again.
    `outcome` holds the service's answer (Added, or who signed in) once accepted."""

    def __init__(self, accounts: "Accounts", account: "AccountInfo | None" = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.account = account
        self.job: Job | None = None
        self.outcome: Any = None
        self.relay = _Relay(self)
        self.relay.url.connect(self._show_url)
        accounts.show_url = self.relay.url.emit  # called on the worker thread
        fixed = None if account is None else (account.kind, str(account.options.get("username") or ""))
        self.form = AccountForm(accounts.kinds, fixed)
        self.notice = Notice()
        # Why the secret is asked for here, and what "no keyring" means, in plain words.
        self.why = QLabel(wordWrap=True, objectName="why")
        self.why.hide()
        self.keyring_note = QLabel(self.no_keyring_text(), wordWrap=True, objectName="no-keyring")
        self.keyring_note.hide()
        self.keyring_available: bool | None = None  # None until checked (on a worker: it may ask D-Bus)
        self.busy = QProgressBar(minimum=0, maximum=0, textVisible=False)
        self.busy.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.test_button: QPushButton | None = None
        layout = QVBoxLayout(self)
        self.setMinimumWidth(520)  # room for the notes, which wrap
        if account is None:
            self.setWindowTitle(self.tr("Add account"))
            self.test_button = self.buttons.addButton(self.tr("&Test"), QDialogButtonBox.ButtonRole.ActionRole)
            self.test_button.clicked.connect(self.test)
            self.ok_button = self.buttons.addButton(self.tr("&Add"), QDialogButtonBox.ButtonRole.AcceptRole)
        else:
            self.setWindowTitle(self.tr("Sign in again"))
            self.ok_button = self.buttons.addButton(self.tr("&Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
            layout.addWidget(QLabel(self.tr("%1 — %2 at %3").replace("%1", account.name).replace(
                "%2", kind_label(accounts.kinds, account.kind)).replace("%3", account.base_url)))
            if account.credential.startswith("env:"):
                variable = account.credential[4:]
                self.form.env_var.setText(variable)
                if accounts.env.get(variable):
                    self.form.keep.setCurrentIndex(self.form.keep.findData("env"))
                else:
                    # Started from a menu or at login, the app has no shell's variables:
                    # the token is given here and kept in the keyring instead.
                    self.why.setText(self.tr(
                        "%1 reads its token from the variable %2, which is not set for the desktop app: started "
                        "from a menu or at login, it does not see the variables your shell sets. Give the token "
                        "here and Stint keeps it in the system keyring instead.")
                        .replace("%1", account.name).replace("%2", variable))
                    self.why.show()
            elif account.options.get("client_id"):  # added with a browser sign-in: again the same way
                self.form.flow.setCurrentIndex(max(0, self.form.flow.findData("browser")))
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for w in (self.why, self.form, self.keyring_note, self.notice, self.busy, self.buttons):
            layout.addWidget(w)
        self.form.keep.currentIndexChanged.connect(self._show_keyring_note)
        self.form.flow.currentIndexChanged.connect(self._show_keyring_note)
        self._keyring_check = Job(accounts.secrets.available, "keyring check")
        self._keyring_check.succeeded.connect(self._keyring_known)
        self._keyring_check.start()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            self._fit()  # a note shown or reworded: never cut its words off
        return handled

    def _fit(self) -> None:
        """Tall enough for every wrapped text at the present width (Qt sizes a dialog
        once, before a note that shows later, and a wrapped label asks too little)."""
        layout = self.layout()
        needed = layout.totalHeightForWidth(self.width()) if layout is not None and layout.hasHeightForWidth() else -1
        if needed > self.height():
            self.resize(self.width(), needed)

    def no_keyring_text(self) -> str:
        return self.tr(
            "This computer has no system keyring (a password store such as GNOME Keyring or KWallet), so Stint "
            "cannot keep the token itself. Choose “Read from an environment variable” instead: Stint then reads "
            "the token, each time it syncs, from a variable you set where your desktop session starts (for "
            "example in ~/.profile), and never writes it anywhere; start Stint again after setting it. A "
            "browser sign-in needs the keyring.")

    def _keyring_known(self, available: object) -> None:
        self.keyring_available = bool(available)
        if not available and self.form.keep.currentData() == "keyring" and self.form.chosen_flow() != "browser":
            self.form.keep.setCurrentIndex(self.form.keep.findData("env"))
        self._show_keyring_note()

    def _show_keyring_note(self) -> None:
        self.keyring_note.setVisible(self.keyring_available is False)

    def accept(self) -> None:
        """Checks on a worker thread; closes only once the account is stored."""
        if self.account is None:
            self._run(lambda r: self.accounts.add(r.name, r.kind, r.url, r.sign_in, options=r.options,
                                                  allow_insecure=r.allow_insecure), self._done)
        else:
            name = self.account.name
            self._run(lambda r: self.accounts.sign_in(name, r.sign_in), self._done)

    def test(self) -> None:
        self._run(lambda r: check_only(self.accounts, r), self._tested)

    def _plainly(self, work: Callable[[Request], Any]) -> Callable[[Request], Any]:
        """`work`, its "no keyring" refusal said as the dialog says it (the service's
        words name the command line's flags)."""
        plain = self.no_keyring_text()

        def run(request: Request) -> Any:
            try:
                return work(request)
            except NoKeyring:
                raise StintError(plain) from None

        return run

    def _run(self, work: Callable[[Request], Any], on_success: Callable[[Any], None]) -> None:
        if self.job is not None:
            return
        try:
            request = self.form.request(self.accounts.env)
        except StintError as exc:
            self.notice.show_error(str(exc))
            return
        if request.sign_in.credential == KEYRING and self.keyring_available is False:
            self.notice.show_error(self.no_keyring_text())
            return
        self.notice.show_info(self.tr("Checking with the server…"))
        self._set_busy(True)
        plainly = self._plainly(work)
        self.job = Job(lambda: plainly(request), f"account {request.name or request.kind}")
        self.job.succeeded.connect(on_success)
        self.job.failed.connect(self.notice.show_error)
        self.job.finished.connect(lambda: self._set_busy(False))
        self.job.start()

    def _set_busy(self, busy: bool) -> None:
        if not busy:
            self.job = None
        self.busy.setVisible(busy)
        self.form.setEnabled(not busy)
        self.ok_button.setEnabled(not busy)
        if self.test_button is not None:
            self.test_button.setEnabled(not busy)

    def _done(self, result: Any) -> None:
        self.outcome = result
        for secret in (self.form.token, self.form.password, self.form.client_secret):
            secret.clear()  # kept by the service now; not left in a widget
        super().accept()

    def _tested(self, added: "Added") -> None:
        self.notice.show_info(self.tr("It works: signed in as %1; %2 tasks to bring in. Nothing was stored.")
                              .replace("%1", added.who).replace("%2", str(added.tasks)))

    def _show_url(self, url: str) -> None:
        self.notice.show_info(self.tr("Sign in in your browser (waiting up to 5 minutes). If it did not open, "
                                      "go to this address: %1").replace("%1", url))


def check_only(accounts: "Accounts", r: Request) -> "Added":
    """The same checks as Add, against the server, storing nothing."""
    return accounts.add(r.name, r.kind, r.url, r.sign_in, options=r.options, allow_insecure=r.allow_insecure,
                        check_only=True)
