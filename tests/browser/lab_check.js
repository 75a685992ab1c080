// Drives JupyterLab (started by tests/test_lab_browser.py with ./maplab lab) in the system's
// headless Chromium through playwright-core (no browser download), as a new user would:
// open 00-quickstart, see the kernel Idle without running a cell and the notebook clean, Run All,
// see a findings table and a chart, then start a long experiment, interrupt it, and check its
// child JVMs are gone and the progress says it was interrupted. Prints one JSON object.
// usage: node lab_check.js <url-base> <token> <lab-pid> <screenshot-dir> <long-notebook>
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const [base, token, labPid, shots, longNotebook] = process.argv.slice(2);
const CHROMIUM = process.env.MAPLAB_CHROMIUM || '/usr/bin/chromium';
const result = { checks: {}, timings: {}, notes: [] };
const t0 = Date.now();
const since = () => (Date.now() - t0) / 1000;

function children(pid) {
  const out = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === Number(pid)) {
        const cmd = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').join(' ');
        out.push({ pid: Number(d), cmd });
      }
    } catch (e) { /* gone */ }
  }
  return out;
}
const descendants = (pid) => children(pid).flatMap(c => [c, ...descendants(c.pid)]);
const kernels = () => children(labPid).filter(c => c.cmd.includes('jjava'));
const forkedJvms = () => kernels().flatMap(k => descendants(k.pid)).filter(c => /\bjava\b/.test(c.cmd));

async function statusText(page) {
  return page.evaluate(() => {
    const bar = document.querySelector('#jp-main-statusbar');
    return bar ? bar.innerText.replace(/\s+/g, ' ') : '';
  });
}

async function waitFor(page, what, fn, timeoutMs) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = await fn();
    if (v) return v;
    await page.waitForTimeout(250);
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

const dirty = (page) => page.evaluate(() => !!document.querySelector('.lm-TabBar-tab.jp-mod-current.jp-mod-dirty, .lm-TabBar-tab.jp-mod-dirty'));
// starts a JupyterLab command without waiting for it (Run All resolves only when every cell ran; some commands open dialogs)
const run = (page, command, args) => page.evaluate(([c, a]) => { window.jupyterapp.commands.execute(c, a).catch(() => {}); return true; }, [command, args || {}]);
const log = (msg) => process.stderr.write(`[${since().toFixed(1)} s] ${msg}\n`);
const shutdownKernels = (page) => page.evaluate(() => window.jupyterapp.serviceManager.sessions.shutdownAll()).catch(e => log('shutdown: ' + e));

async function openNotebook(page, name) {
  const start = Date.now();
  await page.goto(`${base}/lab/tree/${name}?token=${token}`);
  await waitFor(page, `${name} to open`, () => page.evaluate(() => !!document.querySelector('.jp-NotebookPanel .jp-Cell')), 60000);
  await waitFor(page, 'the kernel to show Idle (without running a cell)', async () => /\| Idle/.test(await statusText(page)), 60000);
  return (Date.now() - start) / 1000;
}

(async () => {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  try {
    // 1. open: Idle without running a cell, notebook clean
    log('opening 00-quickstart');
    result.timings.open_to_idle_s = await openNotebook(page, '00-quickstart.ipynb');
    log(`idle after ${result.timings.open_to_idle_s} s`);
    result.checks.idle_without_running = true;
    await page.waitForTimeout(2000); // a late metadata change would mark it dirty by now
    result.checks.clean_after_open = !(await dirty(page));
    // save without an edit: tests/test_lab_browser.py compares the saved copy with the committed file
    await page.keyboard.press('Control+s');
    await page.waitForTimeout(2500);
    result.checks.clean_after_save = !(await dirty(page));
    result.checks.status_after_open = await statusText(page);
    result.checks.news_popup_absent = !(await page.evaluate(() => /official Jupyter news/i.test(document.body.innerText)));
    result.checks.launcher_kernels = await page.evaluate(async () => {
      const specs = await window.jupyterapp.serviceManager.kernelspecs;
      await specs.ready;
      return Object.keys(specs.specs.kernelspecs);
    });
    await page.screenshot({ path: path.join(shots, 'lab-1-opened.png') });

    // 2. Run All: findings table and a chart, no error output
    log('Run All');
    const runStart = Date.now();
    await run(page, 'notebook:run-all-cells');
    // done when every code cell has an execution count (read from the notebook model: the DOM of cells
    // scrolled out of view may lag) and the kernel is idle
    const notebookState = () => page.evaluate(() => {
      const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
      const out = { pending: 0, errors: [], findings: 0, images: 0 };
      for (let i = 0; i < cells.length; i++) {
        const c = cells.get(i);
        if (c.type !== 'code') continue;
        if (c.executionCount == null) out.pending++;
        for (const o of c.outputs.toJSON()) {
          if (o.output_type === 'error') out.errors.push(`${o.ename}: ${o.evalue}`.slice(0, 300));
          const data = o.data || {};
          if (String(data['text/html'] || '').includes('maplab findings')) out.findings++;
          if (data['image/png']) out.images++;
        }
      }
      return out;
    });
    await waitFor(page, 'Run All to finish', async () => (await notebookState()).pending === 0 && /\| Idle/.test(await statusText(page)), 900000);
    result.timings.run_all_s = (Date.now() - runStart) / 1000;
    const state = await notebookState();
    const renderedImages = await page.evaluate(() => [...document.querySelectorAll('.jp-OutputArea-output img')]
      .filter(i => i.src.startsWith('data:image/png')).length);
    result.checks.findings_tables = state.findings;
    result.checks.chart_images = Math.min(state.images, renderedImages);
    result.checks.error_outputs = state.errors;
    const table = await page.$('.jp-OutputArea-output table.findings');
    if (table) await table.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'lab-2-run-all.png') });
    log(`Run All done in ${result.timings.run_all_s} s`);

    // 3. a long experiment, interrupted: its child JVMs are gone, the progress says so
    await shutdownKernels(page);
    await openNotebook(page, longNotebook);
    log('long notebook open');
    await run(page, 'notebook:run-all-cells');
    await waitFor(page, 'the long experiment to launch child JVMs', async () => forkedJvms().length > 0, 90000);
    result.checks.forked_before_interrupt = forkedJvms().length;
    await page.waitForTimeout(1500);
    log(`interrupting with ${result.checks.forked_before_interrupt} child JVMs running`);
    await run(page, 'notebook:interrupt-kernel');
    const interrupted = Date.now();
    await waitFor(page, 'the forked JVMs to end after the interrupt', async () => forkedJvms().length === 0, 30000)
      .catch(e => result.notes.push(e.message));
    result.checks.forked_after_interrupt = forkedJvms().map(c => c.cmd.slice(0, 200));
    result.timings.interrupt_to_no_forks_s = (Date.now() - interrupted) / 1000;
    const progress = await waitFor(page, 'the progress to show the interruption', () => page.evaluate(() => {
      const p = [...document.querySelectorAll('.maplab-progress')].pop();
      return p && p.getAttribute('data-state') !== 'running' ? { state: p.getAttribute('data-state'), text: p.innerText } : null;
    }), 30000).catch(e => { result.notes.push(e.message); return null; });
    result.checks.progress_after_interrupt = progress;
    await page.screenshot({ path: path.join(shots, 'lab-3-interrupted.png') });
    await waitFor(page, 'the kernel to go idle after the interrupt', async () => /\| Idle/.test(await statusText(page)), 30000)
      .catch(e => result.notes.push(e.message));
    await shutdownKernels(page);
  } catch (e) {
    result.error = String(e && e.stack || e);
    await page.screenshot({ path: path.join(shots, 'lab-failure.png') }).catch(() => {});
  } finally {
    result.timings.total_s = since();
    await browser.close();
    console.log(JSON.stringify(result));
  }
})();
