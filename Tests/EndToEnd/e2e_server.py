"""Starting `skyport serve` for the end-to-end tests: a data directory with the 2013 network imported (the
data set fetched once into a cache), a free port on loopback, and waiting until the server is ready."""
import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("SKYPORT_BIN", os.path.join(ROOT, ".build/debug/skyport"))
DATA_CACHE = os.environ.get("E2E_DATA_CACHE", os.path.join(ROOT, ".build/e2e-data"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(data_dir, **extra):
    """The environment of a Skyport process on `data_dir` (SQLite unless `extra` names a database)."""
    env = dict(os.environ, SKYPORT_DATA_DIR=data_dir, SKYPORT_LOG_LEVEL="warning")
    env.pop("SKYPORT_DATABASE_URL", None)
    env.update(extra)
    return env


def prepared_data_dir(weeks=2, **extra):
    """A fresh data directory with the network imported and `weeks` of flights on sale."""
    os.makedirs(DATA_CACHE, exist_ok=True)
    subprocess.run([BINARY, "data", "fetch", "--data-dir", DATA_CACHE], check=True, capture_output=True)
    data_dir = tempfile.mkdtemp(prefix="skyport-e2e-")
    for name in os.listdir(DATA_CACHE):
        if name.endswith(".csv"):
            shutil.copy(os.path.join(DATA_CACHE, name), data_dir)
    subprocess.run([BINARY, "data", "import", "--data-dir", data_dir, "--weeks", str(weeks)], check=True,
                   env=environment(data_dir, **extra), capture_output=True)
    return data_dir


def operator_token(env, rights=("operations",)):
    """A new operator token with `rights` (operations, finance)."""
    command = [BINARY, "operators", "create", "e2e"]
    for right in rights:
        command += ["--right", right]
    out = subprocess.run(command, check=True, env=env, capture_output=True, text=True).stdout
    return out.split()[-1]


def serve(env, port=None, seconds=60):
    """Starts `skyport serve` and waits until /health/ready answers; returns the process and the base URL."""
    port = port or free_port()
    server = subprocess.Popen([BINARY, "serve", "--port", str(port)], env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/health/ready", timeout=1)
            return server, base
        except Exception:
            if server.poll() is not None:
                raise SystemExit(f"skyport serve exited early with {server.returncode}")
            time.sleep(0.1)
    server.kill()
    raise SystemExit("skyport serve did not become ready")


@contextlib.contextmanager
def postgres_database(server_url, prefix):
    """A database of its own on the test server (`server_url`), dropped afterwards; yields its URL."""
    parts = urllib.parse.urlsplit(server_url)
    name = f"{prefix}_{os.getpid()}"
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
    try:
        yield urllib.parse.urlunsplit(parts._replace(path="/" + name))
    finally:
        subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=False)
