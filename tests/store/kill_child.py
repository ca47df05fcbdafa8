"""Child process for the SIGKILL test: writes carers and entries, printing each acknowledged id.

The key arrives on standard input (never in argv or the environment).
"""

from __future__ import annotations

import sys

from anhorigdesk.store import Actor, Change, Database, Repository


def main() -> None:
    path = sys.argv[1]
    key = bytes.fromhex(sys.stdin.readline().strip())
    db = Database(path, key, create=True)
    repo = Repository(db)
    actor = Actor("staff-kill", "unit-kill", "Kill Test")
    print("ready", flush=True)
    i = 0
    while True:
        i += 1
        if i % 3 == 0:
            ids = repo.write(actor, [Change("carer", {"name": f"Batch {i} {k}"}) for k in range(5)])
        else:
            ids = [repo.create_carer(actor, name=f"Enskild {i}", notes="x" * (i % 500))]
        print(" ".join(ids), flush=True)


if __name__ == "__main__":
    main()
