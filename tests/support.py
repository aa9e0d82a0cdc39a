"""Small helpers for tests that start servers: free ports, services that answer,
the run's migrated template database, the demo site's database (the demo
test's), the environment a site is served with (the browser tests') and
serving a site from a subprocess."""

import contextlib
import fcntl
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_answers(port, host="127.0.0.1"):
    """True when something accepts connections on host:port."""
    try:
        socket.create_connection((host, port), timeout=1).close()
    except OSError:
        return False
    return True


def demo_site_env(workdir, port):
    """The environment of the demo site served from `workdir` (as `make run`)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'e2e.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "BASE_URL": f"http://127.0.0.1:{port}",
        "EMAIL_URL": "",
        "REDIS_URL": "",
    }


def migrated_template(shared):
    """A SQLite database migrated once per run (below `shared`, under a lock): the
    test databases of the xdist workers and the served sites start as copies of it,
    instead of each running the ~240 migrations again."""
    template = shared / "migrated.sqlite3"
    with open(shared / "migrated.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "migrated.ready").exists():
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
                cwd=ROOT,
                env={
                    **os.environ,
                    "DJANGO_SETTINGS_MODULE": "config.settings.test",
                    "DATABASE_URL": f"sqlite:///{template}",
                },
                check=True,
                capture_output=True,
            )
            (shared / "migrated.ready").touch()
    return template


def build_demo_site(shared):
    """A folder below `shared` with a migrated SQLite database holding the demo
    content and its media, made once per run: xdist workers share it (the first
    one builds it under a lock). Returns the folder and what `load_demo` printed."""
    workdir = shared / "demo"
    with open(shared / "demo.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (workdir / "ready").exists():
            workdir.mkdir(exist_ok=True)
            env = demo_site_env(workdir, 8000)
            shutil.copyfile(migrated_template(shared), workdir / "e2e.sqlite3")
            output = ""
            for command in (["migrate", "--no-input", "-v0"], ["load_demo"]):
                result = subprocess.run(
                    [sys.executable, "manage.py", *command],
                    cwd=ROOT,
                    env=env,
                    check=True,
                    capture_output=True,
                    text=True,
                )
                output += result.stdout
            (workdir / "load_demo.log").write_text(output)
            (workdir / "ready").touch()
    return workdir


@contextlib.contextmanager
def serve(env, port, log_path, timeout=60):
    """Serve the site with `env` (its settings and database) on 127.0.0.1:`port`
    with Django's runserver in a subprocess, its output in `log_path`; yield the
    base URL once /robots.txt answers."""
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=2)  # noqa: S310 - loopback
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    server.kill()
                    raise RuntimeError(Path(log_path).read_text()) from None
                time.sleep(0.3)
        try:
            yield base
        finally:
            server.terminate()
            server.wait(timeout=10)


class RedisServer:
    """A redis-server of the test's own on a spare port, to start and kill at will."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            if port_answers(self.port):
                return
            time.sleep(0.02)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process:
            self.process.kill()
            self.process.wait()
            self.process = None
