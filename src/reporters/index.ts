import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { html } from './html.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Reporter } from './types.js';

/** `text` is `stylish` under the name the other commands give their text. */
export const REPORTERS = { stylish, text: stylish, json, sarif, junit, github, gitlab, markdown, html } as const satisfies Readonly<Record<string, Reporter>>;

export type FormatName = keyof typeof REPORTERS;

export const FORMAT_NAMES = Object.keys(REPORTERS) as FormatName[];

/** The formats that print each finding's fingerprint: a `check` writing none of them asks the engine for none. */
export const PRINTS_FINGERPRINTS: ReadonlySet<FormatName> = new Set(['json', 'sarif', 'gitlab']);
