import type { Location, Problem, RelatedLocation } from '../findings/finding.js';
import { Suggestions } from '../shared/did-you-mean.js';
import { isValidTimeZone, parseIsoDate } from '../time/dates.js';
import type { PlanDate } from '../time/dates.js';
import { parseDuration } from '../time/durations.js';
import type { Recurrence, RecurrenceOptions } from '../time/recurrence.js';
import { parseRecurrence } from '../time/recurrence.js';
import type { Source } from './types.js';

/** An item of one section, with where it stands; `valid` is false when it broke the schema. */
export interface RawItem<T> {
  value: T;
  source: Source;
  valid: boolean;
  /** An export's stand-in (`ValidFragment.impliedTemplates`): it gives way to an item of the same id. */
  implied?: boolean;
  /** A CSV row with a problem validation reported (`ValidFragment.unplacedItems`): what it holds is checked, it is never placed. */
  unplaced?: boolean;
}

/** Collects problems found while building the model; shared by the segment and journey builders. */
/** Where the config names each kind of vocabulary word (SPEC 4.2). */
const SECTIONS: Record<string, string> = { channel: 'channels', intent: 'intents', event: 'lifecycle' };

/**
 * For a channel, intent or event: the words the config knows and where to add one. Plan authors meet the vocabulary
 * first through this message, and the word they need may simply be missing from the config.
 */
function vocabularyHint(kind: string, known: { keys(): Iterable<string> }): string {
  const section = SECTIONS[kind];
  if (!section) return '';
  const names = [...known.keys()].sort();
  const shown = names.length > 30 ? `${names.slice(0, 30).join(', ')} and ${names.length - 30} more` : names.join(', ');
  return `Known ${kind}s: ${shown}; to add one, list it under ${section}: in cxlint.config.yaml`;
}

/**
 * Where a problem stands, or how to find it: the model checks every field of 150,000 rows and finds a problem in few,
 * so a check is given the way to locate its field, and only a problem pays for it.
 */
export type Where = Location | (() => Location);

const located = (where: Where): Location => (typeof where === 'function' ? where() : where);

export class Reporter {
  readonly problems: Problem[] = [];
  /** One set of suggestions for the whole plan: 30,000 rows naming the same unknown template ask once. */
  private readonly suggestions = new Suggestions();
  /** Each repeat rule read once: 20,000 rows repeat a few hundred rules. */
  private readonly recurrences = new Map<string, Recurrence>();

  invalid(message: string, where: Where, ids: string[] = [message]): void {
    this.problems.push({ rule: 'invalid-input', message, location: located(where), ids });
  }

  /** Something the model read in a way worth knowing, not wrong (a segment named by its display name in an export). */
  info(rule: string, message: string, where: Where, ids: string[]): void {
    this.problems.push({ rule, severity: 'info', message, location: located(where), ids });
  }

  /**
   * Checks that `name` is one of `known`; reports an `unknown-reference` with a did-you-mean when not.
   * `unknown` words the finding when "unknown KIND "NAME"" would not read well (`state "lease" has no value "endd"`).
   * `known` is indexed for suggestions the first time it is passed: pass the same, complete collection each time.
   */
  reference(kind: string, name: string, known: { has(name: string): boolean; keys(): Iterable<string> }, where: Where, unknown = `unknown ${kind} "${name}"`): boolean {
    if (known.has(name)) return true;
    const hint = this.suggestions.suggest(name, known);
    const vocabulary = vocabularyHint(kind, known);
    // A sentence of its own: after the did-you-mean's question mark, or after a full stop.
    const message = `${unknown}${hint ? `; did you mean "${hint}"?` : ''}${vocabulary ? `${hint ? ' ' : '. '}${vocabulary}` : ''}`;
    this.problems.push({
      rule: 'unknown-reference',
      message,
      location: located(where),
      ids: [kind, name],
    });
    return false;
  }

  /** `within` names what the ids must be unique in, when that is not the whole plan (`journey "lease-end"` for step ids). */
  duplicate(kind: string, id: string, location: Location, first: Location, within?: string): void {
    const related: RelatedLocation[] = [{ file: first.file, line: first.line, column: first.column, message: `first ${kind} "${id}"` }];
    const message = `${kind} id "${id}" is already used${within ? ` in ${within}` : ''} at ${first.file}:${first.line}`;
    this.problems.push({ rule: 'duplicate-id', message, location, related, ids: within ? [kind, within, id] : [kind, id] });
  }

  date(text: string, location: Where): PlanDate | undefined {
    const result = parseIsoDate(text);
    if ('date' in result) return result.date;
    this.invalid(result.error, location);
    return undefined;
  }

  zone(name: string, location: Where): boolean {
    if (isValidTimeZone(name)) return true;
    this.invalid(`unknown time zone "${name}"; use an IANA name such as Europe/Paris or America/Chicago`, location);
    return false;
  }

  /** Checks a duration the schema let through by its form (`P` alone has the form but no length). */
  duration(text: string | undefined, location: Where): void {
    if (text !== undefined && !parseDuration(text)) this.invalid(`"${text}" is not a duration: write P7D, PT36H, -P180D, or 7d, 36h, 30m, 2w`, location);
  }

  /** A repeat rule's options; an invalid rule is reported, and gives undefined. */
  recurrence(text: string, location: Where): RecurrenceOptions | undefined {
    const recurrence = this.recurrences.get(text) ?? this.recurrences.set(text, parseRecurrence(text)).get(text)!;
    if ('options' in recurrence) return recurrence.options;
    this.invalid(recurrence.error, location);
    return undefined;
  }
}

