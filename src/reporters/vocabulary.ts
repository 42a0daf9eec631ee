// The vocabulary a config gives (channels, intents, lifecycle), for `cxlint vocabulary` and docs/vocabulary.md.
import type { Condition, Vocabulary } from '../model/vocabulary.js';
import { safeText } from './sanitize.js';

const sorted = <T>(map: Map<string, T>): Array<[string, T]> => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
/** A table cell: plan text cannot break the row (`|`) or start markup. */
const cell = (text: string): string => safeText(text).replace(/[|\\`*[\]<>]/g, (character) => `\\${character}`);
const conditionText = (condition: Condition | undefined): string =>
  condition ? Object.entries(condition).map(([key, values]) => `${cell(key)}=${values.map(cell).join(' or ')}`).join(', ') : '';

/** The vocabulary as Markdown tables: readable in a terminal, and the text of docs/vocabulary.md for the preset. */
export function* vocabularyMarkdown(vocabulary: Vocabulary): Iterable<string> {
  yield '## Channels\n\n| channel | owned by the brand |\n| --- | --- |\n';
  for (const [name, { owned }] of sorted(vocabulary.channels)) yield `| ${cell(name)} | ${owned ? 'yes' : 'no'} |\n`;
  yield '\n## Intents\n\n| intent | marketing | requires | forbids |\n| --- | --- | --- | --- |\n';
  for (const [name, intent] of sorted(vocabulary.intents)) {
    yield `| ${cell(name)} | ${intent.marketing ? 'yes' : 'no'} | ${conditionText(intent.requires)} | ${conditionText(intent.forbids)} |\n`;
  }
  yield '\n## Lifecycle events\n\n| event | sets |\n| --- | --- |\n';
  for (const [name, { sets }] of sorted(vocabulary.lifecycle)) {
    yield `| ${cell(name)} | ${Object.entries(sets).map(([key, value]) => `${cell(key)}=${cell(value)}`).join(', ')} |\n`;
  }
}

/** The vocabulary as JSON: plain objects, keys sorted. */
export function vocabularyJson(vocabulary: Vocabulary): string {
  const plain = (map: Map<string, unknown>) => Object.fromEntries(sorted(map));
  return `${JSON.stringify({ channels: plain(vocabulary.channels), intents: plain(vocabulary.intents), lifecycle: plain(vocabulary.lifecycle) }, null, 2)}\n`;
}
