import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CxlintConfig } from '../generated/config-types.js';
import { config as validateConfigSchema } from '../generated/validators.js';
import { UsageError } from '../errors.js';
import { displayPath } from '../files/paths.js';
import { locate, pointerTo } from '../loaders/fragment.js';
import type { PositionMap } from '../loaders/fragment.js';
import { decodeText } from '../loaders/text.js';
import { readYaml } from '../loaders/yaml.js';
import { messageFor } from '../validate/messages.js';
import { PRESETS, RECOMMENDED } from './presets.js';

export const CONFIG_FILE_NAMES = ['cxlint.config.yaml', '.cxlintrc.yaml', '.cxlintrc.json'];
const MAX_CONFIG_BYTES = 1024 * 1024;

/** One config file as read, with where each of its nodes stands (for error messages). */
export interface ConfigLayer {
  config: CxlintConfig;
  /** Folder that relative paths in this layer (`extends`, `inputs[].files`) are relative to. */
  dir: string;
  /** Config file, or the preset name. */
  source: string;
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
  const bytes = await readFile(file).catch(() => {
    throw new UsageError(`Cannot read the config file ${shown}`);
  });
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
    const lines = (validateConfigSchema.errors ?? []).map((error) => {
      const isKey = error.keyword === 'additionalProperties';
      const pointer = isKey ? pointerTo(error.instancePath, String(error.params.additionalProperty)) : error.instancePath;
      return configError(shown, positions, pointer, messageFor(error), isKey ? 'key' : 'value');
    });
    throw new UsageError(`Bad config:\n${[...new Set(lines)].join('\n')}`);
  }
  return { config: value as CxlintConfig, dir: path.dirname(file), source: shown, positions };
}

function extendsList(config: CxlintConfig): string[] {
  if (config.extends === undefined) return [];
  return Array.isArray(config.extends) ? config.extends : [config.extends];
}

/**
 * Reads a config file and everything it extends, most basic first. A config without `extends` builds on
 * `cxlint:recommended`, so that the vocabulary of channels, intents and events is always there; that base goes
 * once at the bottom of the chain (unless the chain starts from a preset), never between layers, where it would
 * undo what earlier layers set.
 */
export async function readConfigChain(file: string, cwd: string): Promise<ConfigLayer[]> {
  const chain = await readChain(file, cwd, []);
  return chain[0] && PRESETS[chain[0].source] ? chain : [presetLayer('cxlint:recommended'), ...chain];
}

async function readChain(file: string, cwd: string, seen: string[]): Promise<ConfigLayer[]> {
  const absolute = path.resolve(file);
  if (seen.includes(absolute)) {
    throw new UsageError(`Config files extend each other in a circle: ${[...seen, absolute].map((f) => displayPath(f, cwd)).join(' → ')}`);
  }
  const layer = await readLayer(absolute, cwd);
  const bases = extendsList(layer.config);
  const chain: ConfigLayer[] = [];
  for (const [index, base] of bases.entries()) {
    if (base.startsWith('cxlint:')) {
      if (!PRESETS[base]) {
        const pointer = Array.isArray(layer.config.extends) ? pointerTo('/extends', index) : '/extends';
        throw new UsageError(configError(layer.source, layer.positions, pointer, `unknown preset "${base}"; the presets are ${Object.keys(PRESETS).join(', ')}`));
      }
      chain.push(presetLayer(base));
    } else {
      chain.push(...(await readChain(path.resolve(layer.dir, base), cwd, [...seen, absolute])));
    }
  }
  return [...chain, layer];
}

export function presetLayer(name: string): ConfigLayer {
  return { config: PRESETS[name] ?? RECOMMENDED, dir: process.cwd(), source: name, positions: new Map() };
}
