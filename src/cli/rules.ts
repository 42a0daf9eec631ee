import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { ruleListing, rulesJson, rulesText } from '../reporters/rules.js';
import { RULES } from '../rules/index.js';

export interface RulesFlags {
  format: string;
}

/** `cxlint rules`: every rule cxlint knows, with its category, default severity, description and doc page. */
export function runRulesCommand(flags: RulesFlags): number {
  if (flags.format !== 'text' && flags.format !== 'json') throw new UsageError(`Unknown rules format "${flags.format}" (formats: text, json)`);
  const listing = ruleListing(RULES);
  process.stdout.write(flags.format === 'json' ? rulesJson(listing) : rulesText(listing));
  return 0;
}

export function addRulesOptions(command: Command): Command {
  return command.option('-f, --format <name>', 'text or json', 'text');
}
