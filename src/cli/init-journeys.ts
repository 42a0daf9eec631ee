import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PRESETS } from '../engine/presets.js';
import { MAX_YAML_BYTES } from '../loaders/limits.js';

/**
 * What `cxlint init` reads in the journeys of other tools' exports: the entry events (an SFMC event definition key, a
 * tdx entry segment) and the lifecycle event each stands for, when its words say which (docs/adapters.md).
 */

/** An entry event of the journeys, and the lifecycle event its words name (none: the team names it). */
export interface EntryEvent {
  key: string;
  lifecycle?: string;
}

/** Words that say how an event reaches the tool, not what happened to the customer: `LeaseEnded-API` is a lease's end. */
const NOISE_WORDS = new Set(['api', 'event', 'events', 'evt', 'trigger', 'entry']);

/**
 * A name's words as one string, for comparing: split at separators and where a capital starts a word (`LeaseEnded`,
 * `APIEvent`), in lower case, without the noise words, each past tense in -ed cut to its stem (`ended` is `end`, as in
 * `lease_end`), so that `LeaseEnded-API`, `lease-ended` and `lease_end` all read `leaseend`.
 */
function wordsOf(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '' && !NOISE_WORDS.has(word))
    .map((word) => (word.length > 4 && word.endsWith('ed') ? word.slice(0, -2) : word))
    .join('');
}

/**
 * The lifecycle event of cxlint:recommended (the vocabulary init's config extends) whose words are those of the first
 * of `names` that matches one: the key, then the name the export gives it. No partial match: `LeaseEnding` (the weeks
 * before) is not `lease_end`.
 */
export function lifecycleEventOf(names: Array<string | undefined>): string | undefined {
  const events = Object.keys(PRESETS['cxlint:recommended']!.lifecycle ?? {});
  for (const name of names) {
    const words = name === undefined ? '' : wordsOf(name);
    const event = words === '' ? undefined : events.find((candidate) => wordsOf(candidate) === words);
    if (event !== undefined) return event;
  }
  return undefined;
}

/** A JSON or YAML file of the export, parsed; undefined when it is absent, too large or broken (check reports it). */
function parsedFile(file: string): unknown {
  try {
    if (statSync(file).size > MAX_YAML_BYTES) return undefined;
    const text = readFileSync(file, 'utf8');
    return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch {
    return undefined;
  }
}

/** The value at `keys` inside a parsed file, if each step is an object (files from other tools are untrusted). */
function dig(value: unknown, ...keys: Array<string | number>): unknown {
  let at = value;
  for (const key of keys) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

const textAt = (value: unknown, ...keys: Array<string | number>): string | undefined => {
  const found = dig(value, ...keys);
  return typeof found === 'string' && found.trim() !== '' ? found : undefined;
};

/**
 * The entry events of a business unit's journeys (`journeyFiles`, absolute), each once, in key order: the trigger's
 * event key, matched by its words, then by its event file's `name`. A scheduled audience (`category: Audience` with a
 * `schedule.startDateTime`) is left out: the adapter dates its journeys by the schedule, which a mapping would replace.
 */
export function sfmcEntryEvents(unitFolder: string, journeyFiles: string[]): EntryEvent[] {
  const events = new Map<string, EntryEvent>();
  for (const file of journeyFiles) {
    const journey = parsedFile(file);
    const key = textAt(journey, 'triggers', 0, 'metaData', 'r__event_key') ?? textAt(journey, 'triggers', 0, 'metaData', 'eventDefinitionKey');
    // A key is a file name in event/: one that would lead out of the folder names no event file.
    if (key === undefined || events.has(key) || path.basename(key) !== key) continue;
    const event = parsedFile(path.join(unitFolder, 'event', `${key}.event-meta.json`));
    if (textAt(event, 'category')?.toLowerCase() === 'audience' && textAt(event, 'schedule', 'startDateTime') !== undefined) continue;
    events.set(key, { key, lifecycle: lifecycleEventOf([key, textAt(event, 'name')]) });
  }
  return [...events.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * The entry segments of a tdx journey file's stages (of the version the adapter lints: `latest: true`, the only one, or
 * a flat `stages:`), each once: matched by its key, then by its `description` in the file's `segments:`.
 */
export function tdxEntryEvents(file: string): EntryEvent[] {
  const journey = parsedFile(file);
  const versions = dig(journey, 'journeys');
  const version = Array.isArray(versions) ? (versions.find((candidate) => dig(candidate, 'latest') === true) ?? (versions.length === 1 ? versions[0] : undefined)) : journey;
  const stages = dig(version, 'stages');
  const keys = new Set((Array.isArray(stages) ? stages : []).flatMap((stage) => textAt(stage, 'entry_criteria', 'segment') ?? []));
  return [...keys].sort().map((key) => ({ key, lifecycle: lifecycleEventOf([key, textAt(journey, 'segments', key, 'description')]) }));
}
