// `npm run bench`: lints synthetic plans of several sizes and prints, per size, the time and peak memory of a full
// check next to the time to merely read and parse the same files; then the HTML report of the same check: its size, the
// time to write it, and the time the system's Chromium takes to open it and draw its first screen. Each measurement
// runs in a fresh process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { generatePlan } from './generate-plan.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const SIZES = {
  small: { segments: 50, templates: 20, sends: 2_000 },
  medium: { segments: 1_000, templates: 200, sends: 100_000 },
  large: { segments: 10_000, templates: 1_000, sends: 1_000_000 },
};
const wanted = process.argv.slice(2).filter((name) => SIZES[name]);
const sizes = wanted.length ? wanted : ['small', 'medium'];

const work = mkdtempSync(path.join(tmpdir(), 'cxlint-bench-'));
const probe = path.join(work, 'probe.mjs');
await build({
  stdin: {
    contents: `
      import { closeSync, openSync, writeSync } from 'node:fs';
      import { lint, lintPlan, readPlan } from './src/engine/lint.ts';
      import { html } from './src/reporters/html.ts';
      const [mode, dir, out] = process.argv.slice(2);
      const started = performance.now();
      const options = { cwd: dir, paths: [dir], noConfig: true };
      const result = mode === 'parse' ? await readPlan(options) : mode === 'check' ? await lint(options) : lintPlan(await readPlan(options), undefined, { view: true });
      if (mode === 'html') {
        const count = (severity) => result.findings.filter((finding) => finding.severity === severity).length;
        const summary = { ...result.summary, errors: count('error'), warnings: count('warning'), infos: count('info'), suppressed: 0 };
        const report = { version: 'bench', root: dir, findings: result.findings, suppressed: [], summary, picture: { view: result.view, time: new Date().toISOString(), checked: true } };
        const file = openSync(out, 'w');
        for (const piece of html(report, { color: false })) writeSync(file, piece);
        closeSync(file);
      }
      const ms = performance.now() - started;
      const findings = result.findings ? result.findings.length : result.problems.length;
      console.log(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, findings }));
    `,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: probe,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
});

function measure(mode, dir, out) {
  const child = spawnSync(process.execPath, ['--max-old-space-size=4096', probe, mode, dir, ...(out ? [out] : [])], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`${mode} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop());
}

const CHROMIUM = process.env.CXLINT_CHROMIUM ?? '/usr/bin/chromium';

/** Milliseconds from asking Chromium to open the report to its first screen drawn (the page marks it: html[data-rendered]). */
async function firstRender(file) {
  const { chromium } = await import('playwright-core');
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const started = performance.now();
    await page.goto(`file://${file}`, { timeout: 300_000 });
    await page.waitForSelector('html[data-rendered]', { timeout: 300_000 });
    return performance.now() - started;
  } finally {
    await browser.close();
  }
}

const rows = [];
console.log('size     segments  templates  sends(expanded)  parse ms  check ms  peak MB  findings');
try {
  for (const name of sizes) {
    const dir = path.join(work, name);
    generatePlan(dir, SIZES[name]);
    const parse = measure('parse', dir);
    const check = measure('check', dir);
    const out = path.join(work, `${name}.html`);
    const report = measure('html', dir, out);
    rows.push({ name, bytes: statSync(out).size, ms: report.ms, render: existsSync(CHROMIUM) ? await firstRender(out) : undefined });
    const { segments, templates, sends } = SIZES[name];
    console.log(
      [name.padEnd(8), String(segments).padStart(8), String(templates).padStart(10), String(sends).padStart(16), parse.ms.toFixed(0).padStart(9), check.ms.toFixed(0).padStart(9), check.rssMb.toFixed(0).padStart(8), String(check.findings).padStart(9)].join(' '),
    );
  }
  console.log(`\nhtml report (check -f html)  size MB  check+write ms  first render ms (${CHROMIUM})`);
  for (const row of rows) {
    const render = row.render === undefined ? 'no browser' : row.render.toFixed(0);
    console.log([row.name.padEnd(28), (row.bytes / 1e6).toFixed(1).padStart(8), row.ms.toFixed(0).padStart(14), render.padStart(16)].join(' '));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
