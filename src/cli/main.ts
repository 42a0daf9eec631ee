import { existsSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { didYouMean } from '../shared/did-you-mean.js';
import packageJson from '../../package.json' with { type: 'json' };
import { EXIT_USAGE, UsageError, internalErrorText } from '../errors.js';
import { safeLines, safeText } from '../reporters/sanitize.js';
import type { CheckFlags } from './check.js';
import { addCheckOptions, runCheck } from './check.js';
import type { RulesFlags } from './rules.js';
import { addRulesOptions, runRulesCommand } from './rules.js';
import type { TimelineFlags } from './timeline.js';
import { addTimelineOptions, runTimeline } from './timeline.js';
import type { InitFlags } from './init-options.js';
import { addInitOptions } from './init-options.js';
import { runInit } from './init.js';
import { exitCodeAfterOutput, watchStdout } from './output.js';
import type { VocabularyFlags } from './vocabulary.js';
import { addVocabularyOptions, runVocabulary } from './vocabulary.js';

function program(setExit: (code: number) => void, debugging: () => boolean): Command {
  // Undefined without --debug, so that what only --debug shows is not even computed.
  const debug = debugging() ? (message: string): void => void process.stderr.write(`cxlint: ${safeText(message)}\n`) : undefined;
  const cli = new Command('cxlint')
    .description('Lint marketing plans: repeated, contradictory and missing customer messages, before anything is sent.')
    .version(packageJson.version, '-v, --version')
    .showSuggestionAfterError(true)
    // Commander repeats what the user typed (an unknown option, a bad argument): it may hold control characters.
    .configureOutput({
      writeErr: (text) => process.stderr.write(safeLines(text)),
      // One prefix for every error, commander's included.
      outputError: (text, write) => write(`cxlint: ${text.replace(/^error: /, '')}`),
    })
    .exitOverride();
  addCheckOptions(cli.command('check', { isDefault: true }).description('lint the plan (the default command)')).action(
    async (paths: string[], flags: CheckFlags) => setExit(await runCheck(paths, flags, packageJson.version, debug)),
  );
  addTimelineOptions(cli.command('timeline').description('print the merged timeline of each segment')).action(
    async (paths: string[], flags: TimelineFlags) => setExit(await runTimeline(paths, flags, packageJson.version, debug)),
  );
  addRulesOptions(cli.command('rules').description('list the rules with category, default severity and description')).action(async (flags: RulesFlags) =>
    setExit(await runRulesCommand(flags)),
  );
  addVocabularyOptions(cli.command('vocabulary').description('list the channels, intents and lifecycle events the config knows')).action(
    async (flags: VocabularyFlags) => setExit(await runVocabulary(flags, debug)),
  );
  addInitOptions(cli.command('init').description('write a starter cxlint.config.yaml from the plan in a folder, then check it')).action(
    async (folder: string | undefined, flags: InitFlags) => setExit(await runInit(folder, flags, packageJson.version, debug)),
  );
  return cli;
}

const COMMANDS = ['check', 'timeline', 'rules', 'vocabulary', 'init', 'help'];

/**
 * `cxlint chek`: a first word that is no command and no file is a mistyped command, not a missing path (check is the
 * default command, so a path of that name stays reachable as `cxlint check chek`).
 */
function refuseUnknownCommand(argv: string[]): void {
  const first = argv[2];
  if (first === undefined || COMMANDS.includes(first) || !/^[a-z][a-z-]*$/.test(first) || existsSync(first)) return;
  const hint = didYouMean(first, COMMANDS);
  throw new UsageError(`unknown command '${first}'${hint ? ` (did you mean ${hint}?)` : ''}; to lint a path of that name: cxlint check ${first}`);
}

/** Runs the command line and returns its exit code; no stack trace reaches the user unless --debug. */
export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const debugging = (): boolean => argv.includes('--debug');
  try {
    refuseUnknownCommand(argv);
    await program((code) => (exitCode = code), debugging).parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    if (error instanceof UsageError) {
      process.stderr.write(`cxlint: ${safeLines(error.message)}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`cxlint: ${safeLines(internalErrorText(error))}\n`);
    if (debugging()) process.stderr.write(`${safeLines((error as Error).stack ?? '')}\n`);
    else process.stderr.write(`Run again with --debug for details, and please report it at ${packageJson.bugs.url}\n`);
    return EXIT_USAGE;
  }
}

/** The command line as the `cxlint` binary runs it (bin/cxlint.js loads the bundle, then calls this). */
export async function run(): Promise<void> {
  watchStdout();
  process.exitCode = exitCodeAfterOutput(await main(process.argv));
}
