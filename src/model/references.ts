import type { Vocabulary, Condition } from './vocabulary.js';
import type { Reporter } from './report.js';
import type { Source, Template } from './types.js';
import { keyLocationOf, locationOf } from './types.js';

/**
 * A send's channel: the one it names (which its template must list), or its template's only channel; `known` is false
 * when that channel is an `unknown-reference` (of the send, or of its template). `templateField` is the field that names the template:
 * `template` in a calendar send, `send` in a journey step.
 */
export function resolveChannel(
  named: string | undefined,
  template: Template | undefined,
  source: Source,
  vocabulary: Vocabulary,
  reporter: Reporter,
  templateField = 'template',
): { channel: string | undefined; known: boolean } {
  if (named !== undefined) {
    const location = locationOf(source, 'channel');
    if (!reporter.reference('channel', named, vocabulary.channels, location)) return { channel: named, known: false };
    if (template && template.channels.length > 0 && !template.channels.includes(named)) {
      // The channel exists, so a did-you-mean between two real channels would mislead: list the template's channels instead.
      const listed = { has: (name: string) => template.channels.includes(name), keys: () => [] };
      const unknown = `template "${template.id}" has no channel "${named}"; its channel${template.channels.length > 1 ? 's are' : ' is'} ${template.channels.join(', ')}`;
      return { channel: named, known: reporter.reference(`channel of template "${template.id}"`, named, listed, location, unknown) };
    }
    return { channel: named, known: true };
  }
  if (template && template.channels.length > 1) {
    reporter.invalid(`template "${template.id}" has several channels (${template.channels.join(', ')}): say which one with channel`, locationOf(source, templateField));
  }
  const channel = template?.channels.length === 1 ? template.channels[0] : undefined;
  // A template's channel that the vocabulary lacks is the template's unknown-reference, reported there once: a send of
  // it goes out on no channel anyone knows, and is placed on no timeline (SPEC 5).
  return { channel, known: channel === undefined || vocabulary.channels.has(channel) };
}

/** Checks the state names and values of a condition (`requires`, `forbids`, a branch on states). */
export function checkCondition(condition: Condition | undefined, source: Source, path: Array<string | number>, states: Map<string, Set<string>>, reporter: Reporter): void {
  for (const [key, values] of Object.entries(condition ?? {})) {
    if (!reporter.reference('state', key, states, keyLocationOf(source, ...path, key))) continue;
    // The state's own set of values, not a wrapper made per condition: suggestions index a collection once.
    const knownValues = states.get(key)!;
    values.forEach((value, index) => {
      // A list of values points at its item; a single value has no item `index`, so this falls back to the value itself.
      reporter.reference(`value of state "${key}"`, value, knownValues, locationOf(source, ...path, key, index), `state "${key}" has no value "${value}"`);
    });
  }
}

