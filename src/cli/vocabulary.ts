import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { loadConfig } from '../engine/lint.js';
import { vocabularyJson, vocabularyMarkdown } from '../reporters/vocabulary.js';
import { writeToStdout } from './output.js';

export interface VocabularyFlags {
  format: string;
  config?: string | false;
}

/** `cxlint vocabulary`: the channels, intents and lifecycle events the config in force knows (the preset's, plus its own). */
export async function runVocabulary(flags: VocabularyFlags, debug: ((message: string) => void) | undefined): Promise<number> {
  if (flags.format !== 'markdown' && flags.format !== 'json') throw new UsageError(`Unknown vocabulary format "${flags.format}" (formats: markdown, json)`);
  const { config } = await loadConfig({
    cwd: process.cwd(),
    paths: [],
    configFile: typeof flags.config === 'string' ? flags.config : undefined,
    noConfig: flags.config === false,
    debug,
  });
  await writeToStdout(flags.format === 'json' ? [vocabularyJson(config.vocabulary)] : vocabularyMarkdown(config.vocabulary));
  return 0;
}

export function addVocabularyOptions(command: Command): Command {
  return command
    .option('-f, --format <name>', 'markdown or json', 'markdown')
    .option('-c, --config <file>', 'use this config file instead of looking for one')
    .option('--no-config', 'the cxlint:recommended preset alone');
}
