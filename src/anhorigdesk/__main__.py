"""Command line: ``anhorigdesk`` starts the app; ``anhorigdesk demo`` fills a demo profile."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from anhorigdesk import paths
from anhorigdesk.i18n import set_language


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="anhorigdesk", description="AnhörigDesk – stöd till anhöriga")
    parser.add_argument("--data-dir", help=f"data folder (default: ${paths.DATA_DIR_ENV} or the platform's)")
    parser.add_argument("--lang", choices=["sv", "en"], help="language of the interface (default: sv)")
    sub = parser.add_subparsers(dest="command")
    demo = sub.add_parser("demo", help="fill a profile with fictional demo data")
    demo.add_argument("--carers", type=int, default=200, help="number of fictional carers (default 200)")
    demo.add_argument("--entries-per-carer", type=int, default=20)
    demo.add_argument("--profile", default="Demo (fiktiv)", help="profile name (created if missing)")
    demo.add_argument("--unit", default="Anhörigstöd Exempelby", help="unit of a new demo profile")
    demo.add_argument("--passphrase-stdin", action="store_true",
                      help="read the profile passphrase from standard input instead of the keychain")
    demo.add_argument("--seed", type=int, default=1)
    return parser


def _passphrase(args: argparse.Namespace, *, confirm: bool) -> str:
    if args.passphrase_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Lösenfras / passphrase: ")
    if confirm and getpass.getpass("Igen / again: ") != first:
        raise SystemExit("Lösenfraserna är olika. / The passphrases differ.")
    return first


def run_demo(args: argparse.Namespace, data_dir: Path) -> int:
    from anhorigdesk import demo
    from anhorigdesk.profiles import ProfileManager, keychain_available

    manager = ProfileManager(data_dir)
    existing = [p for p in manager.profiles() if p.name == args.profile]
    use_keychain = not args.passphrase_stdin and keychain_available()
    if existing:
        profile = existing[0]
        opened = manager.unlock(profile, None if profile.key_storage == "keychain"
                                else _passphrase(args, confirm=False))
    else:
        passphrase = None if use_keychain else _passphrase(args, confirm=True)
        opened = manager.create(args.profile, args.unit, passphrase=passphrase,
                                role="support_consultant", unit_kind="carer_support")
    try:
        def progress(done: int, total: int) -> None:
            print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

        written = demo.fill(opened.repo, opened.actor, args.carers,
                            entries_per_carer=args.entries_per_carer, seed=args.seed, progress=progress)
        manager.note_demo_data(opened)  # marked as demo in the picker, the title and the status bar
        print(file=sys.stderr)
        print(f"{args.carers} fiktiva anhöriga, {written} poster i profilen \"{opened.profile.name}\" ({data_dir})")
    finally:
        opened.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    data_dir = paths.data_dir(args.data_dir)
    set_language(args.lang or os.environ.get("ANHORIGDESK_LANG", "sv"))
    if args.command == "demo":
        return run_demo(args, data_dir)
    # Before Qt loads: list the profiles and, for the only one with its key in the keychain,
    # have a helper process find the keychain while Qt loads (see ui/early_open.py).
    from anhorigdesk.ui.early_open import EarlyOpen

    early = EarlyOpen(data_dir).start()
    # The preference "always let me choose the profile", read before the widgets load (QtCore
    # only): where it is off, the early thread opens the only keychain profile as soon as its
    # helper has the key, not once the controller exists (AppController._got_profiles agrees).
    from anhorigdesk.ui.settings import AppSettings, set_application_names

    set_application_names()
    early.proceed(not AppSettings().load().always_pick_profile)
    from anhorigdesk.ui.app import run_app

    return run_app(sys.argv[:1], data_dir=data_dir, language=args.lang, early=early)


if __name__ == "__main__":
    sys.exit(main())
