"""The application layer: one open profile as the application sees it (:class:`Workspace`).

Between the screens (``ui/``) and the core (``store/``, ``scheduling/``, ``forms/``,
``printing/``, ``sync/``). Its modules hold the rules that read and write through the
repository on the screens' behalf: ``agenda`` (due lists), ``responses`` (finishing a form),
``short_term`` (the short-term unit's stays, korttid), ``marking`` (markings and consent).
Pure rules that need no store live in ``domain/`` (personnummer). Qt-free.

Exports load on first use (``_lazy.py``): importing ``anhorigdesk.workspace.agenda`` does not
load the workspace, and the other way round.
"""

from anhorigdesk._lazy import lazy_exports

__getattr__, __dir__ = lazy_exports(__name__, {"Workspace": "workspace", "Unlocking": "workspace"})
__all__ = ["Unlocking", "Workspace"]
