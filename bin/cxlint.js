#!/usr/bin/env node
// The CLI is bundled by `npm run build` (run by `npm ci` and `npm install`) into one CommonJS script, dist/cxlint.cjs,
// which this file compiles with a V8 code cache: Node 20 caches no ES module's code, and parsing and compiling the
// bundle anew was about a third of a small check's time (docs/performance.md).
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const bundle = fileURLToPath(new URL('../dist/cxlint.cjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('cxlint: not built yet: run `npm run build` in the cxlint folder\n');
  process.exit(2);
}

const fd = openSync(bundle, 'r');
const { size, mtimeMs } = fstatSync(fd);
// The build makes the bundle ASCII: read as latin1, it is the same text, without decoding UTF-8.
const source = readFileSync(fd, 'latin1');
closeSync(fd);

// V8 checks that a cache comes from its own version and flags, and from a source of the same length, not the same text:
// the name adds the bundle's size and time, so that a bundle replaced in place never meets the old one's cache.
const cacheDir = path.join(path.dirname(bundle), 'cache');
const cacheFile = path.join(cacheDir, `${process.version}-${process.arch}-${size}-${Math.trunc(mtimeMs)}.bin`);
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // No cache yet: this run compiles the bundle and writes one.
}

const wrapper = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
const module = { exports: {} };
wrapper.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
await module.exports.run();

// Written after the run, so that the cache also holds the functions V8 compiled lazily while it ran. A cache that cannot
// be written (a read-only install) only costs the next run its speed: the run has already succeeded.
if (cachedData === undefined || wrapper.cachedDataRejected) {
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  try {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(tmp, wrapper.createCachedData());
    renameSync(tmp, cacheFile);
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // There was no folder to write it in.
    }
  }
}
