"""The bundle's entry point (PyInstaller runs this file as ``__main__``).

It is ``python -m anhorigdesk``: the same ``main`` as the ``anhorigdesk`` command, so
``AnhorigDesk demo …`` and ``AnhorigDesk --data-dir DIR`` work from the bundle too.
"""

import sys

from anhorigdesk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
