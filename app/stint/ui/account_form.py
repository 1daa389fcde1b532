"""The fields of the account dialog, shaped by the chosen kind.

What a kind accepts comes from the registry (stint.account_kinds.KINDS): its options
and whether it has a browser sign-in. What the registry does not say — the name to
show, an example URL, which kinds take a username and password — is presentation,
kept here. The form reads what the person gave into a `Request`, the same things
`stint account add` gathers from its flags; it never talks to a server.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget,
)

from ..account_kinds import Kind
from ..domain.errors import UsageError
from ..secrets import KEYRING, env_credential

# Display order and names; a kind the registry gains later shows after these.
LABELS = {"wapify": "Wapify", "warmdesk": "WarmDesk", "gipo": "Gipo", "whama": "Whama", "wekan": "Wekan",
          "timetagger": "TimeTagger", "redmine": "Redmine"}
URL_HINTS = {
    "wapify": "https://tasks.example.com/api/tasks",
    "warmdesk": "https://warmdesk.example.com/api/v1",
    "gipo": "https://gipo.example.com/api/v1",
    "whama": "https://api.whama.co/api/v1",
    "wekan": "https://wekan.example.com",
    "timetagger": "https://timetagger.example.com/timetagger",
    "redmine": "https://redmine.example.com",
}
TOKEN_HINTS = {"gipo": "ba_…", "whama": "sk_live_…"}
PASSWORD_KINDS = frozenset({"timetagger", "warmdesk", "wekan"})
NO_TOKEN_KINDS = frozenset({"wekan"})  # Wekan has no API tokens
API_KEY_KINDS = frozenset({"warmdesk", "redmine", "gipo", "whama"})
# Options with a field of their own elsewhere in the form, or another name.
OWN_FIELD = frozenset({"username", "client_id", "activity_id"})


def kind_order(kinds: Mapping[str, Kind]) -> list[str]:
    return [k for k in LABELS if k in kinds] + sorted(set(kinds) - set(LABELS))


def flows(kind: str, spec: Kind) -> list[str]:
    """The ways to sign in to `kind`: "token", "password", "browser"."""
    found = [] if kind in NO_TOKEN_KINDS else ["token"]
    if kind in PASSWORD_KINDS:
        found.append("password")
    if spec.browser_sign_in:
        found.append("browser")
    return found


@dataclass
class Request:
    """What the person gave; the arguments of Accounts.add / Accounts.sign_in."""

    name: str
    kind: str
    url: str
    credential: str
    token: str | None = None
    username: str | None = None
    password: str | None = None
    oauth: bool = False
    client_secret: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    allow_insecure: bool = False

    def __repr__(self) -> str:  # never the secrets
        return f"Request({self.name!r}, {self.kind!r}, {self.url!r}, credential={self.credential!r})"


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
        for kind in kind_order(kinds):
            self.kind.addItem(LABELS.get(kind, kind.title()), kind)
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
        self.url.setPlaceholderText(URL_HINTS.get(kind, "https://server.example.com"))
        self.token.setPlaceholderText(TOKEN_HINTS.get(kind, ""))
        self.form.labelForField(self.token).setText(
            self.tr("API &key") if kind in API_KEY_KINDS else self.tr("API &token"))
        self.flow.blockSignals(True)
        self.flow.clear()
        names = {"token": self.tr("API key") if kind in API_KEY_KINDS else self.tr("API token"),
                 "password": self.tr("Username and password"), "browser": self.tr("Sign in with the browser")}
        for flow in flows(kind, spec):
            self.flow.addItem(names[flow], flow)
        self.flow.blockSignals(False)
        for edit in self.option_fields.values():
            self.form.removeRow(edit)
        self.option_fields = {}
        for option in sorted(spec.options - OWN_FIELD):
            edit = QLineEdit(placeholderText=self._option_hint(option))
            self.option_fields[option] = edit
            row = self.form.getWidgetPosition(self.more_options)[0]
            self.form.insertRow(row, self._option_label(option), edit)
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

    def _option_label(self, option: str) -> str:
        return {"board": self.tr("Board"), "boards": self.tr("Boards"), "project": self.tr("Project"),
                "activity": self.tr("Activity"), "tracker_id": self.tr("Tracker id")}.get(option, option)

    def _option_hint(self, option: str) -> str:
        return {"board": self.tr("default board, name or id (optional)"),
                "boards": self.tr("only these boards, comma-separated (optional)"),
                "project": self.tr("default project (optional)"),
                "activity": self.tr("time entry activity, id or name"),
                "tracker_id": self.tr("tracker for new issues (optional)")}.get(option, self.tr("(optional)"))

    def request(self, env: Mapping[str, str]) -> Request:
        """What was given, as the service takes it; UsageError if something is missing.
        `env` is where an environment variable is read (the service's)."""
        flow, kind = self.chosen_flow(), self.chosen_kind()
        options = {k: e.text().strip() for k, e in self.option_fields.items()}
        options.update(self._more_options())
        request = Request(self.name.text().strip(), kind, self.url.text().strip(), KEYRING, options=options,
                          allow_insecure=self.allow_insecure.isChecked())
        if flow == "browser":
            request.oauth = True
            request.client_secret = self.client_secret.text().strip() or None
            if self.fixed is None:
                request.options["client_id"] = self.client_id.text().strip()
            return request
        username = self.username.text().strip()
        if flow == "password" and not username:
            raise UsageError(self.tr("Give the username"))
        if self.keep.currentData() == "env":
            var = self.env_var.text().strip()
            request.credential = env_credential(var)
            value = env.get(var, "")
            if not value:
                raise UsageError(self.tr("The environment variable %1 is not set").replace("%1", var))
        else:
            value = (self.password if flow == "password" else self.token).text()
            if not value.strip():
                raise UsageError(self.tr("Give the password") if flow == "password" else self.tr("Give the token"))
        if flow == "password":
            request.username, request.password = username, value
        else:
            request.token = value.strip()
        return request

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
