import type { Command } from 'commander';

// Apart from init.ts: every run defines the commands, and init's work (init.ts) is a chunk of its own in the command
// line (scripts/bundle-cli.mjs), loaded only when it runs.

export interface InitFlags {
  timezone?: string;
  force?: boolean;
  debug?: boolean;
}

export function addInitOptions(command: Command): Command {
  return command
    .argument('[path]', 'the folder of the plan, where the config is written (default: .)')
    .option('--timezone <zone>', "the config's time zone (default: this machine's)")
    .option('--force', 'replace an existing config')
    .option('--debug', 'print what cxlint reads and skips, and stack traces');
}
