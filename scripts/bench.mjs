// `npm run bench`: lints synthetic plans of several sizes and prints, per size, the time and peak memory of a full
// check next to the time to merely read and parse the same files. Each measurement runs in a fresh process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
      import { lint, readPlan } from './src/engine/lint.ts';
      const [mode, dir] = process.argv.slice(2);
      const started = performance.now();
      const options = { cwd: dir, paths: [dir], noConfig: true };
      const result = mode === 'parse' ? await readPlan(options) : await lint(options);
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

function measure(mode, dir) {
  const child = spawnSync(process.execPath, ['--max-old-space-size=4096', probe, mode, dir], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`${mode} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop());
}

console.log('size     segments  templates  sends(expanded)  parse ms  check ms  peak MB  findings');
try {
  for (const name of sizes) {
    const dir = path.join(work, name);
    generatePlan(dir, SIZES[name]);
    const parse = measure('parse', dir);
    const check = measure('check', dir);
    const { segments, templates, sends } = SIZES[name];
    console.log(
      [name.padEnd(8), String(segments).padStart(8), String(templates).padStart(10), String(sends).padStart(16), parse.ms.toFixed(0).padStart(9), check.ms.toFixed(0).padStart(9), check.rssMb.toFixed(0).padStart(8), String(check.findings).padStart(9)].join(' '),
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
