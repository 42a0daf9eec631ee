// `npm run bench [NAME…]`: the budgets of issue 14, each measured against a reference taken in the same run (the machine
// is shared and noisy, so only ratios compare between runs). Each measurement runs in a fresh process.
//
//   start-up   `cxlint check examples/lease-end` against `node -e 0` and against the stack's floor (a bundled script
//              in which the decided libraries do what any check of the example must: commander, fast-glob, yaml, and
//              one zone through Intl; buildStartUpFloor): medians of paired runs, and the ratios (goal ≤ 2× the floor:
//              issue 14's ≤ 2× `node -e 0` is below the floor itself, docs/performance.md); all three without
//              NODE_EXTRA_CA_CERTS and NODE_OPTIONS, which slow every start of Node (STARTUP_EXTRAS)
//   small, 100k, 300k, 1m   synthetic plans of that many expanded sends (50, 1,000, 3,000, 10,000 segments), checked over
//              the year they run through; per plan: the deliveries the timelines make (not rows), findings, the parse floor
//              (the same files parsed by the same libraries, nothing else), the check and its ratio to the floor, peak
//              RSS, and the time to write the stylish and json reports (goals: 1m < 10 s and < 2 GB; ≤ 5× the floor);
//              the floor and the check are run in five alternated pairs, and the pair with the median ratio is shown
//   findings   150,000 CSV rows to one segment, about 300,000 findings (goal: < 10 s with the json report written,
//              as issue 14 measures it: `check -f json -o`)
//   html       the HTML report of small and 100k: its size, the time to write it, and Chromium's first render
//
// With no NAME: start-up, small and 100k (a few minutes on 2 CPUs). Between neighbouring sizes, each stage's exponent
// (log of the time ratio over log of the size ratio: 1 is linear) shows how its cost grows.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { HORIZON, generateFindingsPlan, generatePlan } from './generate-plan.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const PLANS = {
  small: { segments: 50, templates: 20, sends: 2_000 },
  '100k': { segments: 1_000, templates: 200, sends: 100_000 },
  '300k': { segments: 3_000, templates: 500, sends: 300_000 },
  '1m': { segments: 10_000, templates: 1_000, sends: 1_000_000 },
  findings: { rows: 150_000 },
};
const CHROMIUM = process.env.CXLINT_CHROMIUM ?? '/usr/bin/chromium';
const NAMES = ['start-up', ...Object.keys(PLANS), 'html'];
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !NAMES.includes(name));
if (unknown.length) {
  console.error(`unknown bench ${unknown.join(', ')}: choose from ${NAMES.join(', ')}`);
  process.exit(2);
}
const wanted = asked.length ? asked : ['start-up', 'small', '100k'];

const work = mkdtempSync(path.join(tmpdir(), 'cxlint-bench-'));
const probe = path.join(work, 'probe.mjs');
// The engine from the sources, as `cxlint check` runs it: the parse floor, the timelines alone (to count the sends they
// hold), the check with its reports, or the html report.
await build({
  stdin: {
    contents: `
      import { readFileSync, readdirSync, closeSync, openSync, writeSync } from 'node:fs';
      import { createHash } from 'node:crypto';
      import path from 'node:path';
      import { parse as parseYaml } from 'yaml';
      import { parse as parseCsv } from 'csv-parse/sync';
      import { lintPlan, readPlan, timelinesOf } from './src/engine/lint.ts';
      import { reportOf } from './src/reporters/report.ts';
      import { REPORTERS } from './src/reporters/index.ts';
      import { html } from './src/reporters/html.ts';
      import { writeReport } from './src/cli/output.ts';
      const [mode, dir, horizonText, out] = process.argv.slice(2);
      const horizon = JSON.parse(horizonText);
      const options = { cwd: dir, paths: [dir], noConfig: true, horizon };
      const rss = () => process.resourceUsage().maxRSS / 1024;
      const timed = async (work) => { const started = performance.now(); const value = await work(); return [value, performance.now() - started]; };
      let line;
      if (mode === 'parse') {
        const [, ms] = await timed(() => {
          for (const file of readdirSync(dir)) {
            const text = readFileSync(path.join(dir, file), 'utf8');
            if (file.endsWith('.yaml')) parseYaml(text);
            else if (file.endsWith('.csv')) parseCsv(text, { columns: true });
          }
        });
        line = { ms };
      } else if (mode === 'expand') {
        const read = await readPlan(options);
        // The timelines placed, and every segment's deliveries made (a check makes each as its timeline is checked).
        // Each delivery is placed once, under the segment it is addressed to; journey runs hold their own.
        const [sends, ms] = await timed(() => {
          const timelines = timelinesOf(read.plan, read.config, horizon);
          let count = 0;
          for (const segment of read.plan.segments.keys()) count += timelines.addressedTo(segment).length;
          return count;
        });
        line = { ms, sends, rows: read.summary.sends };
      } else if (mode === 'check') {
        const [read, readMs] = await timed(() => readPlan(options));
        const [result, lintMs] = await timed(() => lintPlan(read, horizon));
        const report = reportOf(result, { kept: result.findings, suppressed: [] }, { version: 'bench', root: dir });
        const reports = {};
        for (const format of ['stylish', 'json']) {
          const file = path.join(out, 'report.' + format);
          [, reports[format]] = await timed(() => writeReport({ given: file, path: file, kind: 'file' }, REPORTERS[format](report, { color: false })));
        }
        // The JSON report's hash: the same plan must give the same findings before and after a change of the engine.
        const checksum = createHash('sha256').update(readFileSync(path.join(out, 'report.json'))).digest('hex').slice(0, 12);
        line = { ms: readMs + lintMs, readMs, lintMs, findings: result.findings.length, rssMb: rss(), reports, checksum };
      } else {
        const [, ms] = await timed(async () => {
          const result = lintPlan(await readPlan(options), horizon, { view: true });
          const count = (severity) => result.findings.filter((finding) => finding.severity === severity).length;
          const summary = { ...result.summary, errors: count('error'), warnings: count('warning'), infos: count('info'), suppressed: 0 };
          const report = { version: 'bench', root: dir, findings: result.findings, suppressed: [], summary, picture: { view: result.view, time: new Date().toISOString(), checked: true } };
          const file = openSync(out, 'w');
          for (const piece of html(report, { color: false })) writeSync(file, piece);
          closeSync(file);
        });
        line = { ms };
      }
      console.log(JSON.stringify(line));
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

function measure(mode, dir, horizon, out) {
  const child = spawnSync(process.execPath, ['--max-old-space-size=4096', probe, mode, dir, JSON.stringify(horizon), ...(out ? [out] : [])], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`${mode} failed (${child.signal ?? `exit ${child.status}`}): ${/heap out of memory/.test(child.stderr) ? 'out of memory' : child.stderr.trim().split('\n').pop()}`);
  return JSON.parse(child.stdout.trim().split('\n').pop());
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

/**
 * The parse floor and the check of a plan, alternated RUNS times so that each check meets the load its floor met: the
 * pair with the median ratio is the one reported (its floor, its check and that check's other figures). The machine's
 * load drifts by a third within a minute; a ratio of runs taken side by side follows it, medians taken apart do not.
 */
const RUNS = 5;
function pairedRuns(dir, horizon) {
  const pairs = [];
  for (let i = 0; i < RUNS; i += 1) pairs.push({ parse: measure('parse', dir, horizon), check: measure('check', dir, horizon, work) });
  const ratio = ({ parse, check }) => check.ms / parse.ms;
  return [...pairs].sort((a, b) => ratio(a) - ratio(b))[RUNS >> 1];
}

/**
 * What the environment may add to every start of Node, unset for both commands so that `node -e 0` is bare Node:
 * NODE_EXTRA_CA_CERTS makes Node read and parse each certificate of the file it names before running anything (on the
 * machine of docs/performance.md, whose environment names the system's 140 certificates: ~45 ms of a ~135 ms
 * `node -e 0`), which would lower the ratio without cxlint being any faster; NODE_OPTIONS may preload modules.
 */
const STARTUP_EXTRAS = ['NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS'];

/**
 * The stack's floor of a check's start-up: a bundled script that does only what any check of examples/lease-end must do
 * with the libraries the project has decided on (README, "Dependencies"), and nothing of cxlint's own: commander reads
 * the command line, fast-glob finds the folder's YAML files, yaml reads them keeping positions, and Intl gives the
 * config's zone's offset (luxon's only source of offsets; ICU starting is most of its cost). No validation, model,
 * rules or report. Loaded as a plain Node program loads a script: no code cache.
 */
async function buildStartUpFloor() {
  const file = path.join(work, 'floor.cjs');
  const contents = `
    const { readFileSync } = require('node:fs');
    const { Command } = require('commander');
    const glob = require('fast-glob');
    const { LineCounter, parseDocument } = require('yaml');
    const program = new Command('cxlint');
    program.command('check').argument('[paths...]').option('-f, --format <format>').action(async (paths) => {
      const files = await glob(paths.map((folder) => folder + '/**/*.{yaml,yml}'), { absolute: true });
      let zone;
      for (const name of files.sort()) {
        const document = parseDocument(readFileSync(name, 'utf8'), { lineCounter: new LineCounter() });
        zone ??= document.get('timezone');
      }
      const options = { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', timeZoneName: 'short' };
      if (!zone || new Intl.DateTimeFormat('en-US', options).formatToParts(Date.now()).length === 0) process.exit(3);
    });
    program.parseAsync(process.argv);
  `;
  await build({ stdin: { contents, resolveDir: root, loader: 'js' }, outfile: file, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
  return file;
}

/** `cxlint check examples/lease-end`, the stack's floor and `node -e 0`, alternated, so that all three meet the same load. */
async function startUp(runs = 15) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !STARTUP_EXTRAS.includes(name)));
  const time = (args) => {
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore', env });
    if (child.status !== 0 && child.status !== 1) throw new Error(`${args.join(' ')}: exit ${child.status}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const commands = {
    bare: ['-e', '0'],
    floor: [await buildStartUpFloor(), 'check', 'examples/lease-end'],
    check: [path.join(root, 'bin', 'cxlint.js'), 'check', 'examples/lease-end'],
  };
  if (!existsSync(path.join(root, 'dist', 'cxlint.cjs'))) throw new Error('start-up measures the built CLI: run npm run build');
  // The first run of each writes its code cache or warms the file cache.
  for (const args of Object.values(commands)) time(args);
  const times = { bare: [], floor: [], check: [] };
  for (let i = 0; i < runs; i += 1) for (const [name, args] of Object.entries(commands)) times[name].push(time(args));
  return { bare: median(times.bare), floor: median(times.floor), check: median(times.check), runs, unset: STARTUP_EXTRAS.filter((name) => process.env[name] !== undefined) };
}

const pad = (value, width) => String(value).padStart(width);
const exponent = (small, large, key) => Math.log(large[key] / small[key]) / Math.log(large.sends / small.sends);

const measured = [];
/** What the issue's targets say of the plans measured, one line each. */
const verdicts = [];

/**
 * Issue 14's targets for a plan: 1m (the large plan) in < 10 s with the stylish and json reports, < 2 GB, ≤ 5× its parse
 * floor; the findings plan < 10 s with the json report (the issue's `-f json -o`; its stylish time is printed too).
 */
function targetsOf(name, check, parse) {
  const met = (ok) => (ok ? 'met' : 'NOT met');
  const withReports = (check.ms + check.reports.stylish + check.reports.json) / 1000;
  const withJson = (check.ms + check.reports.json) / 1000;
  if (name === '1m') {
    return [
      `target 1m: < 10 s with the stylish and json reports written: ${withReports.toFixed(1)} s, ${met(withReports < 10)}; < 2 GB: ${check.rssMb.toFixed(0)} MB, ${met(check.rssMb < 2048)}`,
      `target 1m (the large plan): ≤ 5× its parse floor: ${(check.ms / parse.ms).toFixed(1)}×, ${met(check.ms / parse.ms <= 5)}`,
    ];
  }
  if (name === 'findings') return [`target findings: < 10 s with the json report written (-f json -o): ${withJson.toFixed(1)} s, ${met(withJson < 10)}`];
  return [];
}
try {
  if (wanted.includes('start-up')) {
    const { bare, floor, check, runs, unset } = await startUp();
    const bareNode = unset.length > 0 ? `; ${unset.join(' and ')} unset for all` : '';
    const ratio = (of) => `${(check / of).toFixed(2)}×`;
    console.log(`start-up (medians of ${runs} paired runs${bareNode}): node -e 0 ${bare.toFixed(0)} ms; the stack's floor (commander, fast-glob and yaml reading the example, one zone through Intl) ${floor.toFixed(0)} ms, ${(floor / bare).toFixed(2)}× node -e 0; cxlint check examples/lease-end ${check.toFixed(0)} ms`);
    console.log(`target start-up: ≤ 2× the stack's floor: ${ratio(floor)}, ${check / floor <= 2 ? 'met' : 'NOT met'} (${ratio(bare)} node -e 0: issue 14's ≤ 2× node -e 0 is below the floor, docs/performance.md)\n`);
  }
  const plans = wanted.filter((name) => PLANS[name]);
  if (plans.length) {
    console.log('plan       segments  expanded sends  findings  parse ms  check ms  ×parse  read ms  lint ms  timelines ms  peak MB  stylish ms  json ms  json sha256');
    console.log('(read: files → model; lint: timelines → rules → findings; timelines: placed and every delivery made, alone, in another process)');
  }
  for (const name of plans) {
    const dir = path.join(work, name);
    const { rows, ...size } = PLANS[name];
    if (rows) generateFindingsPlan(dir, rows);
    else generatePlan(dir, size);
    // The findings plan runs over years of hours: the default horizon (its first to its last send) holds them all.
    const horizon = rows ? {} : HORIZON;
    let parse, expand, check;
    try {
      expand = measure('expand', dir, horizon);
      ({ parse, check } = pairedRuns(dir, horizon));
    } catch (error) {
      console.log(`${name.padEnd(9)} ${pad(rows ? 1 : size.segments, 9)} ${pad(expand?.sends ?? '?', 15)}  ${error.message}`);
      continue;
    }
    const row = { name, segments: rows ? 1 : size.segments, sends: expand.sends, parse: parse.ms, check: check.ms, read: check.readMs, lint: check.lintMs, timelines: expand.ms, stylish: check.reports.stylish, json: check.reports.json };
    if (!rows) measured.push(row);
    console.log(
      [
        name.padEnd(9),
        pad(row.segments, 9),
        pad(expand.sends, 15),
        pad(check.findings, 9),
        pad(parse.ms.toFixed(0), 9),
        pad(check.ms.toFixed(0), 9),
        pad((check.ms / parse.ms).toFixed(1), 7),
        pad(check.readMs.toFixed(0), 8),
        pad(check.lintMs.toFixed(0), 8),
        pad(expand.ms.toFixed(0), 13),
        pad(check.rssMb.toFixed(0), 8),
        pad(check.reports.stylish.toFixed(0), 11),
        pad(check.reports.json.toFixed(0), 8),
        ` ${check.checksum}`,
      ].join(' '),
    );
    verdicts.push(...targetsOf(name, check, parse));
  }
  for (const line of verdicts) console.log(line);
  if (measured.length > 1) {
    console.log('\ngrowth between neighbouring sizes (exponent of the time against expanded sends; 1 is linear, goal ≤ 1.1)');
    console.log('sizes            parse  check  read (files → model)  lint (timelines → findings)  timelines alone  stylish  json');
    for (let i = 1; i < measured.length; i += 1) {
      const [a, b] = [measured[i - 1], measured[i]];
      const cells = ['parse', 'check', 'read', 'lint', 'timelines', 'stylish', 'json'].map((key) => exponent(a, b, key).toFixed(2));
      console.log([`${a.name} → ${b.name}`.padEnd(15), pad(cells[0], 6), pad(cells[1], 6), pad(cells[2], 21), pad(cells[3], 28), pad(cells[4], 16), pad(cells[5], 8), pad(cells[6], 5)].join(' '));
    }
  }
  if (wanted.includes('html')) await htmlReports();
} finally {
  rmSync(work, { recursive: true, force: true });
}

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

async function htmlReports() {
  console.log(`\nhtml report (check -f html)  size MB  check+write ms  first render ms (${CHROMIUM})`);
  for (const name of ['small', '100k']) {
    const dir = path.join(work, `html-${name}`);
    generatePlan(dir, PLANS[name]);
    const out = path.join(work, `${name}.html`);
    const { ms } = measure('html', dir, HORIZON, out);
    const render = existsSync(CHROMIUM) ? (await firstRender(out)).toFixed(0) : 'no browser';
    console.log([name.padEnd(28), (statSync(out).size / 1e6).toFixed(1).padStart(8), ms.toFixed(0).padStart(14), render.padStart(16)].join(' '));
  }
}
