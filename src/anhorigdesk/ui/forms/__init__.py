"""The Qt renderer of form definitions (`anhorigdesk.forms`).

`FormWidget(definition, language="sv", answers=None, read_only=False, save_draft=None,
autosave_ms=5000)`: builds an editable form for any definition, all question kinds, keyboard
usable, conditions applied live, problems shown inline. `answers()` / `set_answers()`,
`finish()` (emits `finished(dict)` when valid), `changed()` and `draft_saved(dict)` signals,
`set_read_only()`, `set_language()`, `save_draft_now()`, `set_autosave_interval(ms)`.
"""

from __future__ import annotations

from anhorigdesk.ui.forms.form_widget import FormWidget

__all__ = ["FormWidget"]
