"""The account form draws every kind from the registry it is given, and the texts
the registry marks for translation are in the Spanish catalogue."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import Any  # noqa: E402

from PySide6.QtCore import QCoreApplication  # noqa: E402

from stint.backends.kinds import KINDS, Kind, Option, SignIn, Wiring  # noqa: E402
from stint.domain.errors import Refused  # noqa: E402
from stint.ui.account_form import AccountForm, kind_label  # noqa: E402
from stint.ui.i18n import install_translator, remove_translators  # noqa: E402


def _never(*_args: Any) -> Any:
    raise Refused("not in this test")


def _acme() -> Kind:
    return Kind("Acme Tracker", "https://acme.example.com/api", _never, _never, sign_ins=("password", "token"),
                token_hint="ak_…", option_fields={"team": Option("Team", "your team's key"),
                                                   "username": Option(listed=False)})


def test_a_kind_the_form_never_heard_of_is_drawn_from_its_entry(qtbot) -> None:
    form = AccountForm({"acme": _acme(), "gipo": KINDS["gipo"]})
    qtbot.addWidget(form)
    assert [form.kind.itemText(i) for i in range(form.kind.count())] == ["Acme Tracker", "Gipo"]
    assert form.url.placeholderText() == "https://acme.example.com/api"
    assert [form.flow.itemData(i) for i in range(form.flow.count())] == ["password", "token"]
    assert form.flow.itemText(1) == "API token" and form.token.placeholderText() == "ak_…"
    assert list(form.option_fields) == ["team"]  # username has the form's own field
    assert form.form.labelForField(form.option_fields["team"]).text() == "Team"
    assert form.option_fields["team"].placeholderText() == "your team's key"
    form.kind.setCurrentIndex(1)
    assert form.url.placeholderText() == KINDS["gipo"].url_hint and list(form.option_fields) == ["board"]
    assert kind_label({"acme": _acme()}, "acme") == "Acme Tracker"
    assert kind_label({}, "gone-kind") == "gone-kind"  # an account of a kind this version lacks


def test_every_text_the_registry_marks_is_translated(qapp) -> None:
    marked = {spec.token_label for spec in KINDS.values()}
    marked |= {t for spec in KINDS.values() for o in spec.option_fields.values() if o.label
               for t in (o.label, o.hint)}
    translator = install_translator(qapp, "es_ES")
    try:
        untranslated = [t for t in sorted(marked) if QCoreApplication.translate("AccountForm", t) == t]
    finally:
        remove_translators(qapp)
    assert untranslated == []


def test_the_wiring_and_sign_in_never_show_a_secret() -> None:
    sign_in = SignIn(token="tok-s3cret", username="me", password="pw-s3cret", client_secret="cs-s3cret")
    assert "s3cret" not in repr(sign_in)
    wiring = Wiring("https://x.example.com", "w-s3cret", {"allow_insecure": True}, clock=None)  # type: ignore[arg-type]
    assert wiring.insecure and "s3cret" not in repr(wiring)
