"""A laptop the administrator revoked (lost or stolen): tell the person why, then remove
the profile's data from this computer.

The sync controller says ``device_revoked`` only when the server this profile signed in
to answered this laptop's own token with 403 ``device_revoked`` naming this laptop
(``sync.protocol.DeviceRevoked``): never for a network error, a server error, or a
server that did not issue the token. Then, in this order:

1. the notice shows (why, and what happens now);
2. the main window hides (no record stays on screen) and sync stops;
3. on the store's task runner, after what is queued there: the database closes and the
   profile is removed (``sync.account.remove_revoked_profile``: the sync tokens in the
   keychain, the database, profile.json and the database key);
4. the notice says that it is done (or that it could not be done completely); its OK
   closes the program.

The removal starts while the notice is on screen, so that a laptop whose program is
stopped while the notice waits for a click has no data left either.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from anhorigdesk.profiles import ProfileManager
from anhorigdesk.sync import account as accounts
from anhorigdesk.ui.qt import QCoreApplication, QMessageBox, QWidget

log = logging.getLogger("anhorigdesk.ui.sync")


class RevokedNotice(QMessageBox):
    """Why this computer's profile is being removed; OK only once the removal ended."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("revokedNotice")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(QCoreApplication.translate("SyncRevoked", "This computer is blocked"))
        self.setText(QCoreApplication.translate(
            "SyncRevoked", "Your administrator has blocked this computer from the sync server, "
            "as reported lost or stolen."))
        self.setInformativeText(QCoreApplication.translate(
            "SyncRevoked", "To protect the carers' data, this profile and everything in it are now removed "
            "from this computer, also changes that were not yet sent to the server. "
            "What was synced is kept on the server. If this is a mistake, ask your "
            "administrator."))
        self.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.ok_button = self.button(QMessageBox.StandardButton.Ok)
        self.ok_button.setEnabled(False)
        self.removed: bool | None = None

    def removal_finished(self, removed: bool) -> None:
        self.removed = removed
        if removed:
            self.setInformativeText(QCoreApplication.translate(
                "SyncRevoked", "The profile and its data have been removed from this computer. "
                "AnhörigDesk closes when you press OK."))
        else:
            self.setInformativeText(QCoreApplication.translate(
                "SyncRevoked", "The profile could not be removed completely. Do not use this computer for "
                "AnhörigDesk; contact IT support. AnhörigDesk closes when you press OK."))
        self.ok_button.setEnabled(True)


def remove_profile_after_telling(app: Any, window: Any, *,
                                 then: Callable[[], None] | None = None) -> RevokedNotice:
    """Carry out the steps of the module text for the open profile of ``app`` (the
    ``AppController``); ``then`` runs once the person has pressed OK (default: quit)."""
    session = app.ctx.workspace
    notice = RevokedNotice()
    notice.show()
    window.hide()
    if app.sync is not None:
        app.sync.shutdown()
        app.sync = None
        app.ctx.sync = None
    # from here the program holds no open profile: quitting saves no draft into it
    app.ctx.workspace = None
    app.window = None
    manager = ProfileManager(app.ctx.data_dir)
    profile, close = session.profile, session.close

    def job(_ctx: Any) -> None:
        accounts.remove_revoked_profile(manager, profile, close=close)

    def failed(exc: BaseException) -> None:
        log.error("the revoked profile could not be removed completely (%s)", type(exc).__name__)
        notice.removal_finished(False)

    task = app.ctx.runner.submit(job, name="remove_revoked_profile")
    task.finished.connect(lambda _result: notice.removal_finished(True))
    task.failed.connect(failed)
    notice.finished.connect(lambda _code: (then or app.app.quit)())
    return notice


__all__ = ["RevokedNotice", "remove_profile_after_telling"]
