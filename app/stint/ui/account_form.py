"""The fields of the account dialog, shaped by the chosen kind.

Everything about a kind — its name, an example URL, the ways to sign in, what its
token is called and looks like, its options with their labels and hints — comes
from the registry (stint.backends.kinds.KINDS); this form only lays it out and
translates the texts the registry marks for translation. It reads what the person
gave into a `Request`, the same things `stint account add` gathers from its flags;
it never talks to a server.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget,
)

from ..backends.kinds import Kind, SignIn
from ..domain.errors import UsageError
from ..secrets import KEYRING, env_credential


def translated(text: str) -> str:
    """A registry text in the interface's language (marked there with context AccountForm)."""
    return QCoreApplication.translate("AccountForm", text)


def kind_label(kinds: Mapping[str, Kind], kind: str) -> str:
    """The name to show for `kind`; an account of a kind this version lacks shows its key."""
    spec = kinds.get(kind)
    return spec.label if spec is not None else kind


@dataclass(frozen=True)
class Request:
    """What the form holds: the arguments of Accounts.add (and the sign-in of
    Accounts.sign_in)."""

    name: str
    kind: str
    url: str
    sign_in: SignIn
    options: dict[str, Any] = field(default_factory=dict)
    allow_insecure: bool = False


class AccountForm(QWidget):
    """Name, kind, URL, sign-in, where the secret is kept, options. With `fixed`
    (signing in again) only the sign-in part shows, for that kind."""

    def __init__(self, kinds: Mapping[str, Kind], fixed: tuple[str, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kinds = kinds
        self.fixed = fixed  # (kind, username) when signing in again
        self.name = QLineEdit()
        self.kind = QComboBox()
        for kind, spec in kinds.items():
            self.kind.addItem(spec.label, kind)
        self.url = QLineEdit()
        self.flow = QComboBox()
        self.token = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.username = QLineEdit()
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.client_id = QLineEdit(placeholderText="stint-desktop")
        self.client_secret = QLineEdit(echoMode=QLineEdit.EchoMode.Password,
                                       placeholderText=self.tr("only for a confidential app"))
        self.keep = QComboBox()
        self.keep.addItem(self.tr("System keyring"), "keyring")
        self.keep.addItem(self.tr("Read from an environment variable"), "env")
        self.env_var = QLineEdit(placeholderText="STINT_TOKEN")
        self.option_fields: dict[str, QLineEdit] = {}  # rows of this form, before "Other options"
        self.more_options = QPlainTextEdit(placeholderText="ca_file=/etc/ssl/my-ca.pem")
        self.more_options.setFixedHeight(self.more_options.fontMetrics().lineSpacing() * 3 + 12)
        self.allow_insecure = QCheckBox(self.tr("Allow insecure http (not https) to this server"))

        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.tr("&Name"), self.name)
        self.form.addRow(self.tr("&Kind"), self.kind)
        self.form.addRow(self.tr("&URL"), self.url)
        self.form.addRow(self.tr("&Sign in with"), self.flow)
        self.form.addRow(self.tr("&Token"), self.token)
        self.form.addRow(self.tr("&Username"), self.username)
        self.form.addRow(self.tr("&Password"), self.password)
        self.form.addRow(self.tr("&Client id"), self.client_id)
        self.form.addRow(self.tr("Client secret"), self.client_secret)
        self.form.addRow(self.tr("Keep the secret in"), self.keep)
        self.form.addRow(self.tr("&Variable name"), self.env_var)
        self.form.addRow(self.tr("Other options"), self.more_options)
        self.form.addRow(self.allow_insecure)
        self.more_options.setToolTip(self.tr("One KEY=VALUE per line"))

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.flow.currentIndexChanged.connect(self._show_fields)
        self.keep.currentIndexChanged.connect(self._show_fields)
        if fixed is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(fixed[0])))
            self.username.setText(fixed[1])
            for w in (self.name, self.kind, self.url, self.more_options, self.allow_insecure):
                self.form.setRowVisible(w, False)
        self._kind_changed()

    def chosen_kind(self) -> str:
        return str(self.kind.currentData())

    def chosen_flow(self) -> str:
        return str(self.flow.currentData())

    def _kind_changed(self) -> None:
        kind = self.chosen_kind()
        spec = self.kinds[kind]
        self.url.setPlaceholderText(spec.url_hint)
        self.token.setPlaceholderText(spec.token_hint)
        token_label = translated(spec.token_label)
        self.form.labelForField(self.token).setText(token_label)
        self.flow.blockSignals(True)
        self.flow.clear()
        names = {"token": token_label.replace("&", ""), "password": self.tr("Username and password"),
                 "browser": self.tr("Sign in with the browser")}
        for flow in spec.sign_ins:
            self.flow.addItem(names[flow], flow)
        self.flow.blockSignals(False)
        for edit in self.option_fields.values():
            self.form.removeRow(edit)
        self.option_fields = {}
        for option, facts in spec.option_fields.items():
            if facts.label is None:
                continue  # set by a field of its own (username, client id), or another name
            edit = QLineEdit(placeholderText=translated(facts.hint))
            self.option_fields[option] = edit
            row = self.form.getWidgetPosition(self.more_options)[0]
            self.form.insertRow(row, translated(facts.label), edit)
            self.form.setRowVisible(edit, self.fixed is None)
        self._show_fields()

    def _show_fields(self) -> None:
        flow, adding = self.chosen_flow(), self.fixed is None
        self.keep.setEnabled(flow != "browser")  # refreshed tokens need the keyring
        if flow == "browser":
            self.keep.setCurrentIndex(0)
        from_env = self.keep.currentData() == "env"
        self.form.setRowVisible(self.token, flow == "token" and not from_env)
        self.form.setRowVisible(self.username, flow == "password")
        self.form.setRowVisible(self.password, flow == "password" and not from_env)
        self.form.setRowVisible(self.client_id, flow == "browser" and adding)
        self.form.setRowVisible(self.client_secret, flow == "browser")
        self.form.setRowVisible(self.env_var, from_env)
        self.form.labelForField(self.env_var).setText(
            self.tr("Password &variable") if flow == "password" else self.tr("Token &variable"))

    def request(self, env: Mapping[str, str]) -> Request:
        """What was given, as the service takes it; UsageError if something is missing.
        `env` is where an environment variable is read (the service's)."""
        flow, kind = self.chosen_flow(), self.chosen_kind()
        options = {k: e.text().strip() for k, e in self.option_fields.items()}
        options.update(self._more_options())
        if flow == "browser":
            if self.fixed is None:
                options["client_id"] = self.client_id.text().strip()
                if not options["client_id"]:
                    raise UsageError(self.tr("Give the client id of the app registered on the server"))
            return self._request(kind, options, SignIn(oauth=True, client_secret=self.client_secret.text().strip()
                                                      or None))
        username = self.username.text().strip()
        if flow == "password" and not username:
            raise UsageError(self.tr("Give the username"))
        credential = KEYRING
        if self.keep.currentData() == "env":
            var = self.env_var.text().strip()
            credential = env_credential(var)
            value = env.get(var, "")
            if not value:
                raise UsageError(self.tr("The environment variable %1 is not set").replace("%1", var))
        else:
            value = (self.password if flow == "password" else self.token).text()
            if not value.strip():
                raise UsageError(self.tr("Give the password") if flow == "password" else self.tr("Give the token"))
        if flow == "password":
            return self._request(kind, options, SignIn(username=username, password=value, credential=credential))
        return self._request(kind, options, SignIn(token=value.strip(), credential=credential))

    def _request(self, kind: str, options: dict[str, Any], sign_in: SignIn) -> Request:
        return Request(self.name.text().strip(), kind, self.url.text().strip(), sign_in, options=options,
                       allow_insecure=self.allow_insecure.isChecked())

    def _more_options(self) -> dict[str, str]:
        options: dict[str, str] = {}
        for line in self.more_options.toPlainText().splitlines():
            if not line.strip():
                continue
            key, sep, value = line.partition("=")
            if not sep or not key.strip():
                raise UsageError(self.tr("Not KEY=VALUE: %1").replace("%1", line.strip()))
            options[key.strip()] = value.strip()
        return options
