import type { Command } from 'commander';

/** Collects a repeatable option's values (no default list: help would show `(default: [])`). */
export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** The options of every command that reads a plan: where it is, which config, which horizon. */
export function addPlanOptions(command: Command): Command {
  return command
    .argument('[paths...]', 'files and folders of the plan (default: .)')
    .option('--from <date>', 'start of the horizon (default: the earliest dated thing in the plan)')
    .option('--to <date>', 'end of the horizon (default: the latest dated thing plus horizonPadding)')
    .option('-c, --config <file>', 'use this config file instead of looking for one')
    .option('--no-config', 'use the cxlint:recommended preset alone')
    .option('--debug', 'print what cxlint reads and skips, and stack traces');
}
