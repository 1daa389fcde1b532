"""Import… : another tracker's file (or a Stint export) previewed row by row — what
will be imported onto which task, what is skipped and why, what cannot be read —
before anything is written. The import itself runs off the GUI thread, as one
transaction (stint.store.imports), and the window hears of it through the bridge.
"""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from ..domain.errors import StintError
from ..domain.imports import ImportPlan, Parsed
from ..domain.durations import format_elapsed
from .import_preview import PreviewModel, PreviewRow
from .notice import Notice
from ..services import Services
from .workers import run_in_background


class ImportDialog(QDialog):
    imported = Signal(str)   # the summary shown once the import is written

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.path: Path | None = None
        self.parsed: Parsed | None = None
        self.plan: ImportPlan | None = None
        self.export: Any = None          # a FullExport, when restoring one
        self.setWindowTitle(self.tr("Import time"))
        self.resize(980, 560)
        self.file = QLineEdit(readOnly=True, placeholderText=self.tr("Choose a file to import"))
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(choose)
        self.format = QComboBox()
        self.format.addItem(self.tr("Found from the content"), None)
        from ..importers import FORMATS

        for name, what in FORMATS.items():
            self.format.addItem(what, name)
        self.zone = QComboBox(editable=True)
        self.zone.addItems(_zones())
        self.zone.setCurrentText(str(getattr(services.tz, "key", services.tz)))
        self.target = QComboBox()
        self.target.addItem(self.tr("Local tasks"), None)
        for name in _account_names(services):
            self.target.addItem(self.tr("Tasks of account %1, pushed to its server").replace("%1", name), name)
        self.day_first = QCheckBox(self.tr("Dates like 03/04/2026 are day/month/year"))
        self.keep = QCheckBox(self.tr("Import entries that overlap others too"))
        form = QFormLayout()
        form.addRow(self.tr("File:"), row)
        form.addRow(self.tr("Format:"), self.format)
        form.addRow(self.tr("Times in the file are in:"), self.zone)
        form.addRow(self.tr("Put the time on:"), self.target)
        form.addRow("", self.day_first)
        form.addRow("", self.keep)
        self.summary = QLabel(wordWrap=True)
        self.notice = Notice()
        self.model = PreviewModel(services.tz, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.go.setEnabled(False)
        self.go.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        for combo in (self.format, self.target):
            combo.currentIndexChanged.connect(self.preview)
        self.zone.currentTextChanged.connect(self.preview)
        for box in (self.day_first, self.keep):
            box.toggled.connect(self.preview)

    # -- reading and previewing ------------------------------------------------

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import time"), str(Path.home()),
            self.tr("Time tracker files (*.csv *.tsv *.json *.txt *frames);;All files (*)"))
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path) -> None:
        self.path = path
        self.file.setText(str(path))
        self.preview()

    def preview(self) -> None:
        """Read the file with the chosen options and plan the import (nothing written)."""
        from ..importers import FullExport, detect, read

        self.parsed, self.plan, self.export = None, None, None
        self.model.set_rows([])
        self.summary.clear()
        self.notice.clear_message()
        self.go.setEnabled(False)
        if self.path is None:
            return
        try:
            tz = self._zone()
            data = self.path.read_bytes()
            fmt = self.format.currentData() or detect(data)
            result = read(data, fmt, tz=tz, day_first=True if self.day_first.isChecked() else None)
            if isinstance(result, FullExport):
                if self._restoring():
                    self.export = result
                result = result.as_parsed()
            self.parsed = result
            self.plan = self._plan(result, tz)
        except StintError as exc:
            self.notice.show_error(f"{self.path.name}: {exc}")
            return
        except OSError as exc:
            self.notice.show_error(f"{self.path.name}: {exc.strerror or exc}")
            return
        self.model.set_rows(self._rows(self.parsed, self.plan))
        self.table.resizeColumnsToContents()
        self.summary.setText(self._summary())
        self.go.setText(self.tr("Restore") if self.export is not None else self.tr("Import"))
        self.go.setEnabled(bool(self.plan.create) or self.export is not None)

    def _plan(self, parsed: Parsed, tz: tzinfo) -> ImportPlan:
        from ..domain.imports import StoreView, plan
        from ..store.imports import run_import

        if self.export is not None:
            return plan(parsed.entries, StoreView(), tz, keep_overlaps=True)
        return run_import(self.services.engine, parsed.entries, tz=tz, now=self.services.clock.now(),
                          account=self.target.currentData(), keep_overlaps=self.keep.isChecked(), dry_run=True)

    def _restoring(self) -> bool:
        from ..store.db import transaction
        from ..store.full_export import is_empty

        if self.target.currentData() is not None:
            return False
        with transaction(self.services.engine) as s:
            return is_empty(s)

    def _zone(self) -> tzinfo:
        from ..config import resolve_tz

        return resolve_tz(self.zone.currentText().strip() or "UTC")

    def _summary(self) -> str:
        assert self.parsed is not None and self.plan is not None
        plan, parsed = self.plan, self.parsed
        if self.export is not None:
            text = self.tr("A Stint export into an empty database: restore %1 tasks and %2 entries, its accounts "
                           "and settings, exactly as they were.")
            return text.replace("%1", str(len(self.export.tasks))).replace("%2", str(len(self.export.entries)))
        new = sum(1 for t in plan.per_task() if t.task and t.task.task_id is None)
        parts = [self.tr("%1: %2 entries (%3) to import onto %4 tasks, %5 of them new.")
                 .replace("%1", parsed.source).replace("%2", str(len(plan.create)))
                 .replace("%3", format_elapsed(plan.seconds)).replace("%4", str(len(plan.per_task())))
                 .replace("%5", str(new))]
        if plan.skipped:
            parts.append(self.tr("%1 skipped.").replace("%1", str(len(plan.skipped))))
        if parsed.ignored:
            parts.append(self.tr("%1 not time to import.").replace("%1", str(len(parsed.ignored))))
        if parsed.problems:
            parts.append(self.tr("%1 could not be read.").replace("%1", str(len(parsed.problems))))
        note = self.tr("Note: %1.")
        parts.extend(note.replace("%1", a) for a in parsed.assumptions)
        return " ".join(parts)

    # -- importing ---------------------------------------------------------------

    def run_import(self) -> None:
        if self.parsed is None:
            return
        self.go.setEnabled(False)
        self.notice.show_info(self.tr("Importing…"))
        job = self._restore_job() if self.export is not None else self._import_job()
        run_in_background(job, "import", on_success=self._done, on_failure=self._failed)

    def _import_job(self):  # type: ignore[no-untyped-def]
        from ..store.imports import run_import

        assert self.parsed is not None
        engine, entries, tz, now = self.services.engine, self.parsed.entries, self._zone(), self.services.clock.now()
        account, keep = self.target.currentData(), self.keep.isChecked()
        done = self.tr("Imported %1 entries (%2).")

        def job() -> str:
            made = run_import(engine, entries, tz=tz, now=now, account=account, keep_overlaps=keep)
            return done.replace("%1", str(len(made.create))).replace("%2", format_elapsed(made.seconds))

        return job

    def _restore_job(self):  # type: ignore[no-untyped-def]
        from ..config import settings_from
        from ..store.db import transaction
        from ..store.full_export import restore

        engine, export = self.services.engine, self.export
        settings = settings_from(export.settings, "settings")
        self._restored_settings = settings
        done = self.tr("Restored %1 tasks and %2 entries.")

        def job() -> str:
            with transaction(engine) as s:
                restore(s, export)
            return done.replace("%1", str(len(export.tasks))).replace("%2", str(len(export.entries)))

        return job

    def _rows(self, parsed: Parsed, plan: ImportPlan) -> list[PreviewRow]:
        new, existing = self.tr("Import (new task)"), self.tr("Import")
        rows = [PreviewRow(p.entry.where, p.entry.start, p.entry.end, p.entry.title, p.entry.project or "",
                           p.entry.note, new if p.task.task_id is None else existing, True) for p in plan.create]
        rows += [PreviewRow(s.entry.where, s.entry.start, s.entry.end, s.entry.title, s.entry.project or "",
                            s.entry.note, self.tr("Skip: %1").replace("%1", s.why), False) for s in plan.skipped]
        rows.sort(key=lambda r: (r.start, r.where))
        rows += [PreviewRow(i.where, None, None, "", "", "", self.tr("Not imported: %1").replace("%1", i.message),
                            False) for i in parsed.ignored]
        rows += [PreviewRow(p.where, None, None, "", "", "", self.tr("Cannot read: %1").replace("%1", p.message),
                            False) for p in parsed.problems]
        return rows

    def _done(self, summary: str) -> None:
        if self.export is not None:
            self.services.update_settings(self._restored_settings)
        self.services.bridge.changed.emit("all")
        self.services.bridge.message.emit("info", summary)
        self.imported.emit(summary)
        self.accept()

    def _failed(self, message: str) -> None:
        self.notice.show_error(message)
        self.go.setEnabled(True)


def _zones() -> list[str]:
    from zoneinfo import available_timezones

    return sorted(z for z in available_timezones() if "/" in z or z == "UTC")


def _account_names(services: Services) -> list[str]:
    from ..store import lookup

    with services.db.read() as conn:
        return [a.name for a in lookup.accounts(conn)]
