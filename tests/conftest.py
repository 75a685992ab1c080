"""Shared helpers for maplab's end-to-end tests (run by ./maplab test after setup)."""
import os
import subprocess
from pathlib import Path

import pytest

HOME = Path(__file__).resolve().parent.parent


def maplab(*args, timeout=600, env=None):
    """Runs ./maplab with args; returns the CompletedProcess (text)."""
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([str(HOME / "maplab"), *args], cwd=HOME, capture_output=True, text=True, timeout=timeout, env=e)


@pytest.fixture(scope="session")
def home():
    return HOME
