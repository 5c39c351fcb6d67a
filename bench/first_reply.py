"""Time from a fresh clone to the first reply: clone, `make run`, wait for health, say 你好.

Run with the app environment: `bin/venv app python bench/first_reply.py [--cold | --cold-model]`.
`--cold` points GRIDBOT_CACHE_DIR at an empty folder, so both environments are built and the
model trained from nothing (slow); `--cold-model` does the same but links the shared
environments in, so only the model is trained from nothing (the environments' build is mostly
downloading); without either the shared cache is used, as on a developer's second clone or in CI.
Prints the phases in seconds.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine.process import stop_process_group  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cold", action="store_true", help="start from an empty cache")
    parser.add_argument("--cold-model", action="store_true", help="no trained model, the shared environments")
    parser.add_argument("--timeout", type=float, default=3600)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="gridbot-first-reply-"))
    ports = {"GATEWAY_PORT": free_port(), "ENGINE_PORT": free_port(), "ACTIONS_PORT": free_port()}
    env = {**os.environ, **{k: str(v) for k, v in ports.items()}, "GATEWAY_HOST": "127.0.0.1",
           "ENGINE_URL": f"http://127.0.0.1:{ports['ENGINE_PORT']}",
           "ACTIONS_URL": f"http://127.0.0.1:{ports['ACTIONS_PORT']}"}
    env.pop("VIRTUAL_ENV", None)
    if args.cold or args.cold_model:
        env["GRIDBOT_CACHE_DIR"] = str(work / "cache")
    if args.cold_model:
        shared = Path(os.environ.get("GRIDBOT_CACHE_DIR") or Path.home() / ".cache" / "gridbot") / "venvs"
        (work / "cache").mkdir()
        (work / "cache" / "venvs").symlink_to(shared)
    start = time.monotonic()
    subprocess.run(["git", "clone", "-q", str(ROOT), str(work / "gridbot")], check=True)
    log = (work / "run.log").open("wb")
    proc = subprocess.Popen(["make", "run"], cwd=work / "gridbot", env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    url = f"http://127.0.0.1:{ports['GATEWAY_PORT']}"
    healthy_at = None
    try:
        while time.monotonic() - start < args.timeout:
            if proc.poll() is not None:
                print(f"make run exited with {proc.returncode}; see {work / 'run.log'}", file=sys.stderr)
                return 1
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    healthy_at = time.monotonic()
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        if healthy_at is None:
            print("timed out", file=sys.stderr)
            return 1
        reply = httpx.post(f"{url}/channels/simulator", json={"from": "+8613900000001", "text": "你好"}, timeout=60)
        done = time.monotonic()
        mode = "cold (empty cache)" if args.cold else "cold model (shared environments)" if args.cold_model else "warm"
        print(f"mode: {mode}")
        print(f"clone → healthy: {healthy_at - start:.1f} s")
        print(f"first turn: {done - healthy_at:.2f} s")
        print(f"clone → first reply: {done - start:.1f} s ({reply.status_code}: {reply.json().get('replies')})")
        return 0
    finally:
        stop_process_group(proc, signal.SIGINT, grace=30)


if __name__ == "__main__":
    sys.exit(main())
