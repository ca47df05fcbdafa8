"""The short-term unit screen ("Här på korttiden…"): the unit's stays, its own list of
routines (who does what, when, how and where) and the term follow-up of which held."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.labels import labels
from anhorigdesk.ui.models.rows import RowsModel
from anhorigdesk.ui.pages.base import Page
from anhorigdesk.ui.qt import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QTableView,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from anhorigdesk.ui.widgets import Heading, Muted, fit_rows
from anhorigdesk.workspace import short_term


def _table(model: RowsModel, parent: QWidget, name: str) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.setAccessibleName(name)
    fit_rows(view)
    return view


class CarerPicker(QDialog):
    """Choose the carer a new stay is for: type to search, pick from the list."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.chosen: dict[str, Any] | None = None
        self.search = QLineEdit(self)
        self.results = QListWidget(self)
        # a long "born · address · cares for" wraps within the dialog rather than scrolling sideways
        self.results.setWordWrap(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        fit_rows(self.results)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.results.itemDoubleClicked.connect(lambda _i: self.accept())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(self.buttons)
        self._rows: list[dict[str, Any]] = []
        self.retranslate()
        self.resize(640, 400)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New stay"))
        self.search.setPlaceholderText(self.tr("Search for the carer by name…"))
        self.search.setAccessibleName(self.tr("Search for the carer"))
        self.results.setAccessibleName(self.tr("Carers found"))
        if self._rows:
            self._show(self._rows, keep_current=True)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _run_search(self) -> None:
        session = self.ctx.workspace
        text = self.search.text()
        if session is None:
            return

        def work(_ctx: Any) -> list[dict[str, Any]]:
            from anhorigdesk.ui.models.carers import with_hints

            return with_hints(session.repository, session.repository.search(session.actor, text, limit=30))

        task = self.ctx.runner.submit(work, name="korttid-carer-search")
        task.finished.connect(lambda rows, t=text: self._show(rows) if t == self.search.text() else None)

    def _show(self, rows: list[dict[str, Any]], *, keep_current: bool = False) -> None:
        """Each carer found with what tells them apart (birth year, address, cared-for)."""
        self._rows = rows
        current = self.results.currentRow() if keep_current else 0
        self.results.clear()
        lab = labels()
        for row in rows:
            match = lab.search_match(row.get("snippet"))  # under the name: why the search found them
            item = QListWidgetItem(lab.carer_with_hint(row["name"], row.get("hint")) + (f"\n{match}" if match else ""))
            item.setToolTip(item.text())
            item.setData(Qt.ItemDataRole.UserRole, row)
            self.results.addItem(item)
        if rows:
            self.results.setCurrentRow(current if 0 <= current < len(rows) else 0)

    def accept(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        super().accept()


class ShortTermPage(Page):
    nav_key = "shortterm"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.today = date.today()
        self.form: Any = None
        # where the list came from: (origin, bundle version) of the workspace's registry
        self.material: tuple[str, int | None] = ("builtin", None)
        self.stays: list[short_term.Stay] = []
        self.term_start, self.term_end = short_term.term_bounds(self.today)
        # create
        self.heading = Heading(1.5, self)
        self.intro = Muted(self)
        # whose list this is: the unit's own, the municipality's, or the example municipality's
        self.material_note = QLabel(self)
        self.material_note.setObjectName("material_note")
        self.material_note.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.stays_model = RowsModel(self._stay_headers, self)
        self.routines_model = RowsModel(self._routine_headers, self)
        self.term_model = RowsModel(self._term_headers, self)
        stays_tab, routines_tab, term_tab = QWidget(self), QWidget(self), QWidget(self)
        self.stays_view = _table(self.stays_model, stays_tab, "stays")
        self.routines_view = _table(self.routines_model, routines_tab, "routines")
        self.term_view = _table(self.term_model, term_tab, "term")
        self.stays_empty = Muted(stays_tab)
        self.new_stay = QPushButton(stays_tab)
        self.open_stay = QPushButton(stays_tab)
        self.prev_term = QPushButton(term_tab)
        self.next_term = QPushButton(term_tab)
        self.term_title = QLabel(term_tab)
        self.term_note = Muted(term_tab)
        self.routines_note = Muted(routines_tab)
        self.print_list = QPushButton(routines_tab)
        # connect
        self.new_stay.clicked.connect(self._new_stay)
        self.open_stay.clicked.connect(self._open_selected)
        self.stays_view.doubleClicked.connect(lambda _i: self._open_selected())
        self.print_list.clicked.connect(self._print_list)
        self.prev_term.clicked.connect(lambda: self._move_term(-1))
        self.next_term.clicked.connect(lambda: self._move_term(+1))
        # assemble
        stays_buttons = QHBoxLayout()
        stays_buttons.addWidget(self.new_stay)
        stays_buttons.addWidget(self.open_stay)
        stays_buttons.addStretch(1)
        stays_layout = QVBoxLayout(stays_tab)
        stays_layout.addLayout(stays_buttons)
        stays_layout.addWidget(self.stays_view)
        stays_layout.addWidget(self.stays_empty)
        routines_layout = QVBoxLayout(routines_tab)
        routines_bar = QHBoxLayout()
        routines_bar.addWidget(self.routines_note, 1)
        routines_bar.addWidget(self.print_list)
        routines_layout.addLayout(routines_bar)
        routines_layout.addWidget(self.routines_view)
        term_bar = QHBoxLayout()
        term_bar.addWidget(self.prev_term)
        term_bar.addWidget(self.term_title, 1, Qt.AlignmentFlag.AlignCenter)
        term_bar.addWidget(self.next_term)
        term_layout = QVBoxLayout(term_tab)
        term_layout.addLayout(term_bar)
        term_layout.addWidget(self.term_view)
        term_layout.addWidget(self.term_note)
        self._stays_tab, self._routines_tab, self._term_tab = stays_tab, routines_tab, term_tab
        self.tabs.addTab(stays_tab, "")
        self.tabs.addTab(routines_tab, "")
        self.tabs.addTab(term_tab, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.material_note)
        layout.addSpacing(8)
        layout.addWidget(self.tabs, 1)
        self.retranslate()

    # texts -------------------------------------------------------------------
    def _stay_headers(self) -> list[str]:
        return [self.tr("Carer"), self.tr("Stay began"), self.tr("Stay ends"), self.tr("Routines done"),
                self.tr("State")]

    def _routine_headers(self) -> list[str]:
        return [self.tr("What we do and say"), self.tr("Who"), self.tr("When"), self.tr("How"), self.tr("Where")]

    def _term_headers(self) -> list[str]:
        return [self.tr("Routine"), self.tr("Done"), self.tr("Partly"), self.tr("Not done"),
                self.tr("Not relevant"), self.tr("Held")]

    def page_title(self) -> str:
        return self.tr("Short-term unit")

    def _language(self) -> str:
        return self.ctx.languages.language or "sv"

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Short-term unit"))
        self.heading.setAccessibleName(self.tr("Short-term unit"))
        self.intro.setText(self.tr(
            "The unit's own list of what matters to carers during a stay: who does what, when, how "
            "and where, run with the carer for each stay and followed up each term."))
        self.tabs.setTabText(0, self.tr("Stays"))
        self.tabs.setTabText(1, self.tr("Our list"))
        self.tabs.setTabText(2, self.tr("Term follow-up"))
        self.new_stay.setText(self.tr("New stay…"))
        self.new_stay.setAccessibleName(self.tr("Start a new stay"))
        self.open_stay.setText(self.tr("Open"))
        self.open_stay.setAccessibleName(self.tr("Open the selected stay"))
        self.prev_term.setText(self.tr("◀ Previous term"))
        self.prev_term.setAccessibleName(self.tr("Previous term"))
        self.next_term.setText(self.tr("Next term ▶"))
        self.next_term.setAccessibleName(self.tr("Next term"))
        self.print_list.setText(self.tr("&Print the list for carers…"))
        self.print_list.setAccessibleName(self.tr("Print the unit's list for carers"))
        self.routines_note.setText(self.tr(
            "The list is the unit's korttid form in the material the municipality publishes on the "
            "server; laptops receive a new version at sync."))
        self._set_material_note()
        for model in (self.stays_model, self.routines_model, self.term_model):
            model.retranslate()
        self._fill_stays()
        self._fill_routines()
        self._set_term_title()
        summary = getattr(self, "_summary", None)
        if summary is not None:
            self._fill_term(summary)  # its note is built from the counts: said again

    # loading -----------------------------------------------------------------
    def on_shown(self, argument: object = None) -> None:
        self.today = date.today()
        self.reload()

    def reload(self) -> None:
        session = self.ctx.workspace
        if session is None:
            return
        today, start, end = self.today, self.term_start, self.term_end

        def work(_ctx: Any) -> tuple[Any, list[short_term.Stay], short_term.TermSummary, tuple[str, int | None]]:
            registry = session.form_registry()  # the one registry: the unit's own list if published
            form = registry.current(short_term.FORM_ID)
            stays = session.short_term_stays(form, today=today)
            summary = session.short_term_summary(form, start, end)
            return form, stays, summary, (registry.origin(short_term.FORM_ID), registry.material_version)

        task = self.ctx.runner.submit(work, name="korttid")
        task.finished.connect(self._loaded)
        task.failed.connect(lambda _e: self.status_message.emit(self.tr("The short-term list could not be loaded.")))

    def _loaded(self, result: tuple[Any, list[short_term.Stay], short_term.TermSummary, tuple[str, int | None]]) -> None:
        self.form, self.stays, summary, self.material = result
        self._set_material_note()
        self._fill_stays()
        self._fill_routines()
        self._fill_term(summary)

    def _fill_stays(self) -> None:
        rows, keys = [], []
        for stay in self.stays:
            if stay.is_draft:
                state = self.tr("Being filled in (draft)")
            elif stay.running_on(self.today):
                state = self.tr("Ongoing")
            else:
                state = self.tr("Ended")
            rows.append((stay.carer_name, stay.start.isoformat() if stay.start else "",
                         stay.end.isoformat() if stay.end else "",
                         f"{stay.items_handled} / {stay.items_total}", state))
            keys.append(stay)
        self.stays_model.set_rows(rows, keys)
        self.stays_empty.setVisible(not rows)
        self.stays_empty.setText(self.tr(
            "No ongoing or recent stays. Start one with “New stay…” when a person comes for short-term care."))
        self.open_stay.setEnabled(bool(rows))

    def _set_material_note(self) -> None:
        origin, version = self.material
        if version is None:
            text = self.tr("Example material: this is the example municipality's list (Exempelkommunen, "
                           "Exempelby kommun). Your municipality's own material replaces it when it has "
                           "been published on the server and this laptop has synced.")
        elif origin == "unit":
            text = self.tr("Your unit's own list, published by the municipality (material version %1).")
        elif origin == "municipality":
            text = self.tr("The municipality's list (material version %1); your unit has no list of its own.")
        else:
            text = self.tr("Example material: the municipality's material (version %1) has no korttid list, "
                           "so the example municipality's list (Exempelkommunen) is shown.")
        self.material_note.setText(text.replace("%1", str(version)))
        example = origin == "builtin"
        self.material_note.setProperty("example", example)
        # the example material stands out: an amber bar beside it and bold text (the text keeps
        # the palette's colour, so it reads on light and dark palettes)
        self.material_note.setStyleSheet(
            "QLabel { font-weight: 600; border: none; border-left: 4px solid #c77700; padding: 4px 8px; }"
            if example else "")

    def _fill_routines(self) -> None:
        if self.form is None:
            self.routines_model.set_rows([])
            return
        lang = self._language()
        rows = [(q.text.get(lang), t["who"], t["when"], t["how"], t["where"])
                for q, t in short_term.routine_texts(self.form, lang)]
        self.routines_model.set_rows(rows)

    def _fill_term(self, summary: short_term.TermSummary) -> None:
        self._summary = summary
        texts = {q.id: q.text.get(self._language()) for q in short_term.checklist_items(self.form)} if self.form else {}
        rows = []
        for t in summary.routines:
            share = "–" if t.held_share is None else f"{round(t.held_share * 100)} %"
            rows.append((texts.get(t.question_id, t.question_id), t.done, t.partly, t.not_done, t.not_relevant, share))
        self.term_model.set_rows(rows)
        self._set_term_title()
        if summary.stays == 0:
            note = self.tr("No stays began this term.")
        else:
            weakest = [texts.get(t.question_id, t.question_id).rstrip(". ") for t in summary.weakest(2)
                       if t.held_share is not None and t.held_share < 0.75]
            note = self.tr("%n stay(s) began this term.", "", summary.stays)
            if weakest:
                note += " " + self.tr("Held least often: %1.").replace("%1", "; ".join(weakest))
        self.term_note.setText(note)

    def _set_term_title(self) -> None:
        self.term_title.setText(short_term.term_label(self.term_start, self._language()))

    def _move_term(self, step: int) -> None:
        if step < 0:
            self.term_start, self.term_end = short_term.term_bounds(self.term_start - timedelta(days=1))
        else:
            self.term_start, self.term_end = short_term.term_bounds(self.term_end + timedelta(days=1))
        self.reload()

    # actions -----------------------------------------------------------------
    def _selected(self) -> short_term.Stay | None:
        index = self.stays_view.currentIndex()
        return self.stays_model.key(index.row()) if index.isValid() else None

    def _open_selected(self) -> None:
        stay = self._selected()
        if stay is None:
            return
        if stay.draft is not None:
            self.navigate.emit("entry", {"draft": stay.draft})
        else:
            self.navigate.emit("carer", stay.carer_id)

    def _print_list(self) -> Any:
        from anhorigdesk.ui.printing.unit_list import UnitListPrintDialog

        profile = getattr(self.ctx.workspace, "profile", None) if self.ctx.workspace else None
        dialog = UnitListPrintDialog(self.ctx, getattr(profile, "unit_name", "") or "", self)
        self.print_dialog = dialog
        dialog.open()
        dialog.render()
        return dialog

    def _new_stay(self) -> None:
        picker = CarerPicker(self.ctx, self)
        if picker.exec() == QDialog.DialogCode.Accepted and picker.chosen:
            self.navigate.emit("entry", {"carer_id": picker.chosen["id"], "kind": short_term.FORM_ID,
                                         "carer_name": picker.chosen["name"]})
