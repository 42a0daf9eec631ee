import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CxlintConfig } from '../generated/config-types.js';
import { config as validateConfigSchema } from '../generated/validators.js';
import { UsageError } from '../errors.js';
import { leavesFolder } from '../files/discover.js';
import { displayPath } from '../files/paths.js';
import { locate, pointerTo } from '../loaders/fragment.js';
import type { PositionMap } from '../loaders/fragment.js';
import { decodeText, readFileUpTo } from '../loaders/text.js';
import { readYaml } from '../loaders/yaml.js';
import { messageFor, withoutBranchErrors } from '../validate/messages.js';

/** Named configs a chain may extend (`cxlint:recommended`): the engine supplies them, as they are made from the rules. */
export type Presets = Readonly<Record<string, CxlintConfig>>;

export const CONFIG_FILE_NAMES = ['cxlint.config.yaml', '.cxlintrc.yaml', '.cxlintrc.json'];
const MAX_CONFIG_BYTES = 1024 * 1024;

/** One config file as read, with where each of its nodes stands (for error messages). */
export interface ConfigLayer {
  config: CxlintConfig;
  /** Folder that relative paths in this layer (`extends`, `inputs[].files`) are relative to. */
  dir: string;
  /** Config file as messages show it, or the preset name. */
  source: string;
  /** The config file's real path; none for a preset or a config given as text. */
  file?: string;
  positions: PositionMap;
}

/** Walks up from `cwd` to the first folder that holds a config file. */
export async function findConfigFile(cwd: string): Promise<string | undefined> {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if ((await stat(candidate).catch(() => undefined))?.isFile()) return candidate;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function configError(file: string, positions: PositionMap, pointer: string, message: string, part: 'key' | 'value' = 'value'): string {
  const at = locate(positions, pointer, part);
  return at ? `${file}:${at.line}:${at.column}: ${message}` : `${file}: ${message}`;
}

async function readLayer(file: string, cwd: string): Promise<ConfigLayer> {
  const shown = displayPath(file, cwd);
  const read = await readFileUpTo(shown, file, MAX_CONFIG_BYTES).catch(() => {
    throw new UsageError(`Cannot read the config file ${shown}`);
  });
  if ('problem' in read) throw new UsageError(`Bad config ${shown}: ${read.problem.message}`);
  return { ...layerOf(shown, path.dirname(file), read.bytes), file };
}

/** One config file's bytes as a layer: decoded, parsed with positions, checked against the config schema. */
function layerOf(shown: string, dir: string, bytes: Uint8Array): ConfigLayer {
  const decoded = decodeText(shown, bytes, MAX_CONFIG_BYTES);
  if ('problem' in decoded) throw new UsageError(`Bad config ${shown}: ${decoded.problem.message}`);
  const { fragments, problems } = readYaml(shown, decoded.text);
  if (problems.length > 0) {
    throw new UsageError(problems.map((p) => `${shown}:${p.location.line}:${p.location.column}: ${p.message}`).join('\n'));
  }
  const [fragment, extra] = fragments;
  if (extra) throw new UsageError(`${shown}: a config file holds one YAML document`);
  const value = fragment?.value ?? Object.create(null);
  const positions = fragment?.positions ?? new Map();
  if (!validateConfigSchema(value)) {
    const lines = withoutBranchErrors(validateConfigSchema.errors ?? []).map((error) => {
      const isKey = error.keyword === 'additionalProperties';
      const pointer = isKey ? pointerTo(error.instancePath, String(error.params.additionalProperty)) : error.instancePath;
      return configError(shown, positions, pointer, messageFor(error), isKey ? 'key' : 'value');
    });
    throw new UsageError(`Bad config:\n${byPlace([...new Set(lines)]).join('\n')}`);
  }
  const config = value as CxlintConfig;
  const outside = patternsOf(config).filter(({ pattern }) => leavesFolder(pattern));
  if (outside.length > 0) {
    const lines = outside.map(({ pattern, pointer, list, folder }) =>
      configError(shown, positions, pointer, `${list} pattern "${pattern}" leaves ${folder}: write it relative to that folder, without a leading "/" or ".."`),
    );
    throw new UsageError(lines.join('\n'));
  }
  return { config, dir, source: shown, positions };
}

/**
 * A config given as text rather than found on disk (linting buffers in memory): it may extend presets only, as
 * nothing else can be read. Without `extends`, it builds on `cxlint:recommended`, as a file does.
 */
export function configChainFromText(name: string, text: string, presets: Presets): ConfigLayer[] {
  const layer = layerOf(name, process.cwd(), Buffer.from(text));
  const bases = extendsList(layer.config);
  const files = bases.filter((base) => !base.startsWith('cxlint:'));
  if (files.length > 0) throw new UsageError(`${name}: a config given as text can extend presets only, not ${files.join(', ')}`);
  const layers = bases.map((base, index) => presetLayerNamed(base, layer, index, presets));
  return [...(layers.length ? layers : [presetLayer('cxlint:recommended', presets)]), layer];
}

interface ConfigPattern {
  pattern: string;
  pointer: string;
  list: string;
  /** What the pattern is relative to, as messages say it. */
  folder: string;
}

/**
 * The globs of a config, each with its place in the file. `include` and `ignore` are relative to the folder being
 * checked, `inputs[].files` to the config file's folder; none may point outside it (see leavesFolder).
 */
function patternsOf(config: CxlintConfig): ConfigPattern[] {
  const checked = 'the folder being checked';
  const patterns: ConfigPattern[] = [];
  for (const list of ['include', 'ignore'] as const) {
    (config[list] ?? []).forEach((pattern, index) => patterns.push({ pattern, pointer: pointerTo(`/${list}`, index), list, folder: checked }));
  }
  (config.inputs ?? []).forEach(({ files }, index) => {
    const pointer = pointerTo(pointerTo('/inputs', index), 'files');
    const folder = "the config file's folder";
    if (!Array.isArray(files)) patterns.push({ pattern: files, pointer, list: 'inputs[].files', folder });
    else files.forEach((pattern, item) => patterns.push({ pattern, pointer: pointerTo(pointer, item), list: 'inputs[].files', folder }));
  });
  return patterns;
}

function extendsList(config: CxlintConfig): string[] {
  if (config.extends === undefined) return [];
  return Array.isArray(config.extends) ? config.extends : [config.extends];
}

/** How many config files one `extends` path may go through: far more than any real setup, few enough to read fast. */
const MAX_EXTENDS_DEPTH = 32;

/**
 * Reads a config file and everything it extends, most basic first. A config without `extends` builds on
 * `cxlint:recommended`, so that the vocabulary of channels, intents and events is always there; that base goes
 * once at the bottom of the chain (unless the chain starts from a preset), never between layers, where it would
 * undo what earlier layers set.
 *
 * Each config (file or preset) is one layer, placed where a depth-first reading first reaches it: in a diamond
 * (two files extending a third) the third is read once, and a `[./next, ./next]` chain 16 deep is 17 reads, not 2^16.
 */
export async function readConfigChain(file: string, cwd: string, presets: Presets): Promise<ConfigLayer[]> {
  const chain: ConfigLayer[] = [];
  await readChain(path.resolve(file), { cwd, presets, chain, placed: new Set(), within: [] });
  return chain[0] && presets[chain[0].source] ? chain : [presetLayer('cxlint:recommended', presets), ...chain];
}

interface ChainReading {
  cwd: string;
  presets: Presets;
  /** The layers so far, most basic first. */
  chain: ConfigLayer[];
  /** Files (absolute) and presets already in the chain. */
  placed: Set<string>;
  /** The files being read, from the first: an `extends` back to one of them is a cycle. */
  within: string[];
}

/** A missing file keeps its path: reading it then says it cannot be read. */
const realpathOrAsIs = (file: string): Promise<string> => realpath(file).catch(() => file);

async function readChain(file: string, reading: ChainReading): Promise<void> {
  const { cwd, chain, placed, within } = reading;
  const named = (files: string[]): string => files.map((f) => displayPath(f, cwd)).join(' → ');
  if (within.includes(file)) throw new UsageError(`Config files extend each other in a circle: ${named([...within, file])}`);
  if (placed.has(file)) return;
  if (within.length === MAX_EXTENDS_DEPTH) {
    throw new UsageError(`Config files extend each other more than ${MAX_EXTENDS_DEPTH} levels deep: ${named([...within, file])}`);
  }
  const layer = await readLayer(file, cwd);
  within.push(file);
  for (const [index, base] of extendsList(layer.config).entries()) {
    // The real path: a report must never replace an extended file, and reports are checked by real path.
    if (!base.startsWith('cxlint:')) await readChain(await realpathOrAsIs(await extendedFile(layer, index, base, cwd)), reading);
    else if (!placed.has(base)) {
      chain.push(presetLayerNamed(base, layer, index, reading.presets));
      placed.add(base);
    }
  }
  within.pop();
  chain.push(layer);
  placed.add(file);
}

/** Where a layer's `index`th base is written. */
const extendsPointer = (layer: ConfigLayer, index: number): string => (Array.isArray(layer.config.extends) ? pointerTo('/extends', index) : '/extends');

/** The file a layer extends (its `index`th base, a path), or the usage error, at that base, of one that is no file. */
async function extendedFile(layer: ConfigLayer, index: number, base: string, cwd: string): Promise<string> {
  const file = path.resolve(layer.dir, base);
  const info = await stat(file).catch(() => undefined);
  if (info?.isFile()) return file;
  const what = info?.isDirectory() ? 'is a folder, not a config file' : 'does not exist';
  throw new UsageError(configError(layer.source, layer.positions, extendsPointer(layer, index), `extends "${base}", which ${what} (${displayPath(file, cwd)})`));
}

/** The layer of a preset that `layer` extends (its `index`th base), or the usage error of an unknown preset. */
function presetLayerNamed(name: string, layer: ConfigLayer, index: number, presets: Presets): ConfigLayer {
  if (presets[name]) return presetLayer(name, presets);
  throw new UsageError(configError(layer.source, layer.positions, extendsPointer(layer, index), `unknown preset "${name}"; the presets are ${Object.keys(presets).join(', ')}`));
}

/** The layer of a preset; `name` is one of `presets`. */
export function presetLayer(name: string, presets: Presets): ConfigLayer {
  return { config: presets[name]!, dir: process.cwd(), source: name, positions: new Map() };
}

/** Error lines `file:line:col: message` in the order of their places in the file (ajv reports them in schema order). */
export function byPlace(lines: string[]): string[] {
  const place = (line: string): [string, number, number] => {
    const match = /^(.*?):(\d+):(\d+): /.exec(line);
    return match ? [match[1]!, Number(match[2]), Number(match[3])] : [line, 0, 0];
  };
  return lines
    .map((line) => ({ line, at: place(line) }))
    .sort(({ at: [fileA, lineA, columnA] }, { at: [fileB, lineB, columnB] }) => (fileA < fileB ? -1 : fileA > fileB ? 1 : lineA - lineB || columnA - columnB))
    .map(({ line }) => line);
}
