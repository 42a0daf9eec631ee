import type { Command } from 'commander';
import { outputSpecs, refuseClashes, targetsOf, writeOutput } from './output.js';
import { collect } from './plan-options.js';
import { ruleListing, rulesJson, rulesText } from '../reporters/rules.js';
import { RULES } from '../rules/index.js';

export interface RulesFlags {
  format?: string[];
  output?: string;
}

const FORMATS: Record<string, typeof rulesText> = { text: rulesText, json: rulesJson };

/** `cxlint rules`: every rule cxlint knows, with its category, default severity, description and doc page. */
export async function runRulesCommand(flags: RulesFlags): Promise<number> {
  const specs = outputSpecs(flags.format, flags.output, Object.keys(FORMATS), 'text');
  const targets = await targetsOf(specs, process.cwd());
  refuseClashes(targets.filter((target) => target !== undefined), []);
  const listing = ruleListing(RULES);
  for (const [index, spec] of specs.entries()) {
    await writeOutput(targets[index], [FORMATS[spec.format]!(listing)]);
  }
  return 0;
}

export function addRulesOptions(command: Command): Command {
  return command
    .option('-f, --format <name[:file]>', 'output format (text, json), optionally to a file; repeatable', collect)
    .option('-o, --output <file>', 'write the list to a file instead of standard output')
    .option('--no-color', 'no colour in the output (the list has none)');
}
