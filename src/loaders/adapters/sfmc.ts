import path from 'node:path';
import type { Adapter } from './types.js';
// The reading is a chunk of its own in the command line (scripts/bundle-cli.mjs): only a run that reads such a file
// loads it.
import { readSfmc } from './sfmc-read.js';

/** The folders of a business unit the adapter reads: journeys (and their pre-5.0 name), automations, data extensions. */
export const SFMC_FOLDERS = ['journey', 'interaction', 'automation', 'dataExtension'] as const;

// `deploy/` and `template/` hold the same shapes (to push, or with `{{{prefix}}}` placeholders): only `retrieve/` is the plan.
const RETRIEVED = new RegExp(`(?:^|/)retrieve/([^/]+)/([^/]+)/(${SFMC_FOLDERS.join('|')})/[^/]+\\.\\3-meta\\.json$`);

/** The business unit folder a retrieved file lies in (`…/retrieve/acme/EU-Lease`), or undefined for any other file. */
export function businessUnitFolder(file: string): string | undefined {
  const slashed = file.split(path.sep).join('/');
  const match = RETRIEVED.exec(slashed);
  return match ? slashed.slice(0, match.index + match[0].indexOf(`/${match[3]}/`)).replace(/^\//, '') : undefined;
}

/** Salesforce Marketing Cloud business units as sfmc-devtools retrieves them (sfmc-read.ts): known by their path. */
export const sfmc = {
  name: 'sfmc',
  handles: (file) => RETRIEVED.test(file.split(path.sep).join('/')),
  read: (input) => readSfmc(input, RETRIEVED.exec(input.absolutePath.split(path.sep).join('/')) ?? RETRIEVED.exec(input.file)),
} satisfies Adapter;
