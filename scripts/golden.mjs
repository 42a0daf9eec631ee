// Golden outputs, in the spirit of actionlint's testdata: for every examples/NAME, the exact report of
// `cxlint check` run in that folder, as stylish text (no colour) and as JSON, committed next to it as
// expected.txt and expected.json. The tests compare them byte for byte; `npm run golden -- --update`
// rewrites them, so that a deliberate change of output is one reviewed diff.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const EXAMPLES = path.join(ROOT, 'examples');
const BIN = path.join(ROOT, 'bin', 'cxlint.js');

/** What CI and a terminal share: no colour, no CI-specific behaviour. */
function environment() {
  const env = { ...process.env };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'CI', 'GITHUB_ACTIONS']) delete env[name];
  return env;
}

export const GOLDEN_FILES = [
  { name: 'expected.txt', args: ['check', '--no-color'] },
  { name: 'expected.json', args: ['check', '-f', 'json'] },
];

export function exampleNames() {
  return readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** The output of one golden run, with its exit code on a last line so that a change of exit code shows too. */
export function goldenOutput(example, args) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: path.join(EXAMPLES, example), env: environment(), encoding: 'utf8' });
  if (run.error) throw run.error;
  if (run.stderr) throw new Error(`cxlint ${args.join(' ')} in examples/${example} wrote to stderr:\n${run.stderr}`);
  return `${run.stdout}${run.stdout.endsWith('\n') ? '' : '\n'}# exit ${run.status}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const update = process.argv.includes('--update');
  let stale = 0;
  for (const example of exampleNames()) {
    for (const { name, args } of GOLDEN_FILES) {
      const file = path.join(EXAMPLES, example, name);
      const actual = goldenOutput(example, args);
      let expected;
      try {
        expected = readFileSync(file, 'utf8');
      } catch {
        expected = undefined;
      }
      if (actual === expected) continue;
      if (update) writeFileSync(file, actual);
      else stale += 1;
      console.log(`${update ? 'updated' : 'differs'}: examples/${example}/${name}`);
    }
  }
  if (stale > 0) {
    console.log(`${stale} golden file(s) differ; review the change, then run npm run golden -- --update`);
    process.exitCode = 1;
  }
}
