"""The real "Java (maplab)" kernel: starts, and renders tables, charts, results and progress inline."""
import base64
import time

import jupyter_client
import pytest


@pytest.fixture(scope="module")
def kernel():
    t0 = time.time()
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name="maplab", startup_timeout=180)
    kc.started = t0
    kc.km = km
    yield kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def execute(kc, code, timeout=600):
    """Runs code; returns the iopub messages (type, content) of that request."""
    msg_id = kc.execute(code)
    out = []
    while True:
        m = kc.get_iopub_msg(timeout=timeout)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return out
        out.append((m["msg_type"], m["content"]))


def result_data(msgs):
    errors = [c for t, c in msgs if t == "error"]
    assert not errors, f"cell failed: {errors[0].get('ename')}: {errors[0].get('evalue')}"
    data = [c["data"] for t, c in msgs if t == "execute_result"]
    assert data, f"no execute_result in {msgs}"
    return data[0]


def test_kernel_starts_and_answers(kernel):
    data = result_data(execute(kernel, "1 + 1"))
    seconds = time.time() - kernel.started
    print(f"kernel start to first cell result: {seconds:.1f} s")
    assert data["text/plain"] == "2"


def test_language_info_is_stable_and_matches_the_committed_notebooks(kernel):
    """JupyterLab copies the kernel's language_info into a notebook when it connects: it must
    equal what kernel/normalize_notebooks.py commits (no JDK version), or opening dirties it."""
    import importlib.util
    from conftest import HOME
    spec = importlib.util.spec_from_file_location("normalize_notebooks", HOME / "kernel" / "normalize_notebooks.py")
    nn = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(nn)
    msg_id = kernel.kernel_info()
    reply = kernel.get_shell_msg(timeout=60)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kernel.get_shell_msg(timeout=60)
    assert reply["content"]["language_info"] == nn.LANGUAGE_INFO


def test_tablesaw_table_renders_as_html(kernel):
    data = result_data(execute(kernel, 'Table.create("t", IntColumn.create("keys", 1, 2, 3), StringColumn.create("map", "a", "b", "<c>"))'))
    html = data["text/html"]
    assert "<table" in html and "keys" in html and "&lt;c&gt;" in html


def test_xchart_renders_as_png(kernel):
    data = result_data(execute(kernel, 'var c = Charts.logLog("growth", "n (keys)", "time (ns)"); '
                                       'Charts.series(c, "s", List.of(1, 10, 100), List.of(2, 20, 200), null); c'))
    png = base64.b64decode(data["image/png"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 2000


def test_chart_renders_as_svg_on_request(kernel):
    data = result_data(execute(kernel, 'render(c, "image/svg+xml")'))
    assert "<svg" in data["image/svg+xml"]


def test_result_renders_findings_table_and_charts_with_progress(kernel):
    msgs = execute(kernel, 'var r = Experiments.run("presize", Profile.QUICK, Map.of("n", 20000)); r')
    html = result_data(msgs)["text/html"]
    for finding in ("resizes_default", "resizes_new_hashmap_n", "resizes_presized", "insert_default_vs_presized"):
        assert finding in html
    assert "<table" in html and "data:image/png;base64," in html
    shown = [c for t, c in msgs if t == "display_data" and "maplab-progress" in c["data"].get("text/html", "")]
    updates = [c for t, c in msgs if t == "update_display_data"]
    assert shown, "a progress display is shown"
    display_id = shown[0]["transient"]["display_id"]
    assert updates and all(u["transient"]["display_id"] == display_id for u in updates), "progress updates one display in place"
    assert "done" in updates[-1]["data"]["text/html"]


def test_claim_box_renders_each_claim_here_and_in_the_reference(kernel):
    """A notebook's claim box: the ledger's claims judged against the cell's result and the references of its
    profile (r is a quick run: the quick references, like with like)."""
    data = result_data(execute(kernel, 'Claims.box(r, "N03-1", "N03-2")'))
    html = data["text/html"]
    assert 'id="claim-N03-1"' in html and 'id="claim-N03-2"' in html and "This run:" in html and "Reference (quick profile):" in html
    assert "resizes_new_hashmap_n" in html and "<table" in html
    lines = data["text/plain"].splitlines()
    assert [l.split(" ")[0] for l in lines] == ["N03-1", "N03-2"] and "; reference (quick): " in lines[0]


def test_bad_parameter_is_an_illegal_argument_with_the_cli_text(kernel):
    msgs = execute(kernel, 'Experiments.run("presize", Profile.QUICK, Map.of("n", -1))')
    errors = [c for t, c in msgs if t == "error"]
    assert errors, "a bad parameter must fail the cell"
    text = errors[0]["ename"] + " " + errors[0]["evalue"] + " ".join(errors[0].get("traceback", []))
    assert "IllegalArgumentException" in text and "parameter 'n': bad value '-1'; allowed:" in text



def parent_of(pid):
    """The parent process id of pid (from /proc/<pid>/stat), or None once it is gone."""
    try:
        stat = open(f"/proc/{pid}/stat").read()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def jmh_forks(ancestor=None):
    """Command lines of running JMH fork JVMs (from /proc, Linux); with ancestor, only those started
    under that process (./maplab test measures in another pytest process beside this one)."""
    import glob
    found = []
    for f in glob.glob("/proc/[0-9]*/cmdline"):
        try:
            cmd = open(f, "rb").read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "org.openjdk.jmh.runner.ForkedMain" not in cmd:
            continue
        pid = int(f.split("/")[2])
        while ancestor is not None and pid not in (None, 0, 1, ancestor):
            pid = parent_of(pid)
        if ancestor is None or pid == ancestor:
            found.append(cmd)
    return found


def test_interrupting_a_jmh_run_stops_its_forked_jvms(kernel):
    """A user who stops a long cell gets the kernel back, and no benchmark JVM keeps running."""
    msg_id = kernel.execute('Experiments.run("presize", Profile.FULL, Map.of("n", 3000000))')
    km = kernel.km
    ours = km.provisioner.pid if km.provisioner is not None else None
    assert ours, "the kernel's process id is needed to tell its JMH forks from other tests'"
    deadline = time.time() + 120
    while not jmh_forks(ours) and time.time() < deadline:
        time.sleep(0.5)
    assert jmh_forks(ours), "the run should have started a JMH fork"
    km.interrupt_kernel()
    deadline = time.time() + 60
    while jmh_forks(ours) and time.time() < deadline:
        time.sleep(0.5)
    assert not jmh_forks(ours), "JMH forks kept running after the interrupt"
    # the kernel answers again
    while True:
        m = kernel.get_iopub_msg(timeout=120)
        if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            break
    assert result_data(execute(kernel, "2 + 2"))["text/plain"] == "4"
