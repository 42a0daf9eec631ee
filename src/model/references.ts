import type { Vocabulary, Condition } from '../config/resolve.js';
import type { Reporter } from './report.js';
import type { Source, Template } from './types.js';
import { keyLocationOf, locationOf } from './types.js';

/** A send's channel: the one it names (which its template must list), or its template's only channel. */
export function resolveChannel(named: string | undefined, template: Template | undefined, source: Source, vocabulary: Vocabulary, reporter: Reporter): string | undefined {
  if (named !== undefined) {
    const location = locationOf(source, 'channel');
    if (!reporter.reference('channel', named, vocabulary.channels, location)) return named;
    if (template && template.channels.length > 0 && !template.channels.includes(named)) {
      reporter.reference(`channel of template "${template.id}"`, named, new Set(template.channels), location);
    }
    return named;
  }
  if (template && template.channels.length > 1) {
    reporter.invalid(`template "${template.id}" has several channels (${template.channels.join(', ')}): say which one with channel`, locationOf(source, 'template'));
  }
  return template?.channels.length === 1 ? template.channels[0] : undefined;
}

/** Checks the state names and values of a condition (`requires`, `forbids`, a branch on states). */
export function checkCondition(condition: Condition | undefined, source: Source, path: Array<string | number>, states: Map<string, Set<string>>, reporter: Reporter): void {
  for (const [key, values] of Object.entries(condition ?? {})) {
    if (!reporter.reference('state', key, states, keyLocationOf(source, ...path, key))) continue;
    const known = states.get(key)!;
    for (const value of values) {
      const knownValues = { has: (name: string) => known.has(name), keys: () => known.values() };
      reporter.reference(`value of state "${key}"`, value, knownValues, locationOf(source, ...path, key));
    }
  }
}

