"""./maplab lab as a new user meets it, in headless Chromium (playwright-core from npm, pinned in
tests/browser/package-lock.json, driving the system's /usr/bin/chromium: no browser download).

On copies of the notebooks (the committed ones must stay unchanged; checked at the end): open
00-quickstart and see the kernel Idle without running a cell and the notebook clean; only the
"Java (maplab)" kernel offered; no news popup; Run All shows a findings table and a chart with
no error; a long experiment (seed-order launching many JVMs) is interrupted: its child JVMs are
gone and its progress says it was interrupted. Screenshots go to reports/lab-*.png.
"""
import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import HOME

BROWSER_DIR = HOME / "tests" / "browser"
CHROMIUM = os.environ.get("MAPLAB_CHROMIUM", "/usr/bin/chromium")
LONG_CELL = 'var run = Experiments.run("seed-order", Profile.QUICK, Map.of("launches", 500));'


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.ipynb"))}


def playwright_installed():
    if (BROWSER_DIR / "node_modules" / "playwright-core").is_dir():
        return
    npm = shutil.which("npm")
    assert npm, "npm is required for the browser test (apt-get install npm)"
    r = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=BROWSER_DIR, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, f"npm ci in tests/browser failed: {r.stderr[-2000:]}"


def long_notebook(folder):
    """A test-only notebook: the quickstart's metadata, one cell running a long experiment."""
    nb = json.loads((HOME / "notebooks" / "00-quickstart.ipynb").read_text(encoding="utf-8"))
    nb["cells"] = [{"cell_type": "code", "execution_count": None, "id": "long-run", "metadata": {}, "outputs": [], "source": [LONG_CELL]}]
    (folder / "zz-interrupt.ipynb").write_text(json.dumps(nb, indent=1) + "\n", encoding="utf-8")
    return "zz-interrupt.ipynb"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    assert shutil.which("node"), "node is required for the browser test (apt-get install nodejs)"
    assert Path(CHROMIUM).is_file(), f"{CHROMIUM} is missing: apt-get install chromium (or set MAPLAB_CHROMIUM)"
    playwright_installed()
    tmp = tmp_path_factory.mktemp("lab")
    nbdir = tmp / "notebooks"
    shutil.copytree(HOME / "notebooks", nbdir)
    long_name = long_notebook(nbdir)
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, MAPLAB_NOTEBOOK_DIR=str(nbdir), JUPYTERLAB_SETTINGS_DIR=str(tmp / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"))
    log = open(tmp / "lab.log", "w")
    proc = subprocess.Popen([str(HOME / "maplab"), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--port={port}",
                             "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
                             "--LabApp.expose_app_in_browser=True"],
                            cwd=HOME, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 300
    while True:
        assert proc.poll() is None, f"./maplab lab exited {proc.returncode}: {(tmp / 'lab.log').read_text()[-3000:]}"
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            assert time.time() < deadline, "./maplab lab did not answer within 300 s"
            time.sleep(0.5)
    yield {"base": base, "token": token, "pid": proc.pid, "long": long_name, "log": tmp / "lab.log", "notebooks": nbdir}
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    log.close()


@pytest.fixture(scope="module")
def checked(lab):
    before = digests(HOME / "notebooks")
    shots = HOME / "reports"
    shots.mkdir(exist_ok=True)
    r = subprocess.run(["node", str(BROWSER_DIR / "lab_check.js"), lab["base"], lab["token"], str(lab["pid"]), str(shots), lab["long"]],
                       cwd=BROWSER_DIR, capture_output=True, text=True, timeout=1500)
    assert r.stdout.strip(), f"lab_check.js printed nothing (exit {r.returncode}): {r.stderr[-3000:]}"
    print(r.stderr[-5000:])
    result = json.loads(r.stdout.strip().splitlines()[-1])
    print(json.dumps(result, indent=1))
    result["saved_copy"] = (lab["notebooks"] / "00-quickstart.ipynb").read_bytes()
    assert "error" not in result, f"{result['error']}\nlab log: {lab['log'].read_text()[-3000:]}"
    result["notebooks_unchanged"] = digests(HOME / "notebooks") == before
    return result


def test_kernel_shows_idle_without_running_a_cell_and_notebook_stays_clean(checked):
    assert checked["checks"]["idle_without_running"], checked
    assert "Java (maplab) | Idle" in checked["checks"]["status_after_open"]
    assert checked["checks"]["clean_after_open"], "opening 00-quickstart marked it unsaved (metadata differs from what the kernel reports)"
    print(f"open to Idle: {checked['timings']['open_to_idle_s']:.1f} s")


def test_saving_an_unedited_notebook_changes_nothing(checked):
    assert checked["checks"]["clean_after_save"]
    committed = (HOME / "notebooks" / "00-quickstart.ipynb").read_bytes()
    assert checked["saved_copy"] == committed, "JupyterLab saved 00-quickstart differently from the committed file (run kernel/normalize_notebooks.py?)"


def test_only_the_maplab_kernel_is_offered_and_no_news_popup(checked):
    assert checked["checks"]["launcher_kernels"] == ["maplab"]
    assert checked["checks"]["news_popup_absent"]


def test_run_all_shows_findings_and_a_chart_without_errors(checked):
    assert checked["checks"]["findings_tables"] >= 1
    assert checked["checks"]["chart_images"] >= 1
    assert checked["checks"]["error_outputs"] == []


def test_interrupt_ends_the_child_jvms_and_progress_says_interrupted(checked):
    assert checked["checks"]["forked_before_interrupt"] >= 1
    assert checked["checks"]["forked_after_interrupt"] == [], checked["notes"]
    progress = checked["checks"]["progress_after_interrupt"]
    assert progress and progress["state"] == "interrupted" and "interrupted at" in progress["text"], (progress, checked["notes"])


def test_committed_notebooks_are_unchanged(checked):
    assert checked["notebooks_unchanged"], "the browser test changed a file in notebooks/"
