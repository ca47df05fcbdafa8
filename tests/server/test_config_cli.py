"""Where the server keeps its data, and the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from anhorigdesk.server import config
from anhorigdesk.server.__main__ import build_parser, main, with_command


def test_data_dir_and_database_url_precedence(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(config.DATA_DIR_ENV, raising=False)
    monkeypatch.delenv(config.DATABASE_URL_ENV, raising=False)
    assert "anhorigdesk-server" in str(config.data_dir())
    monkeypatch.setenv(config.DATA_DIR_ENV, str(tmp_path / "env"))
    assert config.data_dir() == tmp_path / "env"
    assert config.data_dir(str(tmp_path / "flag")) == tmp_path / "flag"
    assert config.database_url() == f"sqlite:///{tmp_path / 'env' / 'server.db'}"
    monkeypatch.setenv(config.DATABASE_URL_ENV, "postgresql://h/db")
    assert config.database_url() == "postgresql://h/db"
    assert config.database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_serve_is_the_default_command() -> None:
    args = build_parser().parse_args(with_command([]))
    assert (args.command, args.host, args.port, args.certfile) == ("serve", "127.0.0.1", 8765, None)
    args = build_parser().parse_args(with_command(["--port", "9000", "--data-dir", "/d"]))
    assert (args.command, args.port, args.data_dir) == ("serve", 9000, "/d")
    assert with_command(["admin", "list-units"]) == ["admin", "list-units"]


def test_admin_errors_exit_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(config.DATABASE_URL_ENV, raising=False)
    code = main(["admin", "disable-user", "ghost", "--data-dir", str(tmp_path)])
    assert code == 2
    assert "no user named 'ghost'" in capsys.readouterr().err
    assert main(["admin", "create-unit", "Enhet", "--data-dir", str(tmp_path)]) == 0
    assert main(["admin", "create-unit", "Enhet", "--data-dir", str(tmp_path)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["serve", "--certfile", "c.pem", "--data-dir", str(tmp_path)]) == 2
    assert "go together" in capsys.readouterr().err


def test_unsupported_database_url_is_a_clear_error(capsys: pytest.CaptureFixture) -> None:
    assert main(["admin", "list-units", "--database-url", "mysql://x/y"]) == 2
    assert "unsupported database URL scheme 'mysql'" in capsys.readouterr().err


def test_admin_lists_users_and_enables_a_disabled_one(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(config.DATABASE_URL_ENV, raising=False)
    data = ["--data-dir", str(tmp_path)]
    assert main(["admin", "create-unit", "Enhet Prov", *data]) == 0
    unit = capsys.readouterr().out.strip()
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("ett-långt-lösenord\n"))
    assert main(["admin", "create-user", "tova", "--unit", unit, "--role", "care_worker",
                 "--password-stdin", *data]) == 0
    assert main(["admin", "disable-user", "tova", *data]) == 0
    capsys.readouterr()
    assert main(["admin", "list-users", *data]) == 0
    assert capsys.readouterr().out == "tova\tcare_worker\tdisabled\tEnhet Prov\n"
    assert main(["admin", "enable-user", "tova", *data]) == 0
    assert "enabled" in capsys.readouterr().out
    assert main(["admin", "list-users", *data]) == 0
    assert "\tactive\t" in capsys.readouterr().out
    assert main(["admin", "enable-user", "ghost", *data]) == 2
    assert "no user named 'ghost'" in capsys.readouterr().err
