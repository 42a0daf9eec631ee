#!/usr/bin/env node
// The command line is bundled by `npm run build` (run by `npm ci` and `npm install`) into CommonJS scripts: dist/cxlint.cjs,
// and chunks that only some runs call into (dist/chunks/, scripts/bundle-cli.mjs). This file compiles each with a V8
// code cache: Node 20 caches no ES module's code, and parsing and compiling the bundle anew was about a third of a
// small check's time (docs/performance.md). It is CommonJS itself (bin/package.json): an ES module as the entry
// costs every run Node's ES module loader, about 10 ms.
'use strict';
const { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const dist = path.join(__dirname, '..', 'dist');

/**
 * Where code caches are kept: beside the bundle, else (an install the user cannot write, such as a global one by root)
 * in the user's cache folder, `$XDG_CACHE_HOME/cxlint` or `~/.cache/cxlint` (`%LOCALAPPDATA%\cxlint` on Windows). The
 * second is only looked up when the first has no cache.
 */
const cacheFolders = [() => path.join(dist, 'cache'), userCacheFolder];
function userCacheFolder() {
  const { XDG_CACHE_HOME, LOCALAPPDATA } = process.env;
  if (XDG_CACHE_HOME && path.isAbsolute(XDG_CACHE_HOME)) return path.join(XDG_CACHE_HOME, 'cxlint');
  if (process.platform === 'win32' && LOCALAPPDATA) return path.join(LOCALAPPDATA, 'cxlint');
  return path.join(require('node:os').homedir(), '.cache', 'cxlint');
}

/** A script's code cache, opened in the first folder that has it: its descriptor and size; undefined when none has. */
function openCache(name) {
  for (const folder of cacheFolders) {
    let fd;
    try {
      fd = openSync(path.join(folder(), name), 'r');
      return { fd, size: fstatSync(fd).size };
    } catch {
      // None there (yet): the next folder, or this run compiles the script and writes one.
      if (fd !== undefined) closeSync(fd);
    }
  }
  return undefined;
}

/**
 * The buffer a script and then its cache are read into. Memory a process touches for the first time can be dear (on
 * the machine of docs/performance.md, ~15 µs a page): a buffer for each file was ~230 more pages and ~7 ms a run.
 */
let scratch = Buffer.alloc(0);

/** The whole of an open file (then closed), in the scratch buffer, made at least `room` bytes long. */
function readAll(fd, size, room = size) {
  if (scratch.length < room) scratch = Buffer.allocUnsafeSlow(room);
  let done = 0;
  try {
    while (done < size) {
      const read = readSync(fd, scratch, done, size - done, done);
      if (read === 0) break;
      done += read;
    }
  } finally {
    closeSync(fd);
  }
  return scratch.subarray(0, done);
}

/** Written atomically (another run may be reading it), in the first folder that takes it; never fatal. */
function writeCache(name, data) {
  for (const folder of cacheFolders) {
    let tmp;
    try {
      const file = path.join(folder(), name);
      tmp = `${file}.${process.pid}.tmp`;
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(tmp, data);
      renameSync(tmp, file);
      return;
    } catch {
      try {
        if (tmp) rmSync(tmp, { force: true });
      } catch {
        // There was no folder to write it in.
      }
    }
  }
}

const WRAPPER = '(function (exports, require, module, __filename, __dirname) {';

/** The scripts compiled in this run: those that had no cache V8 took get one after the run. */
const compiled = [];
const loaded = new Map();

/**
 * Runs one of the bundle's scripts (once) and returns its exports. V8 checks that a code cache comes from its own
 * version and flags, and from a source of the same length, not the same text: the cache's name holds the build id the
 * build wrote at the top of the script (a hash of its text), and the file's size and time, so that no script ever
 * meets another's cache (npm gives every file of a package the same time).
 */
function load(name, file) {
  const done = loaded.get(file);
  if (done) return done.exports;
  const fd = openSync(file, 'r');
  const { size, mtimeMs } = fstatSync(fd);
  // The build writes each script as the function called below, with its build id (scripts/bundle-cli.mjs): compiling
  // the text as read spares V8 copying it into a wrapped string first. The id names the cache, read from the start of
  // the script before the rest, so that one buffer is made for the larger of the two.
  const head = Buffer.alloc(Math.min(size, WRAPPER.length + 32));
  readSync(fd, head, 0, head.length, 0);
  const built = head.toString('latin1').startsWith(WRAPPER);
  const id = built ? /^\/\* cxlint ([0-9a-f]{16}) \*\//.exec(head.toString('latin1', WRAPPER.length))?.[1] : undefined;
  const cacheName = `${name}-${process.version}-${process.arch}-${id ?? 'unknown'}-${size}-${Math.trunc(mtimeMs)}.bin`;
  const cache = openCache(cacheName);
  // The build makes the scripts ASCII: read as latin1, each is the same text, without decoding UTF-8.
  const source = readAll(fd, size, Math.max(size, cache?.size ?? 0)).toString('latin1');
  // V8 reads the cache while it compiles, and keeps nothing of the buffer.
  const cachedData = cache && readAll(cache.fd, cache.size);
  const script = new vm.Script(built ? source : `${WRAPPER}${source}\n})`, { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) compiled.push({ script, cacheName });
  const module = { exports: {} };
  loaded.set(file, module);
  script.runInThisContext()(module.exports, bundleRequire, module, file, path.dirname(file));
  return module.exports;
}

/**
 * The `require` of the bundle's scripts: `cxlint:chunk/<name>` is a chunk, `cxlint:shared/<module>` a module of the
 * main bundle that a chunk uses too (scripts/bundle-cli.mjs); anything else is one of Node's modules.
 */
function bundleRequire(id) {
  if (id.startsWith('cxlint:chunk/')) {
    const name = id.slice('cxlint:chunk/'.length);
    return load(name, path.join(dist, 'chunks', `${name}.cjs`));
  }
  if (id.startsWith('cxlint:shared/')) return main.shared[id.slice('cxlint:shared/'.length)];
  return require(id);
}

let main;
try {
  main = load('cxlint', path.join(dist, 'cxlint.cjs'));
} catch (error) {
  if (error.code !== 'ENOENT' || error.path !== path.join(dist, 'cxlint.cjs')) throw error;
  process.stderr.write('cxlint: not built yet: run `npm run build` in the cxlint folder\n');
  process.exit(2);
}

// Written after the run, so that the cache also holds the functions V8 compiled lazily while it ran. A cache that cannot
// be written only costs the next run its speed: the run has already succeeded.
main.run().then(() => {
  for (const { script, cacheName } of compiled) writeCache(cacheName, script.createCachedData());
});
