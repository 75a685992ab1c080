"""./maplab report executes every notebook through the kernel into HTML; the HTML is checked
as a person would see it, in headless Chromium (screenshots kept under reports/).

./maplab test runs the report on the smoke profile: it proves every notebook runs and renders
(its numbers say nothing). The quick report in full, and its re-render from its own runs in a
fraction of its time, are marked "answers": ./maplab test --answers runs them."""
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from conftest import HOME, RUNS, maplab

NOTEBOOKS = sorted(p.stem for p in (HOME / "notebooks").glob("*.ipynb"))
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def report():
    r = maplab("report", "--profile", "smoke", timeout=3600)
    print(r.stdout[-3000:])
    print(r.stderr[-3000:])
    return r


def test_every_notebook_runs_without_errors(report):
    assert report.returncode == 0, f"./maplab report failed:\n{report.stderr[-2000:]}"
    for name in NOTEBOOKS:
        assert (HOME / "reports" / f"{name}.html").is_file(), f"reports/{name}.html missing"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_report_has_tables_charts_and_no_errors(report, name):
    page = (HOME / "reports" / f"{name}.html").read_text()
    assert "<table" in page, f"{name}: no table"
    assert "data:image/png;base64," in page, f"{name}: no embedded chart"
    for marker in ("SLF4J", "Traceback", "jp-RenderedText\" data-mime-type=\"application/vnd.jupyter.stderr", "EvalException", "CompilationException"):
        assert marker not in page, f"{name}: error output in the report ({marker})"


def test_index_lists_notebooks_findings_and_environment(report):
    index = (HOME / "reports" / "index.html").read_text()
    for name in NOTEBOOKS:
        assert f"{name}.html" in index
    assert "failed</span>" not in index
    assert "resizes_new_hashmap_n" in index, "findings of the quickstart's experiment are listed"
    assert "logical" in index or "cores" in index
    runs = list((HOME / "reports" / "runs").glob("*/findings.json"))
    assert runs, "run folders are copied beside the report"
    for f in runs:
        for finding in json.loads(f.read_text()):
            assert finding["id"] in index


def notebook_seconds(stderr):
    """Each notebook's time from the runner's progress lines ("[3/14] 02-key-order: ok in 6.4 s")."""
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"\] (\S+): ok in ([0-9.]+) s", stderr)}


# rendered again by ./maplab test: the first notebook, one with a many-part run, and the one with several runs
RENDERED_AGAIN = ["00-quickstart", "04-merge", "12-bring-your-own"]


def render_again(profile, reports, out, notebooks=()):
    """Issue 20's edit-and-re-render loop: notebooks (all when none are named) from a report's copied
    run folders (--from REPORTS/runs --strict), in one kernel, measuring nothing. Returns each one's seconds."""
    before = sorted(RUNS.iterdir()) if RUNS.is_dir() else []
    r = maplab("report", "--profile", profile, "--from", str(reports / "runs"), "--strict", "--out", str(out), *notebooks, timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    rendered = notebook_seconds(r.stderr)
    assert sorted(rendered) == sorted(notebooks or NOTEBOOKS), f"each notebook rendered again: {sorted(rendered)}"
    after = sorted(RUNS.iterdir()) if RUNS.is_dir() else []
    assert after == before, "nothing measured: no new run folder"
    index = (out / "index.html").read_text()
    assert "failed</span>" not in index and "From stored run" in index
    return rendered


def test_the_report_renders_again_from_its_own_runs_without_measuring(report, tmp_path):
    assert report.returncode == 0, report.stderr[-2000:]
    render_again("smoke", HOME / "reports", tmp_path, RENDERED_AGAIN)


def test_a_smoke_run_is_compared_with_no_reference_and_says_so(report):
    page = (HOME / "reports" / "00-quickstart.html").read_text()
    assert "this is a smoke run" in page and "its numbers say nothing" in page
    assert "against reference" not in page, "a smoke run's findings have no reference column"
    assert "this is a smoke run" in (HOME / "reports" / "index.html").read_text()


@pytest.mark.answers
def test_quick_report_runs_every_notebook_and_renders_again_in_a_fraction_of_its_time(tmp_path):
    """The quick report in full (about 9 minutes on 2 cores), then every notebook rendered again
    from its runs in under a quarter of the measuring time."""
    r = maplab("report", "--profile", "quick", "--out", str(tmp_path / "quick"), timeout=3600)
    assert r.returncode == 0, f"./maplab report --profile quick failed:\n{r.stderr[-2000:]}"
    for name in NOTEBOOKS:
        assert (tmp_path / "quick" / f"{name}.html").is_file(), f"{name}.html missing"
    index = (tmp_path / "quick" / "index.html").read_text()
    assert "failed</span>" not in index and "profile <b>quick</b>" in index
    measured = notebook_seconds(r.stderr)
    rendered = render_again("quick", tmp_path / "quick", tmp_path / "again")
    print(f"notebooks measured in {sum(measured.values()):.0f} s, rendered again from their runs in {sum(rendered.values()):.0f} s")
    assert sum(rendered.values()) < 0.25 * sum(measured.values()), (measured, rendered)


def test_index_page_is_written_by_java_from_the_runners_data(tmp_path):
    """kernel/report.py passes notebook names, statuses, run times and copied run folders; Java formats the page."""
    import importlib.util
    assert maplab("list").returncode == 0  # builds the jars when sources changed
    spec = importlib.util.spec_from_file_location("report", HOME / "kernel" / "report.py")
    report_py = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(report_py)
    out = tmp_path / "reports"
    copy = out / "runs" / "20261121T000000Z-presize"
    copy.mkdir(parents=True)
    ref = HOME / "data" / "reference" / "presize"
    for name in ("meta.json", "findings.json"):
        shutil.copy(ref / name, copy / name)
    results = [{"name": "03-presize", "error": None, "seconds": 12.34, "runs": [{"experiment": "presize", "copy": copy}]},
               {"name": "99-broken", "error": "cell 2: IllegalArgumentException: n", "seconds": 1.5, "runs": []}]

    assert report_py.write_index(out, results, "quick", 99.0) is None
    index = (out / "index.html").read_text()

    assert "<a href=\"03-presize.html\">03-presize</a>" in index
    assert "12.3 s" in index and "99 s in all" in index and "profile <b>quick</b>" in index
    assert "<span class=\"ok\">ok</span>" in index
    assert "<span class=\"failed\">failed</span> cell 2: IllegalArgumentException: n" in index
    assert "runs/20261121T000000Z-presize/report.html" in index
    findings = json.loads((ref / "findings.json").read_text())
    for f in findings:
        assert f"<code>{f['id']}</code>" in index, f"{f['id']} missing from the index"
    assert "99% interval" in index and "against reference" in index, "intervals and the reference column come from Html.findings"
    assert "same verdict" in index or "same value" in index or "intervals overlap" in index or "not compared" in index
    assert "logical cores" in index and "Debian" in index
    assert not (out / ".index-data.json").exists(), "the runner's data file is removed"


def chromium():
    exe = shutil.which("chromium")
    if not exe:
        pytest.fail("Debian's chromium is not installed (./maplab test installs it with apt-get as root): cannot check the HTML")
    return exe


@pytest.mark.parametrize("name", ["00-quickstart", "index"])
def test_report_in_headless_chromium_shows_table_and_nonblank_chart(report, name, tmp_path):
    page = HOME / "reports" / f"{name}.html"
    assert page.is_file()
    probe = tmp_path / "probe.html"
    probe.write_text(
        "<!DOCTYPE html><html><body><iframe id='f' style='width:1280px;height:900px' src='" + page.as_uri() + "'></iframe>"
        "<pre id='out'>pending</pre><script>document.getElementById('f').addEventListener('load', function () {"
        "var d = this.contentDocument; document.getElementById('out').textContent = JSON.stringify({"
        "tables: d.querySelectorAll('table').length,"
        "images: Array.from(d.querySelectorAll('img')).map(function (i) { return [i.naturalWidth, i.naturalHeight]; })});"
        "});</script></body></html>")
    dom = subprocess.run([chromium(), *CHROMIUM_FLAGS, "--allow-file-access-from-files", f"--user-data-dir={tmp_path / 'ud'}",
                          "--virtual-time-budget=15000", "--dump-dom", probe.as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    m = re.search(r"<pre id=\"out\">([^<]*)</pre>", dom)
    assert m and m.group(1) != "pending", f"Chromium did not load {page}"
    seen = json.loads(m.group(1))
    assert seen["tables"] >= 1, f"{name}: Chromium shows no table"
    if name != "index":
        assert seen["images"], f"{name}: Chromium shows no image"
        assert all(w > 0 and h > 0 for w, h in seen["images"]), f"{name}: an image did not decode: {seen['images']}"

    shot = HOME / "reports" / f"{name}.png"
    subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'ud2'}", "--window-size=1280,2400",
                    "--hide-scrollbars", f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120)
    assert shot.is_file(), f"no screenshot of {name}"
    img = Image.open(shot).convert("RGB")
    colours = img.getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 50, f"{name}: the screenshot is (nearly) a single colour"
    if name != "index":
        # the chart area: look for non-white, non-grey pixels (series colours)
        coloured = sum(1 for r, g, b in img.resize((320, 600)).getdata() if max(r, g, b) - min(r, g, b) > 60)
        assert coloured > 200, f"{name}: no coloured chart pixels in the screenshot"


def test_a_failing_cell_fails_the_report_naming_notebook_and_cell(tmp_path):
    nb = {"cells": [
        {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": "1 + 1"},
        {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
         "source": 'Experiments.run("presize", Profile.QUICK, Map.of("n", -5))'}],
        "metadata": {"kernelspec": {"name": "maplab", "display_name": "Java (maplab)", "language": "java"}},
        "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "99-broken.ipynb"
    path.write_text(json.dumps(nb))
    r = maplab("report", "--out", str(tmp_path / "reports"), str(path), timeout=600)
    assert r.returncode == 1, r.stderr
    assert "notebook 99-broken failed at cell 2" in r.stderr
    assert "IllegalArgumentException" in r.stderr or "parameter 'n'" in r.stderr
    assert (tmp_path / "reports" / "99-broken.html").is_file(), "the partial report is still written"
    assert "failed" in (tmp_path / "reports" / "index.html").read_text()


def test_report_rejects_a_bad_profile_with_one_line():
    r = maplab("report", "--profile", "fast")
    assert r.returncode == 2
    assert r.stderr.strip() == "maplab: profile: unknown value 'fast'; allowed: quick, full, smoke"
