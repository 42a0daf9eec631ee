import type { Location, Problem, RelatedLocation } from '../findings/finding.js';
import { didYouMean } from '../shared/did-you-mean.js';
import { isValidTimeZone, parseIsoDate } from '../time/dates.js';
import type { PlanDate } from '../time/dates.js';
import type { Source } from './types.js';

/** An item of one section, with where it stands; `valid` is false when it broke the schema. */
export interface RawItem<T> {
  value: T;
  source: Source;
  valid: boolean;
}

/** Collects problems found while building the model; shared by the segment and journey builders. */
export class Reporter {
  readonly problems: Problem[] = [];

  invalid(message: string, location: Location, ids: string[] = [message]): void {
    this.problems.push({ rule: 'invalid-input', message, location, ids });
  }

  /** Checks that `name` is one of `known`; reports an `unknown-reference` with a did-you-mean when not. */
  reference(kind: string, name: string, known: { has(name: string): boolean; keys(): Iterable<string> }, location: Location): boolean {
    if (known.has(name)) return true;
    const hint = didYouMean(name, known.keys());
    this.problems.push({
      rule: 'unknown-reference',
      message: `unknown ${kind} "${name}"${hint ? `; did you mean "${hint}"?` : ''}`,
      location,
      ids: [kind, name],
    });
    return false;
  }

  duplicate(kind: string, id: string, location: Location, first: Location): void {
    const related: RelatedLocation[] = [{ file: first.file, line: first.line, column: first.column, message: `first ${kind} "${id}"` }];
    this.problems.push({ rule: 'duplicate-id', message: `${kind} id "${id}" is already used at ${first.file}:${first.line}`, location, related, ids: [kind, id] });
  }

  date(text: string, location: Location): PlanDate | undefined {
    const result = parseIsoDate(text);
    if ('date' in result) return result.date;
    this.invalid(result.error, location);
    return undefined;
  }

  zone(name: string, location: Location): boolean {
    if (isValidTimeZone(name)) return true;
    this.invalid(`unknown time zone "${name}"; use an IANA name such as Europe/Paris or America/Chicago`, location);
    return false;
  }
}

