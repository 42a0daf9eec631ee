import { stringify } from 'yaml';
import type { ResolvedConfig } from '../config/resolve.js';

// Apart from lint.ts: only --debug shows it, and the yaml library's writer is in the command line a chunk of its own
// (scripts/bundle-cli.mjs) that other runs never load.

/** The config in force, presets expanded and rules complete, as YAML: what `--debug` shows. */
export function configText(config: ResolvedConfig): string {
  const settings = (rules: ResolvedConfig['rules']) => Object.fromEntries([...rules].map(([id, { severity, options }]) => [id, Object.keys(options).length ? [severity, options] : severity]));
  const { timezone, defaultSendTime, horizonPadding, include, ignore, vocabulary } = config;
  return stringify({
    timezone,
    defaultSendTime,
    horizonPadding,
    ...(include ? { include } : {}),
    ignore,
    inputs: config.inputs.map(({ dir: _dir, ...input }) => input),
    channels: Object.fromEntries(vocabulary.channels),
    intents: Object.fromEntries(vocabulary.intents),
    lifecycle: Object.fromEntries(vocabulary.lifecycle),
    rules: settings(config.rules),
    overrides: config.overrides.map(({ rules, ...override }) => ({ ...override, rules: settings(rules) })),
  }).trimEnd();
}

