"""The mark for text a person reads that is written below the interface (export
words, sync states, server kinds): `QT_TRANSLATE_NOOP(context, text)` returns
`text` unchanged here, and pyside6-lupdate finds it by its name, so the desktop app
can translate it where it is shown (ui/i18n.py). The CLI prints it as it is."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text
