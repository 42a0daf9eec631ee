// The command line's bundle (scripts/build.mjs calls bundleCli): one CommonJS script, dist/cxlint.cjs, for what every
// run needs, and a chunk per module that only some runs need (dist/chunks/<name>.cjs, CHUNKS below: the HTML report,
// the other report formats, init, the adapters' readers, CSV, recurrence …). bin/cxlint.js compiles each with a V8
// code cache, a chunk when a run first calls into it: a plain check reads and deserialises none of them
// (docs/performance.md, "Start-up").
//
// esbuild splits code only into ES modules, and the command line is CommonJS so that V8 caches its code; so:
// - in the main bundle, a module that is a chunk is replaced by a stub: a function of the same name for each function
//   the module exports, which loads the chunk (`require('cxlint:chunk/<name>')`, answered by bin/cxlint.js) and calls
//   it. The sources import the module as any other: tests and the API bundle never see a chunk;
// - a chunk uses the main bundle's own instance of every module both hold (luxon and its settings, the findings' and
//   fragments' helpers …): `require('cxlint:shared/<path>')`, answered from the `shared` table the main bundle exports,
//   which lists exactly those. Another chunk's module is that chunk (loaded with this one). Anything else a chunk
//   uses, it bundles: a package that two chunks use and the main bundle does not (csv-parse in init and csv) is in
//   both, so that such a package must keep no state that the two would need to share.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/**
 * The chunks: name → module. A chunk's module may export anything, but the main bundle can import only its functions
 * and constants of a primitive value (esbuild fails the build on any other import from it): a stub stands for each.
 */
export const CHUNKS = {
  // With the report page's script and style, 100 KB.
  html: 'src/reporters/html.ts',
  sarif: 'src/reporters/sarif.ts',
  junit: 'src/reporters/junit.ts',
  gitlab: 'src/reporters/gitlab.ts',
  markdown: 'src/reporters/markdown.ts',
  init: 'src/cli/init.ts',
  // With ical.js and the Windows zone names.
  ics: 'src/loaders/adapters/ics-read.ts',
  sfmc: 'src/loaders/adapters/sfmc-read.ts',
  tdx: 'src/loaders/adapters/tdx-read.ts',
  // With read-excel-file.
  xlsx: 'src/loaders/adapters/xlsx-read.ts',
  // With rrule: only a plan with a repeating send needs it.
  recurrence: 'src/time/recurrence.ts',
  // With csv-parse and the plan schema's fields: only a run that reads a CSV file (or maps its columns) needs it.
  csv: 'src/loaders/csv.ts',
  // The validators of the rules' options: only a config that gives a rule options needs them.
  'rule-options': 'src/generated/rule-options.js',
};

/** Passed to build.resolve by the plugins below, so that they do not answer their own questions. */
const INNER = Symbol('resolving for a cxlint plugin');

/**
 * Each script is written as the function bin/cxlint.js calls (CommonJS's module wrapper), so that it compiles the text
 * as read: wrapping it at run time made V8 copy a megabyte into one string before compiling it. Inside, a build id,
 * `/* cxlint <16 hex digits> *\/`: a hash of the text, by which bin/cxlint.js names its code cache, so that a cache is
 * never taken for another script (V8 checks only the source's length).
 */
const WRAPPER = '(function (exports, require, module, __filename, __dirname) {';
const BUILD_ID_PLACEHOLDER = `/* cxlint ${'0'.repeat(16)} */`;

/**
 * What each chunk's module exports that a stub can stand for: its functions (a class is none), and constants of a
 * primitive value (a number, a string …), as `{ functions, constants }`. Read by importing the modules, bundled into a
 * scratch module beside the sources (so that their packages resolve), then removed.
 */
async function chunkExports(root) {
  const scratch = path.join(root, 'src', 'generated', `.chunks-${process.pid}.mjs`);
  const names = Object.keys(CHUNKS);
  const contents = names.map((name, index) => `export * as m${index} from ${JSON.stringify(path.join(root, CHUNKS[name]))};`).join('\n');
  // The generated validators require() Ajv's runtime: an ES module needs a require() for that.
  const banner = { js: "import { createRequire as __cxlintRequire } from 'node:module'; const require = __cxlintRequire(import.meta.url);" };
  await build({ stdin: { contents, resolveDir: root, loader: 'js' }, outfile: scratch, bundle: true, platform: 'node', format: 'esm', packages: 'external', banner, logLevel: 'warning' });
  try {
    const modules = await import(pathToFileURL(scratch).href);
    const isFunction = (value) => typeof value === 'function' && !/^class\b/.test(Function.prototype.toString.call(value));
    const isConstant = (value) => value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value);
    const exported = async (name) => {
      // A `let` would be copied as it is now, not as it will be.
      if (/^export let /m.test(await readFile(path.join(root, CHUNKS[name]), 'utf8'))) throw new Error(`${CHUNKS[name]} exports a let: a chunk's module exports constants`);
      const entries = Object.entries(modules[`m${names.indexOf(name)}`]);
      return [name, { functions: entries.filter(([, value]) => isFunction(value)).map(([key]) => key), constants: entries.filter(([, value]) => isConstant(value)) }];
    };
    return Object.fromEntries(await Promise.all(names.map(exported)));
  } finally {
    await rm(scratch, { force: true });
  }
}

/** A stub for each function of the chunk, which loads the chunk (once) at the first call; its constants, copied. */
function stubSource(name, { functions, constants }) {
  return [
    'let chunk;',
    `const load = () => (chunk ??= require(${JSON.stringify(`cxlint:chunk/${name}`)}));`,
    ...functions.map((fn) => `export function ${fn}(...args) { return load().${fn}.apply(this, args); }`),
    ...constants.map(([key, value]) => `export const ${key} = ${value === undefined ? 'undefined' : JSON.stringify(value)};`),
  ].join('\n');
}

/**
 * In the main bundle, every import of a chunk's module becomes its stub; in a chunk, another chunk's module is that
 * chunk, loaded with this one (`require('cxlint:chunk/<name>')`). `cxlint:` requests are left to bin/cxlint.js.
 */
function chunkStubs(root, exports, own) {
  const chunkOf = new Map(Object.entries(CHUNKS).map(([name, file]) => [path.join(root, file), name]));
  return {
    name: 'cxlint-chunk-stubs',
    setup(b) {
      b.onResolve({ filter: /^cxlint:/ }, (args) => ({ path: args.path, external: true }));
      b.onResolve({ filter: /^\./ }, async (args) => {
        if (args.pluginData === INNER || args.kind === 'entry-point') return undefined;
        const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, with: args.with, pluginData: INNER });
        const name = chunkOf.get(resolved.path);
        if (name === undefined || name === own) return undefined;
        return own === undefined ? { path: name, namespace: 'cxlint-chunk' } : { path: `cxlint:chunk/${name}`, external: true };
      });
      b.onLoad({ filter: /.*/, namespace: 'cxlint-chunk' }, (args) => ({ contents: stubSource(args.path, exports[args.path]), loader: 'js' }));
    },
  };
}

/**
 * Stand-ins for what a package loads but cxlint's command line never uses, each costing every run a few milliseconds:
 * - commander requires child_process (and with it net, dgram, …) for subcommands that are executables of their own,
 *   which cxlint has none of: a stand-in loads the real module if ever asked;
 * - chalk detects whether the terminal takes colour when it loads, importing tty (and with it net): cxlint decides
 *   colour itself (src/cli/colour.ts) and gives each Chalk its level.
 */
const STAND_INS = [
  {
    request: /^(node:)?child_process$/,
    importer: /[\\/]node_modules[\\/]commander[\\/]/,
    contents: 'let real;\nmodule.exports = new Proxy({}, { get: (_, key) => (real ??= require("node:child_process"))[key] });',
  },
  { request: /^#supports-color$/, importer: /[\\/]node_modules[\\/]chalk[\\/]/, contents: 'export default { stdout: false, stderr: false };' },
];
const standIns = {
  name: 'cxlint-stand-ins',
  setup(b) {
    for (const [index, { request, importer, contents }] of STAND_INS.entries()) {
      b.onResolve({ filter: request }, (args) => (importer.test(args.importer) ? { path: String(index), namespace: 'cxlint-stand-in' } : undefined));
    }
    b.onLoad({ filter: /.*/, namespace: 'cxlint-stand-in' }, (args) => ({ contents: STAND_INS[Number(args.path)].contents, loader: 'js' }));
  },
};

/**
 * A module's key in the shared table: its path as the metafile writes it (relative to the root, with `/`), from
 * `node_modules/` on for a package's (wherever the packages are installed).
 */
const keyOf = (input) => input.replace(/^(?:.*\/)?(?=node_modules\/)/, '');

/**
 * In a chunk, a module the main bundle holds is the main bundle's (`cxlint:shared/<key>`), recorded in `used`. JSON is
 * bundled again: it is data, and a default import of it would not survive the trip through a table.
 */
function sharedWithMain(root, mainInputs, used) {
  return {
    name: 'cxlint-shared-with-main',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === INNER || args.kind === 'entry-point' || args.path.startsWith('cxlint:') || isBuiltin(args.path)) return undefined;
        const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, with: args.with, pluginData: INNER });
        if (resolved.errors.length > 0 || resolved.external || resolved.namespace !== 'file') return undefined;
        const key = keyOf(path.relative(root, resolved.path).split(path.sep).join('/'));
        if (!mainInputs.has(key) || key.endsWith('.json')) return undefined;
        used.add(key);
        return { path: `cxlint:shared/${key}`, external: true };
      });
    },
  };
}

/**
 * The main bundle's entry: the command line (src/cli/main.ts), and the table of the modules the chunks share with it.
 * An ES module's entry is its namespace, a CommonJS module's its `module.exports`: what `import` would give a chunk.
 */
function mainEntry(root, shared, inputs) {
  const lines = [`export * from ${JSON.stringify(path.join(root, 'src', 'cli', 'main.ts'))};`];
  const entries = shared.map((key, index) => {
    const { input, format } = inputs.get(key);
    const file = JSON.stringify(path.join(root, input));
    lines.push(format === 'esm' ? `import * as m${index} from ${file};` : `const m${index} = require(${file});`);
    return `${JSON.stringify(key)}: m${index}`;
  });
  lines.push(`export const shared = { ${entries.join(', ')} };`);
  return {
    name: 'cxlint-main-entry',
    setup(b) {
      b.onResolve({ filter: /^cxlint-main$/ }, () => ({ path: 'cxlint-main', namespace: 'cxlint-main' }));
      b.onLoad({ filter: /.*/, namespace: 'cxlint-main' }, () => ({ contents: lines.join('\n'), loader: 'js', resolveDir: root }));
    },
  };
}

/**
 * A chunk imports the modules it shares with a named import; a default import from an ES module would give it the
 * whole namespace (what `require` gives), so an ES module it shares must have no default export.
 */
async function refuseSharedDefaults(root, shared, inputs) {
  const modules = shared.map((key) => inputs.get(key)).filter(({ format }) => format === 'esm');
  if (modules.length === 0) return;
  const result = await build({ entryPoints: modules.map(({ input }) => path.join(root, input)), outdir: path.join(root, 'dist', '.exports'), bundle: false, format: 'esm', write: false, metafile: true, logLevel: 'warning' });
  const withDefault = Object.values(result.metafile.outputs).filter((output) => output.exports.includes('default'));
  if (withDefault.length > 0) throw new Error(`a chunk shares ${withDefault.map((output) => output.entryPoint).join(', ')} with the main bundle, which has a default export: export names instead`);
}

/** Writes each script with its build id: the hash of its text (with the placeholder where the id goes). */
async function writeWithBuildId(result) {
  for (const file of result.outputFiles) {
    let text = file.text;
    if (file.path.endsWith('.cjs')) {
      if (!text.startsWith(WRAPPER + BUILD_ID_PLACEHOLDER)) throw new Error(`${file.path} does not start with the wrapper and the build id's placeholder`);
      text = text.replace(BUILD_ID_PLACEHOLDER, `/* cxlint ${createHash('sha256').update(text).digest('hex').slice(0, 16)} */`);
    }
    await mkdir(path.dirname(file.path), { recursive: true });
    await writeFile(file.path, text);
  }
}

/**
 * Builds dist/cxlint.cjs and dist/chunks/. Which modules the chunks share with the main bundle depends on what the
 * main bundle holds, and listing them in its table may add modules to it: built again until nothing changes (twice,
 * unless a chunk uses a part of a module that nothing else did). Returns the metafiles.
 */
export async function bundleCli(root, common) {
  const exports = await chunkExports(root);
  const options = { ...common, format: 'cjs', minifyWhitespace: true, charset: 'ascii', write: false, absWorkingDir: root, banner: { js: WRAPPER + BUILD_ID_PLACEHOLDER }, footer: { js: '})' } };
  const main = (shared, inputs) =>
    build({ ...options, entryPoints: [{ in: 'cxlint-main', out: 'cxlint' }], outdir: path.join(root, 'dist'), outExtension: { '.js': '.cjs' }, plugins: [mainEntry(root, shared, inputs), chunkStubs(root, exports), standIns] });
  // What the main bundle holds: key → its path in the metafile, and whether it is an ES or a CommonJS module.
  const inputsOf = (result) => {
    const held = Object.keys(Object.values(result.metafile.outputs).find((output) => output.entryPoint).inputs);
    return new Map(held.map((input) => [keyOf(input), { input, format: result.metafile.inputs[input]?.format }]));
  };

  let mainResult = await main([], new Map());
  for (let round = 1; ; round += 1) {
    const mainInputs = inputsOf(mainResult);
    const used = new Set();
    const chunks = await Promise.all(
      Object.entries(CHUNKS).map(([name, file]) =>
        build({ ...options, entryPoints: [path.join(root, file)], outfile: path.join(root, 'dist', 'chunks', `${name}.cjs`), plugins: [chunkStubs(root, exports, name), sharedWithMain(root, mainInputs, used)] }),
      ),
    );
    const shared = [...used].sort();
    mainResult = await main(shared, mainInputs);
    const next = inputsOf(mainResult);
    if (next.size === mainInputs.size && [...next.keys()].every((key) => mainInputs.has(key))) {
      await refuseSharedDefaults(root, shared, mainInputs);
      await rm(path.join(root, 'dist', 'chunks'), { recursive: true, force: true });
      for (const result of [mainResult, ...chunks]) await writeWithBuildId(result);
      return [mainResult, ...chunks].map((result) => result.metafile);
    }
    if (round === 4) throw new Error('the chunks and the main bundle do not settle on the modules they share');
  }
}

