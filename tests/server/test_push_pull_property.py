"""Property: whatever order, repetition and loss of answers the pushes see, the log holds
every mutation exactly once, pulls deliver them all, integrity and merged state agree."""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anhorigdesk.replication.integrity import combine, scope_checksum
from anhorigdesk.replication.merge import merge
from anhorigdesk.server.db import Database
from anhorigdesk.server.messages import ApiError
from anhorigdesk.server.migrations import migrate
from anhorigdesk.server.security import Passwords
from anhorigdesk.server.store import ServerStore

PASSWORDS = Passwords(fast=True)
CARERS = ["carer-a", "carer-b", "carer-c"]

actions = st.lists(
    st.tuples(
        st.integers(0, 2),  # which client
        st.integers(-3, 3),  # start relative to what the client believes is acked
        st.integers(1, 6),  # batch size
        st.booleans(),  # the answer is lost on the way back
        st.booleans(),  # the batch arrives shuffled
        st.randoms(use_true_random=False),
    ),
    max_size=25,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sizes=st.lists(st.integers(0, 12), min_size=3, max_size=3),
    steps=actions,
    texts=st.lists(st.sampled_from(["a", "b", "c"]), min_size=36, max_size=36),
)
def test_exactly_once_whatever_the_network_does(sizes, steps, texts) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'server.db'}")
        migrate(db)
        store = ServerStore(db, passwords=PASSWORDS)
        unit = store.create_unit("Enhet")
        principals, access_tokens, outboxes = [], [], []
        for i, size in enumerate(sizes):
            store.create_user(f"u{i}", "lösenord-1234", [unit], "care_worker")
            tokens = store.login(f"u{i}", "lösenord-1234", f"dev{i}", "d", "127.0.0.1")
            principal = store.authenticate(tokens["access_token"])
            principals.append(principal)
            access_tokens.append(tokens["access_token"])
            outbox = []
            for seq in range(1, size + 1):
                carer = CARERS[(seq + i) % 3]
                outbox.append(
                    {
                        "mutation_id": uuid.uuid4().hex,
                        "client_id": f"dev{i}",
                        "seq": seq,
                        "entity": "carer",
                        "entity_id": carer,
                        "op": "upsert",
                        "fields": {"notes": texts[(i * 12 + seq - 1) % 36]},
                        "base": {},
                        "hlc": f"{1000 + seq:016d}-00000-dev{i}",
                        "carer_id": carer,
                        "unit_ids": [unit],
                        "actor": {"staff_id": principal.user_id, "unit_id": unit},
                    }
                )
            outboxes.append(outbox)
        believed = [0, 0, 0]  # highest seq each client has seen acknowledged

        def push(i: int, batch: list[dict], lose: bool) -> None:
            try:
                result = store.push(principals[i], batch, None, "127.0.0.1")
            except ApiError as exc:
                assert exc.code in ("seq_gap", "seq_reused"), exc.code
                if exc.code == "seq_gap" and not lose:
                    believed[i] = exc.params["expected_seq"] - 1
                return
            if not lose:
                believed[i] = max(believed[i], result["acked_through_seq"])

        for i, offset, size, lose, shuffle, rnd in steps:
            start = max(0, believed[i] + offset)
            batch = outboxes[i][start : start + size]
            if not batch:
                continue
            if shuffle:
                batch = list(batch)
                rnd.shuffle(batch)
            push(i, batch, lose)
        for i in range(3):  # finally every client catches up without losses
            while believed[i] < len(outboxes[i]):
                push(i, outboxes[i][believed[i] : believed[i] + 5], False)

        everything = [m for outbox in outboxes for m in outbox]
        observer = principals[0]
        changes, cursor = [], 0
        while True:
            page = store.pull_with_token(access_tokens[0], cursor, 7, None, "127.0.0.1")
            changes.extend(page["changes"])
            cursor = page["next_cursor"]
            if not page["has_more"]:
                break
        assert sorted(c["mutation_id"] for c in changes) == sorted(
            m["mutation_id"] for m in everything
        )
        assert [c["server_seq"] for c in changes] == list(range(1, len(everything) + 1))
        for i, outbox in enumerate(outboxes):  # per client, the log keeps seq order
            mine = [c["seq"] for c in changes if c["client_id"] == f"dev{i}"]
            assert mine == list(range(1, len(outbox) + 1))
        expected = {}
        for carer in CARERS:
            ids = [m["mutation_id"] for m in everything if m["carer_id"] == carer]
            if ids:
                expected[carer] = {"count": len(ids), "checksum": scope_checksum(ids)}
        digest = combine((v["count"], v["checksum"]) for v in expected.values())
        assert (page["integrity"]["count"], page["integrity"]["checksum"]) == digest
        assert store.integrity(observer, cursor, None)["scopes"] == expected
        old_client = store.pull_with_token(
            access_tokens[0], cursor, 7, None, "127.0.0.1", protocol=1
        )
        assert old_client["integrity"]["scopes"] == expected
        local = merge(everything)
        for carer in expected:
            (entity,) = store.state(observer, carer, "127.0.0.1")["entities"]
            assert entity == local[("carer", carer)].view()
        db.close()
