"""Shared helpers for maplab's end-to-end tests (run by ./maplab test after setup)."""
import os
import subprocess
from pathlib import Path

import pytest

HOME = Path(__file__).resolve().parent.parent
# where ./maplab puts run folders: runs/, or MAPLAB_RUNS_DIR (./maplab test gives the report tests their own)
RUNS = Path(os.environ["MAPLAB_RUNS_DIR"]) if os.environ.get("MAPLAB_RUNS_DIR") else HOME / "runs"


def maplab(*args, timeout=600, env=None):
    """Runs ./maplab with args; returns the CompletedProcess (text)."""
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([str(HOME / "maplab"), *args], cwd=HOME, capture_output=True, text=True, timeout=timeout, env=e)


def assert_bad_input(r, words):
    """Bad input: exit 2 and one line on stderr (besides a build notice) containing each of words."""
    assert r.returncode == 2, f"exit {r.returncode}; stderr: {r.stderr}"
    lines = [l for l in r.stderr.splitlines() if l.strip() and not l.startswith("maplab: building")]
    assert len(lines) == 1, f"expected one line, got: {r.stderr!r}"
    for w in words:
        assert w in lines[0], f"{w!r} not in {lines[0]!r}"


def pytest_configure(config):
    config.addinivalue_line("markers", "answers: slow and valuable (the quick report in full); run by ./maplab test --answers, "
                                       "left out of ./maplab test (-m 'not answers')")


@pytest.fixture(scope="session")
def home():
    return HOME


def load_report_runner(name):
    """kernel/report.py imported as a module named name (tests call its functions without a command line)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(name, HOME / "kernel" / "report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
