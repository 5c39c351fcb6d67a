"""A PostgreSQL server of a test's own, which the test may stop and start: the shared server on 5432
serves every other test on the machine and is never stopped.

`initdb` in a temporary folder and `pg_ctl` on a free loopback port, from PostgreSQL's binaries
(/usr/lib/postgresql/*/bin or PATH). initdb refuses to run as root: as root the server runs as the
`postgres` user (runuser), which must exist.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.integration.stack import free_port


def _bin_dir() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]))
    if found:
        return found[-1].parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path else None


def _as_root() -> bool:
    return os.geteuid() == 0


def unavailable() -> str | None:
    """Why a private cluster cannot be started here, or None."""
    folder = _bin_dir()
    if folder is None or not (folder / "initdb").exists():
        return "PostgreSQL's initdb and pg_ctl are not installed"
    if _as_root():
        if shutil.which("runuser") is None:
            return "running as root without runuser: initdb refuses root"
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no postgres user to run initdb as"
    return None


class PostgresCluster:
    def __init__(self) -> None:
        self.bin = _bin_dir() or Path("/nonexistent")
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="gridbot-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def init(self) -> PostgresCluster:
        if _as_root():
            owner = pwd.getpwnam("postgres")
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C",
                  "--no-sync")
        return self

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "120", "start")

    def stop(self) -> None:
        """As a crash would: no shutdown checkpoint, every connection cut."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def create_database(self, name: str) -> str:
        engine = create_engine(self.url(), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        finally:
            engine.dispose()
        return self.url(name)

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            subprocess.run(self._command("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop"),
                           capture_output=True, check=False, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _command(self, program: str, *args: str) -> list[str]:
        command = [str(self.bin / program), *args]
        return ["runuser", "-u", "postgres", "--", *command] if _as_root() else command

    def _run(self, program: str, *args: str) -> None:
        done = subprocess.run(self._command(program, *args), capture_output=True, text=True, timeout=180,
                              cwd=self.folder)
        if done.returncode != 0:
            server_log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{program} failed ({done.returncode}): {done.stderr[-2000:]}\n{server_log}")
