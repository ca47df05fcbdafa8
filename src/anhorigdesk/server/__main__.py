"""``anhorigdesk-server``: serve the sync protocol, or administer accounts.

    anhorigdesk-server [serve] [--host H] [--port P] [--certfile F --keyfile K]
                       [--proxy-headers [--forwarded-allow-ips ADDR[,ADDR...]]]
    anhorigdesk-server admin create-unit NAME
    anhorigdesk-server admin create-user USERNAME --unit ID [--unit ID] --role R [--password-stdin]
    anhorigdesk-server admin reset-password USERNAME [--password-stdin]
    anhorigdesk-server admin set-units USERNAME --unit ID [--unit ID]
    anhorigdesk-server admin disable-user USERNAME | enable-user USERNAME
    anhorigdesk-server admin list-units | list-users | list-sessions [--user U] | restore-marker | migrate | log-stats
    anhorigdesk-server admin compact-log --before YYYY-MM-DD [--dry-run]
    anhorigdesk-server admin list-devices [--user U] | revoke-device DEVICE_ID
    anhorigdesk-server admin backup FILE | restore FILE --yes
    anhorigdesk-server admin gallring --dry-run | --run | --deliver DIR [--today YYYY-MM-DD]
    anhorigdesk-server admin quarantine list [--all] | show ID [--values] | retire ID [--note TEXT]
    anhorigdesk-server admin publish DIR [--by NAME] | list-bundles

Common options (before or after the command): --data-dir DIR, --database-url URL.
"""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from anhorigdesk.server import config
from anhorigdesk.server.db import Database, DatabaseError
from anhorigdesk.server.logs import LOG_FORMATS
from anhorigdesk.server.migrations import migrate
from anhorigdesk.server.store import ROLES, AdminError, ServerStore

# The proxies whose X-Forwarded-For --proxy-headers trusts unless told: one on this computer.
DEFAULT_FORWARDED_ALLOW_IPS = "127.0.0.1,::1"


def _common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--data-dir",
        default=default,
        help=f"data directory (default: ${config.DATA_DIR_ENV} or the platform's data dir)",
    )
    parser.add_argument(
        "--database-url",
        default=default,
        help="sqlite:///path or postgresql://user@host/db "
        f"(default: ${config.DATABASE_URL_ENV} or SQLite in the data dir)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="anhorigdesk-server", description=__doc__.split("\n")[0])
    _common(parser, top=True)
    commands = parser.add_subparsers(dest="command")

    serve = commands.add_parser("serve", help="serve the sync protocol (the default)")
    _common(serve, top=False)
    serve.add_argument("--host", default=config.DEFAULT_HOST)
    serve.add_argument("--port", type=int, default=config.DEFAULT_PORT)
    serve.add_argument("--certfile", help="TLS certificate (PEM): serve HTTPS")
    serve.add_argument("--keyfile", help="TLS private key (PEM)")
    serve.add_argument("--log-level", default="info")
    serve.add_argument(
        "--log-format",
        choices=LOG_FORMATS,
        default="text",
        help="json: one JSON object a line, without client addresses (see server/logs.py)",
    )
    serve.add_argument(
        "--keep-alive", type=int, default=30, help="seconds an idle HTTP connection stays open"
    )
    serve.add_argument(
        "--proxy-headers",
        action="store_true",
        help="take the client's address from X-Forwarded-For (and the scheme from "
        "X-Forwarded-Proto), only on connections from --forwarded-allow-ips",
    )
    serve.add_argument(
        "--forwarded-allow-ips",
        default=None,
        help="comma-separated addresses or networks of the proxies whose X-Forwarded-For is "
        f"trusted (default {DEFAULT_FORWARDED_ALLOW_IPS}: a proxy on this computer); '*' is refused",
    )

    admin = commands.add_parser("admin", help="manage units, users and sessions")
    _common(admin, top=False)
    tasks = admin.add_subparsers(dest="task", required=True)

    p = tasks.add_parser("create-unit", help="create a unit; prints its id")
    _common(p, top=False)
    p.add_argument("name")

    p = tasks.add_parser("list-units", help="list units (id, name)")
    _common(p, top=False)

    p = tasks.add_parser("create-user", help="create a user in one or more units")
    _common(p, top=False)
    p.add_argument("username")
    p.add_argument("--unit", action="append", required=True, dest="units", help="unit id")
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")

    p = tasks.add_parser("reset-password", help="set a new password; ends the user's sessions")
    _common(p, top=False)
    p.add_argument("username")
    p.add_argument("--password-stdin", action="store_true")

    p = tasks.add_parser("set-units", help="replace the units a user belongs to")
    _common(p, top=False)
    p.add_argument("username")
    p.add_argument("--unit", action="append", required=True, dest="units", help="unit id")

    p = tasks.add_parser("disable-user", help="disable an account and end its sessions at once")
    _common(p, top=False)
    p.add_argument("username")

    p = tasks.add_parser(
        "enable-user", help="enable a disabled account again (it signs in anew on each laptop)"
    )
    _common(p, top=False)
    p.add_argument("username")

    p = tasks.add_parser(
        "list-users", help="list accounts: user name, role, disabled or not, units (tab-separated)"
    )
    _common(p, top=False)

    p = tasks.add_parser("list-sessions", help="list sessions (JSON lines)")
    _common(p, top=False)
    p.add_argument("--user")

    p = tasks.add_parser(
        "list-devices",
        help="list laptops: device id, user, name, last seen, revoked or not, live sessions (JSON lines)",
    )
    _common(p, top=False)
    p.add_argument("--user", help="only this user's laptops")

    p = tasks.add_parser(
        "revoke-device",
        help="refuse a lost or stolen laptop from now on (its sessions end; it cannot sign in; "
        "if it connects again it removes its copy of the data)",
    )
    _common(p, top=False)
    p.add_argument("device_id", help="the device id (see list-devices)")

    p = tasks.add_parser("restore-marker", help="after a restore: give the database a new epoch")
    _common(p, top=False)

    p = tasks.add_parser("migrate", help="apply pending schema migrations")
    _common(p, top=False)

    p = tasks.add_parser(
        "log-stats", help="size of the sync log and how much of it is superseded (JSON; read only)"
    )
    _common(p, top=False)

    p = tasks.add_parser(
        "compact-log",
        help="shorten superseded mutations received before a date to stubs (rows, ids, seqs stay)",
    )
    _common(p, top=False)
    p.add_argument("--before", required=True, help="YYYY-MM-DD (UTC) or an ISO time with a zone")
    p.add_argument("--dry-run", action="store_true", help="count only, change nothing")

    p = tasks.add_parser(
        "backup", help="write a consistent copy of the database to FILE while it serves"
    )
    _common(p, top=False)
    p.add_argument("file", help="SQLite: a copy of the file; PostgreSQL: a pg_dump custom archive")
    p = tasks.add_parser(
        "restore",
        help="replace the database with a backup, migrate it, give it a new epoch "
        "(stop every server process first)",
    )
    _common(p, top=False)
    p.add_argument("file")
    p.add_argument("--yes", action="store_true", help="yes, replace the whole database")
    # the municipality's material (docs/MUNICIPALITY.md, docs/PROTOCOL-3.md part G)
    p = tasks.add_parser(
        "publish",
        help="check a municipality bundle folder (forms, units/<unit_id>/forms, printing texts, "
        "municipality.yaml and logo) and publish it as the next version; laptops get it at sync",
    )
    p.add_argument("folder", metavar="DIR")
    p.add_argument("--by", default=None, help="who publishes (default: the operating-system user)")
    _common(p, top=False)
    p = tasks.add_parser("list-bundles", help="the published versions of the municipality bundle (JSON lines)")
    _common(p, top=False)

    # gallring (#13, docs/GALLRING.md): thin out what the retention rules say is due
    p = tasks.add_parser(
        "gallring",
        help="thin out carers whose last activity is older than the retention period "
        "(--dry-run | --run), or deliver kept ones to the archive (deliver DIR)",
    )
    _common(p, top=False)
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--dry-run", action="store_true", help="report only, change nothing")
    mode.add_argument("--run", action="store_true", help="thin out (resumes a run cut off)")
    mode.add_argument("--deliver", metavar="DIR",
                      help="write kept carers to DIR (JSON and PDF), then thin them on the server")
    p.add_argument("--today", help="YYYY-MM-DD: the day the rules are applied for (default today)")
    p.add_argument("--research-days", default="5,15,25",
                   help="birth days kept for research, comma separated ('' for none)")
    p.add_argument("--representative", action="store_true",
                   help="this municipality is chosen as representative: keep everything")
    p.add_argument("--thin-without-personnummer", action="store_true",
                   help="thin carers without a personnummer (default: keep them)")
    p.add_argument("--log-years", default="10",
                   help="years the access logs are kept, then thinned (default 10)")
    # quarantine (docs/PROTOCOL-3.md A.5, C): stored mutations that fail today's checks
    p = tasks.add_parser(
        "quarantine", help="stored mutations that fail the checks: list, show, retire (set aside)"
    )
    quarantine = p.add_subparsers(dest="quarantine_task", metavar="TASK", required=True)
    q = quarantine.add_parser(
        "list", help="check the stored log; one JSON line per offending mutation (no values)"
    )
    _common(q, top=False)
    q.add_argument("--all", action="store_true", help="also those already set aside")
    q = quarantine.add_parser("show", help="one stored mutation: envelope, field names, offence")
    _common(q, top=False)
    q.add_argument("mutation_id")
    q.add_argument("--values", action="store_true", help="also print the field values")
    q = quarantine.add_parser(
        "retire", help="set a mutation aside (reason retired): laptops drop its content"
    )
    _common(q, top=False)
    q.add_argument("mutation_id")
    q.add_argument("--note", help="why (kept in the set_aside table)")
    _access_log_parser(tasks)
    return parser


def _access_log_parser(tasks: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """``admin access-log``: the laptops' access log for an investigation (issue #14),
    JSON lines out; every read is itself logged."""
    p = tasks.add_parser(
        "access-log", help="the laptops' access log of a unit: rows, monthly sample, policy"
    )
    sub = p.add_subparsers(dest="access_log_task", metavar="TASK", required=True)
    q = sub.add_parser("rows", help="a unit's rows, newest first, filtered (JSON lines)")
    _common(q, top=False)
    q.add_argument("--unit", required=True, help="unit id")
    q.add_argument("--person", help="a carer's (or cared-for person's) id")
    q.add_argument("--staff", help="a staff member's user id")
    q.add_argument("--since", help="from this time (ISO, laptop time, inclusive)")
    q.add_argument("--until", help="before this time (ISO, exclusive)")
    q.add_argument("--action", help="an action or its prefix (read, print, export...)")
    q.add_argument("--limit", type=int, default=1000)
    q = sub.add_parser("sample", help="a unit's monthly sample (drawn once; JSON lines)")
    _common(q, top=False)
    q.add_argument("--unit", required=True)
    q.add_argument("--month", required=True, help="YYYY-MM")
    q = sub.add_parser("policy", help="show or set the review policy (JSON)")
    _common(q, top=False)
    q.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                   help="sample_size, work_start_hour, work_end_hour, weekdays_only, "
                   "burst_people, burst_minutes, timezone")


def _access_log(store: ServerStore, args: argparse.Namespace) -> None:
    from dataclasses import asdict, fields

    from anhorigdesk.server.messages import ApiError
    from anhorigdesk.server.store.log_review import ReviewPolicy

    try:
        if args.access_log_task == "rows":
            page = store.review_rows(
                None, args.unit, person_id=args.person, staff_id=args.staff, since=args.since,
                until=args.until, action=args.action, limit=args.limit,
            )
            entries = page["entries"]
        elif args.access_log_task == "sample":
            entries = store.review_sample(None, args.unit, args.month)["entries"]
        else:
            kinds = {f.name: f.type for f in fields(ReviewPolicy)}
            changes: dict[str, object] = {}
            for item in args.set:
                key, sep, value = item.partition("=")
                if not sep or key not in kinds:
                    raise AdminError(f"--set {item!r}: KEY=VALUE, KEY one of {', '.join(kinds)}")
                kind = kinds[key]
                if kind in ("int", int):
                    try:
                        changes[key] = int(value)
                    except ValueError:
                        raise AdminError(f"--set {key}: {value!r} is not a whole number") from None
                elif kind in ("bool", bool):
                    changes[key] = value.lower() in ("1", "true", "yes", "ja")
                else:
                    changes[key] = value
            policy = store.set_review_policy(**changes) if changes else store.review_policy()
            print(json.dumps(asdict(policy), ensure_ascii=False))
            return
    except ApiError as exc:
        raise AdminError(f"{exc.code}: {exc.params}") from None
    for entry in entries:
        print(json.dumps(entry, ensure_ascii=False))


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Lösenord / Password: ")
    second = getpass.getpass("Upprepa / Repeat: ")
    if first != second:
        raise AdminError("the two passwords differ")
    return first


def open_store(args: argparse.Namespace) -> ServerStore:
    config.secure_data_dir(args.data_dir, args.database_url)
    db = Database(config.database_url(args.database_url, args.data_dir))
    migrate(db)
    return ServerStore(db)


def _restore(args: argparse.Namespace) -> int:
    from anhorigdesk.server.backup import BackupError, restore

    if not args.yes:
        raise AdminError(
            "restore replaces the whole database with the backup: stop every server "
            "process, then run it again with --yes"
        )
    url = config.database_url(args.database_url, args.data_dir)
    try:
        restore(Database(url), args.file)
    except BackupError as exc:
        raise AdminError(str(exc)) from None
    store = open_store(args)  # migrations the backup predates
    try:
        print(f"restored {args.file}; new epoch {store.restore_marker()}")
    finally:
        store.db.close()
    return 0


def _admin(args: argparse.Namespace) -> int:
    if args.task == "restore":
        return _restore(args)
    store = open_store(args)
    try:
        if args.task == "create-unit":
            print(store.create_unit(args.name))
        elif args.task == "list-units":
            for unit in store.list_units():
                print(f"{unit['id']}\t{unit['name']}")
        elif args.task == "create-user":
            password = _read_password(args.password_stdin)
            print(store.create_user(args.username, password, args.units, args.role))
        elif args.task == "reset-password":
            ended = store.reset_password(args.username, _read_password(args.password_stdin))
            print(f"password changed; {ended} sessions ended")
        elif args.task == "set-units":
            store.set_user_units(args.username, args.units)
            print(f"{args.username}: units {', '.join(sorted(set(args.units)))}")
        elif args.task == "disable-user":
            print(f"user disabled; {store.disable_user(args.username)} sessions ended")
        elif args.task == "enable-user":
            if store.enable_user(args.username):
                print(f"{args.username}: enabled; the person signs in again on each laptop")
            else:
                print(f"{args.username}: was not disabled")
        elif args.task == "list-users":
            for user in store.list_users():
                state = "disabled" if user["disabled"] else "active"
                units = ", ".join(user["units"])
                print(f"{user['username']}\t{user['role']}\t{state}\t{units}")
        elif args.task == "list-sessions":
            for item in store.list_sessions(args.user):
                print(json.dumps(item, ensure_ascii=False))
        elif args.task == "list-devices":
            for device in store.list_devices(args.user):
                print(json.dumps(device, ensure_ascii=False))
        elif args.task == "revoke-device":
            ended = store.revoke_device(args.device_id)
            print(f"device {args.device_id} revoked; {ended} sessions ended")
        elif args.task == "restore-marker":
            print(f"new epoch {store.restore_marker()}")
        elif args.task == "migrate":
            print("schema is up to date")
        elif args.task == "log-stats":
            from anhorigdesk.server.log_stats import log_stats

            print(json.dumps(log_stats(store.db).to_json(), indent=2))
        elif args.task == "compact-log":
            from anhorigdesk.server.compaction import CompactionError, compact_log, parse_before

            try:
                before = parse_before(args.before)
            except CompactionError as exc:
                raise AdminError(str(exc)) from None
            result = compact_log(store.db, before=before, dry_run=args.dry_run)
            print(json.dumps(result.to_json(), indent=2))
        elif args.task == "backup":
            from anhorigdesk.server.backup import BackupError, backup

            try:
                print(json.dumps(backup(store.db, args.file).to_json()))
            except BackupError as exc:
                raise AdminError(str(exc)) from None
        elif args.task == "quarantine":
            _quarantine(store, args)
        elif args.task == "gallring":
            _gallring(store, args)
        elif args.task == "access-log":
            _access_log(store, args)
        elif args.task == "publish":
            try:
                by = args.by or getpass.getuser()
            except (KeyError, OSError):  # no user name in this environment (a container)
                by = "admin"
            print(json.dumps(store.publish_bundle(args.folder, by=by)))
        elif args.task == "list-bundles":
            for item in store.list_bundles():
                print(json.dumps(item, ensure_ascii=False))
    finally:
        store.db.close()
    return 0


def _gallring(store: ServerStore, args: argparse.Namespace) -> None:
    from datetime import date

    from anhorigdesk.lifecycle.retention import RetentionPolicy
    from anhorigdesk.server import gallring
    from anhorigdesk.server.store.purge import PurgeError

    try:
        if args.deliver:
            print(json.dumps(gallring.deliver(store.db, Path(args.deliver))))
            return
        try:
            today = date.fromisoformat(args.today) if args.today else date.today()
        except ValueError:
            raise AdminError(f"--today {args.today!r}: not a date (YYYY-MM-DD)") from None
        try:
            log_years = int(args.log_years)
        except ValueError:
            raise AdminError(f"--log-years {args.log_years!r}: not a whole number of years") from None
        try:
            days = frozenset(int(d) for d in args.research_days.split(",") if d.strip())
            policy = RetentionPolicy(research_days=days, representative=args.representative,
                                     keep_without_personnummer=not args.thin_without_personnummer)
        except ValueError as exc:
            raise AdminError(f"--research-days {args.research_days!r}: {exc}") from None
        try:
            policy = RetentionPolicy(research_days=policy.research_days,
                                     representative=policy.representative,
                                     keep_without_personnummer=policy.keep_without_personnummer,
                                     log_years=log_years)
        except ValueError as exc:
            raise AdminError(f"--log-years {args.log_years!r}: {exc}") from None
        report = gallring.run(store.db, today=today, policy=policy, dry_run=args.dry_run)
        print(json.dumps(report.to_json(), indent=2))
    except (gallring.GallringError, PurgeError) as exc:
        raise AdminError(str(exc)) from None


def _quarantine(store: ServerStore, args: argparse.Namespace) -> None:
    from anhorigdesk.server import validation

    try:
        if args.quarantine_task == "list":
            with store.db.transaction(snapshot=True) as tx:
                for offence in validation.scan_log(tx, include_set_aside=args.all):
                    print(json.dumps(offence.to_json(), ensure_ascii=False))
        elif args.quarantine_task == "show":
            with store.db.transaction() as tx:
                shown = validation.show(tx, args.mutation_id, values=args.values)
            print(json.dumps(shown, ensure_ascii=False, indent=2))
        else:
            with store.db.transaction(write=True) as tx:
                tx.lock_log()
                done = validation.retire(
                    tx, args.mutation_id, by="admin quarantine retire", at=store.now(),
                    note=args.note,
                )
            print(json.dumps(done, ensure_ascii=False))
    except validation.QuarantineError as exc:
        raise AdminError(str(exc)) from None


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from anhorigdesk.server.app import build_asgi

    if bool(args.certfile) != bool(args.keyfile):
        raise AdminError("--certfile and --keyfile go together")
    if args.forwarded_allow_ips is not None and not args.proxy_headers:
        raise AdminError("--forwarded-allow-ips has no effect without --proxy-headers: give both")
    allowed = (
        forwarded_allow_ips(args.forwarded_allow_ips or DEFAULT_FORWARDED_ALLOW_IPS)
        if args.proxy_headers
        else None
    )
    config.secure_data_dir(args.data_dir, args.database_url)
    url = config.database_url(args.database_url, args.data_dir)
    db = Database(url)
    migrate(db)
    store = ServerStore(db)
    scheme = "https" if args.certfile else "http"
    json_logs = args.log_format == "json"
    if json_logs:
        from anhorigdesk.server.logs import configure_json

        configure_json(args.log_level)
    logging.getLogger("anhorigdesk.server").info(
        "database %s", db.describe(), extra={"event": "start", "database": db.describe()}
    )
    print(f"anhorigdesk-server on {scheme}://{args.host}:{args.port} ({db.describe()})", flush=True)
    uvicorn.run(
        build_asgi(store),
        host=args.host,
        port=args.port,
        ssl_certfile=args.certfile,
        ssl_keyfile=args.keyfile,
        log_level=args.log_level,
        proxy_headers=args.proxy_headers,
        # never None: uvicorn would then read $FORWARDED_ALLOW_IPS, which may say "*"
        forwarded_allow_ips=allowed if allowed is not None else DEFAULT_FORWARDED_ALLOW_IPS,
        server_header=False,
        timeout_keep_alive=args.keep_alive,
        # JSON: keep the handlers of logs.configure_json; the access log is ours (no address)
        **({"log_config": None, "access_log": False} if json_logs else {}),
    )
    db.close()
    return 0


def forwarded_allow_ips(text: str) -> list[str]:
    """The proxies whose X-Forwarded-For is trusted: addresses or networks, never '*'
    (with '*', any client could name any address and so slip past the per-address login
    limit and write invented addresses into the access log)."""
    items = [item.strip() for item in text.split(",") if item.strip()]
    if not items:
        raise AdminError("--forwarded-allow-ips needs at least one address or network")
    for item in items:
        if item == "*":
            raise AdminError(
                "--forwarded-allow-ips '*' would trust any client's X-Forwarded-For: "
                "give the proxy's address or network (e.g. 10.0.0.5 or 10.0.0.0/24)"
            )
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise AdminError(
                f"--forwarded-allow-ips: {item!r} is not an IP address or network"
            ) from None
    return items


def with_command(arguments: list[str]) -> list[str]:
    """``anhorigdesk-server [options]`` alone means ``serve``."""
    if {"serve", "admin", "-h", "--help"} & set(arguments):
        return arguments
    return ["serve", *arguments]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(with_command(list(argv if argv is not None else sys.argv[1:])))
    for name in ("data_dir", "database_url"):
        if not hasattr(args, name):
            setattr(args, name, None)
    try:
        if args.command == "admin":
            return _admin(args)
        return _serve(args)
    except (AdminError, DatabaseError) as exc:
        print(f"anhorigdesk-server: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
