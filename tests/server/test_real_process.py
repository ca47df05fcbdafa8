"""The server as a real process on a loopback port: admin command, HTTP and HTTPS."""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from anhorigdesk.server.db import Database
from anhorigdesk.server.migrations import migrate
from anhorigdesk.server.security import Passwords
from anhorigdesk.server.store import ServerStore
from anhorigdesk.sync.protocol import AuthError, MemoryTokenStore, ServerUnavailable, SyncClient

PASSWORD = "ett-långt-lösenord"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_cli(data_dir: Path, *args: str, stdin: str | None = None, umask: int = -1) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "anhorigdesk.server", "admin", *args, "--data-dir", str(data_dir)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "ANHORIGDESK_SERVER_DATABASE_URL": ""},
        umask=umask,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


class ServerProcess:
    def __init__(
        self,
        data_dir: Path,
        *extra: str,
        scheme: str = "http",
        verify: object = True,
        wait: bool = True,
        umask: int = -1,
    ) -> None:
        self.port = free_port()
        self.url = f"{scheme}://127.0.0.1:{self.port}"
        data_dir.parent.mkdir(parents=True, exist_ok=True)
        self.log = (data_dir.parent / f"server-{self.port}.log").open("w")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "anhorigdesk.server",
                "serve",
                "--data-dir",
                str(data_dir),
                "--port",
                str(self.port),
                "--log-level",
                "warning",
                *extra,
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "ANHORIGDESK_SERVER_DATABASE_URL": ""},
            umask=umask,
        )
        self.verify = verify
        if wait:
            self.wait_ready()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 30
        while True:
            try:
                with httpx.Client(verify=self.verify, timeout=1) as probe:
                    if probe.get(f"{self.url}/v1/hello").status_code == 200:
                        return
            except httpx.TransportError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"server did not start: {self.log.name}")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def plain_server(data_dir: Path) -> Iterator[ServerProcess]:
    server = ServerProcess(data_dir)
    yield server
    server.stop()


def test_admin_command_and_sync_against_a_real_process(
    plain_server: ServerProcess, data_dir: Path
) -> None:
    unit = run_cli(data_dir, "create-unit", "Anhörigcentrum Väst")
    run_cli(
        data_dir,
        "create-user",
        "stina",
        "--unit",
        unit,
        "--role",
        "care_worker",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    run_cli(
        data_dir,
        "create-user",
        "tore",
        "--unit",
        unit,
        "--role",
        "unit_manager",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert "Anhörigcentrum Väst" in run_cli(data_dir, "list-units")
    with (
        SyncClient(plain_server.url, token_store=MemoryTokenStore()) as stina,
        SyncClient(plain_server.url, token_store=MemoryTokenStore()) as tore,
    ):
        epoch = stina.hello()["epoch"]
        tokens = stina.login("stina", PASSWORD, device_id="laptop-a", device_name="A")
        tore.login("tore", PASSWORD, device_id="laptop-b", device_name="B")
        mutation = {
            "mutation_id": "0190-aaaa",
            "client_id": "laptop-a",
            "seq": 1,
            "entity": "carer",
            "entity_id": "carer-1",
            "op": "upsert",
            "fields": {"name": "Ulla Prov"},
            "base": {},
            "hlc": "0001772000000001-00000-laptop-a",
            "carer_id": "carer-1",
            "unit_ids": [unit],
            "actor": {"staff_id": tokens.user["id"], "unit_id": unit},
        }
        assert stina.push([mutation], epoch=epoch)["acked"] == ["0190-aaaa"]
        assert stina.push([mutation], epoch=epoch)["applied"] == 0
        page = tore.pull(0, epoch=epoch)
        assert [c["mutation_id"] for c in page["changes"]] == ["0190-aaaa"]
        sessions = run_cli(data_dir, "list-sessions", "--user", "stina")
        assert "laptop-a" in sessions
        assert "1 sessions ended" in run_cli(data_dir, "disable-user", "tore")
        with pytest.raises(AuthError, match="Logga in igen"):
            tore.pull(0)
        new_epoch = run_cli(data_dir, "restore-marker").split()[-1]
        assert stina.hello()["epoch"] == new_epoch != epoch


def _tls_material(directory: Path) -> tuple[Path, Path, Path]:
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Testkommunens CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_path, cert_path, key_path = (
        directory / "ca.pem",
        directory / "cert.pem",
        directory / "key.pem",
    )
    ca_path.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return ca_path, cert_path, key_path


def test_https_with_a_municipality_ca_bundle(tmp_path: Path, data_dir: Path) -> None:
    import ssl

    ca, cert, key = _tls_material(tmp_path)
    server = ServerProcess(
        data_dir,
        "--certfile",
        str(cert),
        "--keyfile",
        str(key),
        scheme="https",
        verify=ssl.create_default_context(cafile=str(ca)),
    )
    try:
        with SyncClient(server.url, verify=ca) as trusting:
            assert trusting.hello()["protocol_min"] == 1
        with SyncClient(server.url) as default_trust, pytest.raises(ServerUnavailable):
            default_trust.hello()
    finally:
        server.stop()


def test_two_server_processes_share_one_database(data_dir: Path) -> None:
    """Stateless processes: a session made on one is valid on the other, and what one
    process accepted the other serves (as behind a load balancer)."""
    db = Database(f"sqlite:///{data_dir / 'server.db'}")
    migrate(db)
    store = ServerStore(db, passwords=Passwords(fast=True))
    unit = store.create_unit("Delad enhet")
    for name in ("vera", "wilma"):
        store.create_user(name, PASSWORD, [unit], "care_worker")
    db.close()
    first, second = ServerProcess(data_dir, wait=False), ServerProcess(data_dir, wait=False)
    try:
        first.wait_ready()
        second.wait_ready()
        tokens = MemoryTokenStore()
        with SyncClient(first.url, token_store=tokens) as on_first:
            vera = on_first.login("vera", PASSWORD, device_id="laptop-v", device_name="V")
        with SyncClient(second.url, token_store=tokens) as on_second:
            result = on_second.push(
                [
                    {
                        "mutation_id": "m-1",
                        "client_id": "laptop-v",
                        "seq": 1,
                        "entity": "carer",
                        "entity_id": "c-1",
                        "op": "upsert",
                        "fields": {"name": "Prov"},
                        "base": {},
                        "hlc": "0001772000000001-00000-laptop-v",
                        "carer_id": "c-1",
                        "unit_ids": [unit],
                        "actor": {"staff_id": vera.user["id"], "unit_id": unit},
                    }
                ]
            )
            assert result["acked_through_seq"] == 1
        with SyncClient(first.url, token_store=MemoryTokenStore()) as wilma:
            wilma.login("wilma", PASSWORD, device_id="laptop-w", device_name="W")
            assert [c["mutation_id"] for c in wilma.pull(0)["changes"]] == ["m-1"]
    finally:
        first.stop()
        second.stop()
