// From what rules find to problems: one per problem however many timelines show it, located and dated by the engine.
import type { Problem, RelatedLocation } from '../findings/finding.js';
import type { Template } from '../model/types.js';
import { comesBefore, describeSend, placeKey, relatedTo, segmentsText, sendKey, templateWords, whenKey, whenWords } from '../rules/kit/sends.js';
import type { Found, SendFault } from '../rules/rule.js';
import { flat } from '../shared/flat.js';
import { isAscending } from '../shared/sorted.js';
import type { SendEntry, TimelineEntry } from '../timeline/types.js';
import { PlaceFound } from '../rules/kit/by-place.js';

/**
 * One rule's problems, one per key (SPEC 5): the same key found in several timelines is one finding listing every
 * segment. The message is written once all segments are known.
 */
export class FoundProblems {
  /**
   * Each key's Found, with the segments of its reports. A Found reported once with its own list of segments (most are)
   * is kept as it is; a `Pending` holds it with the lists when they are not its own, or several. A key shared by
   * several problems (`Found.sameProblem`) holds them by the time of their send.
   */
  private readonly pending = new Map<string, Entry | SharedKey>();

  constructor(private readonly rule: string) {}

  /** Takes a report; returns the Found kept for its problem. */
  add(found: Found, segments: readonly string[]): Found {
    const key = found.key ?? found.ids.join('\u0000');
    const known = this.pending.get(key);
    if (!known) {
      this.pending.set(key, entryOf(found, segments));
      return found;
    }
    if (!(known instanceof SharedKey) && isSameProblem(found, known)) return merge(found, segments, known, (pending) => this.pending.set(key, pending));
    const shared = known instanceof SharedKey ? known : new SharedKey(known);
    if (shared !== known) this.pending.set(key, shared);
    return shared.add(found, segments);
  }

  /** The problems, one per key, each made as it is asked for (and then let go by the asker, not kept in a list). */
  *drain(): Generator<Problem> {
    // Walked by value and cleared at the end: walking a Map's entries makes a pair for each, 300,000 of them.
    for (const value of this.pending.values()) {
      if (!(value instanceof SharedKey)) yield this.problemOfEntry(value);
      else for (const entries of value.values()) for (const entry of entries) yield this.problemOfEntry(entry);
    }
    this.pending.clear();
  }

  private problemOfEntry(entry: Entry): Problem {
    if (entry instanceof Pending) return problemOf(this.rule, entry.found, mergeSegments(entry.segments, entry.more));
    return problemOf(this.rule, entry, mergeSegments(entry.segments!, undefined));
  }
}

/** What the engine keeps of one problem: its Found, with a record of its segments when needed. */
type Entry = Found | Pending;

const entryOf = (found: Found, segments: readonly string[]): Entry => (found.segments === segments ? found : new Pending(found, segments));

const foundOf = (entry: Entry): Found => (entry instanceof Pending ? entry.found : entry);

/** Whether a Found is of the problem kept in an entry of its key: always, unless its rule tells problems of one key apart. */
const isSameProblem = (found: Found, entry: Entry): boolean => found.sameProblem?.(foundOf(entry)) ?? true;

/** A report of a problem already reported: its segments are added, and the Found kept is the one at the earliest send. */
function merge(found: Found, segments: readonly string[], known: Entry, replace: (pending: Pending) => void): Found {
  const pending = known instanceof Pending ? known : new Pending(known, known.segments!);
  if (pending !== known) replace(pending);
  (pending.more ??= []).push(segments);
  // A problem seen on several timelines stands at its earliest send (a recurring row's first occurrence). One delivery
  // seen twice (a row addressed to two segments is a delivery object in each) keeps the Found first kept: it may have
  // gathered the other timelines' causes (PlaceFound).
  const kept = pending.found.send;
  if (!pending.found.gathers && found.send && kept && found.send !== kept && comesBefore(found.send, kept) && !comesBefore(kept, found.send)) pending.found = found;
  return pending.found;
}

/**
 * The problems of one key that several problems share, by the time of their send: a journey step's id is the key of
 * its deliveries in every run, thousands of them, and only those at one time are told apart one by one.
 */
class SharedKey extends Map<number, Entry[]> {
  constructor(first: Entry) {
    super([[timeOf(foundOf(first)), [first]]]);
  }

  add(found: Found, segments: readonly string[]): Found {
    const time = timeOf(found);
    const entries = this.get(time);
    if (!entries) {
      this.set(time, [entryOf(found, segments)]);
      return found;
    }
    const index = entries.findIndex((entry) => isSameProblem(found, entry));
    if (index !== -1) return merge(found, segments, entries[index]!, (pending) => (entries[index] = pending));
    entries.push(entryOf(found, segments));
    return found;
  }
}

const timeOf = (found: Found): number => found.send?.millis ?? Number.NaN;

/** One key's Found and the segments of its reports: the first list as given, the others when the key is reported again. */
class Pending {
  more?: Array<readonly string[]>;

  constructor(
    public found: Found,
    readonly segments: readonly string[],
  ) {}
}

/**
 * The segments of a key's reports, each once, sorted. Most problems have one list, already sorted (a timeline's): it is
 * shared, not copied, by every problem of that timeline; findings never change their segments.
 */
function mergeSegments(first: readonly string[], more: Array<readonly string[]> | undefined): readonly string[] {
  if (!more && isAscending(first)) return first;
  return [...new Set([first, ...(more ?? [])].flat())].sort();
}

/**
 * The problem a rule found: located at its send (or its own location), dated by the send, with related sends located.
 * One object literal with every field (some undefined): fields added afterwards would give each problem a second
 * object to hold them, 300,000 of them on a large plan.
 */
function problemOf(rule: string, found: Found, segments: readonly string[]): Problem {
  const { send } = found;
  const when = found.at !== undefined ? { at: found.at } : send ? send.when : {};
  return {
    rule,
    message: flat(typeof found.message === 'function' ? found.message(segments) : found.message),
    location: found.location ?? send!.location,
    segments,
    related: relatedOf(found),
    ids: found.ids,
    at: when.at,
    after: when.after,
    campaign: found.campaign ?? send?.campaign,
  };
}

/** A Found's related places, each send located; its own list when it names no send (the rule made it for this Found). */
function relatedOf({ related = [] }: Found): RelatedLocation[] {
  if (related.every((place) => !('send' in place))) return related as RelatedLocation[];
  return related.map((place): RelatedLocation => ('send' in place ? relatedTo(place.send, flat(place.message)) : place));
}

/** `5 later occurrences`: how many occurrences of a row or step a finding counts after the one it names. */
const laterOccurrences = (count: number): string => (count > 1 ? `${count - 1} later occurrence${count > 2 ? 's' : ''}` : '');

/**
 * The faults `onSend` finds on one timeline, as findings: occurrences of one row or step with the same fault (a
 * recurring send, a step unrolled in a loop) are one finding that names the first and counts the rest. A fault with a
 * `problem` is a CausedFault: the engine gathers its causes on other timelines into it (reportAtPlace).
 */
export function sendFaultsFound(faults: Array<{ entry: TimelineEntry; fault: SendFault }>, templates: Map<string, Template>, segments: readonly string[]): Found[] {
  const byKey = new Map<string, { entry: TimelineEntry; fault: SendFault; count: number }>();
  for (const { entry, fault } of faults) {
    const key = [sendKey(entry.send), fault.key].join('\u0000');
    const seen = byKey.get(key);
    if (seen) seen.count += 1;
    else byKey.set(key, { entry, fault, count: 1 });
  }
  return [...byKey].map(([key, { entry, fault, count }]) => {
    const { send } = entry;
    if (fault.problem !== undefined) {
      // One finding for the row or step and its problem, whatever occurrence each segment meets it at; a relative
      // journey run's delivery stays apart from a dated one's (whenKey).
      const relative = whenKey(send).endsWith('r') ? 'r' : '';
      return new CausedFault(segments, `${sendKey(send)}\u0000${fault.problem}\u0000${relative}`, { send, count, fault }, templates);
    }
    const more = count > 1 ? ` (and ${laterOccurrences(count)})` : '';
    return {
      key: `${key}\u0000${whenKey(send)}\u0000${count}`,
      send,
      message: (shown: readonly string[]) => `${describeSend(send, templates)}${more} ${fault.detail} for ${segmentsText(shown)}`,
      related: fault.related ?? [],
      ids: fault.ids,
    };
  });
}

/** One cause of a CausedFault, as one timeline met it: at its first occurrence there, `count` occurrences in all. */
interface Cause {
  send: SendEntry;
  count: number;
  fault: SendFault;
}

/** Causes a message names one by one at most (a journey step placed for a hundred cohorts, each with its own date). */
const MAX_CAUSES = 10;

/**
 * One send's fault whose cause differs between the segments it reaches (`SendFault.problem`): one finding for the row
 * or step, naming each cause with the segments it is true of (`… requires lease=active, but lease=ended since
 * 2026-06-30 for segment a; and lease=ended since 2026-05-31 for segment b`), and with its own first occurrence when
 * the causes meet the send at different ones. It stands at the earliest of them; its ids are those of the cause whose
 * ids sort first, whatever order the timelines are walked in (the order of the segments in the files).
 */
export class CausedFault extends PlaceFound<CausedFault> {
  constructor(
    segments: readonly string[],
    readonly key: string,
    private readonly cause: Cause,
    private readonly templates: Map<string, Template>,
  ) {
    super(segments);
  }

  private causes(): Array<{ cause: Cause; segments: readonly string[] }> {
    return this.gathered().map(({ item, segments }) => ({ cause: item.cause, segments }));
  }

  get send(): SendEntry {
    return this.causes().reduce((earliest, { cause }) => (comesBefore(cause.send, earliest) ? cause.send : earliest), this.cause.send);
  }

  get ids(): string[] {
    const all = this.causes().map(({ cause }) => cause.fault.ids);
    return all.reduce((first, ids) => (ids.join('\u0000') < first.join('\u0000') ? ids : first));
  }

  message(): string {
    const causes = this.causes();
    // What every cause's detail opens with (the problem's words), said once.
    const { detail, cause: own = detail } = this.cause.fault;
    const lead = detail.slice(0, detail.length - own.length);
    const first = causes[0]!.cause;
    const atOnce = causes.every(({ cause }) => cause.send.whenText === first.send.whenText && cause.count === first.count);
    const said = causes.slice(0, MAX_CAUSES).map(({ cause, segments }) => {
      const text = `${cause.fault.cause ?? cause.fault.detail} for ${segmentsText(segments)}`;
      if (atOnce) return text;
      const later = laterOccurrences(cause.count);
      return `${text} (${whenWords(cause.send)}${later ? `, and ${later}` : ''})`;
    });
    const rest = causes.slice(MAX_CAUSES);
    if (rest.length) said.push(`${rest.length} more cause${rest.length > 1 ? 's' : ''} for ${segmentsText([...new Set(rest.flatMap(({ segments }) => segments))].sort())}`);
    const opening = atOnce ? `${describeSend(first.send, this.templates)}${first.count > 1 ? ` (and ${laterOccurrences(first.count)})` : ''}` : templateWords(first.send, this.templates);
    return `${opening} ${lead}${said.join('; and ')}`;
  }

  /** Each cause's places, each place once. */
  get related(): RelatedLocation[] {
    const places = new Map<string, RelatedLocation>();
    for (const { cause } of this.causes()) for (const place of cause.fault.related ?? []) places.set(placeKey(place), place);
    return [...places.values()];
  }

  protected sameItem(other: CausedFault): boolean {
    const [mine, theirs] = [this.cause, other.cause];
    return theirs.fault.key === mine.fault.key && whenKey(theirs.send) === whenKey(mine.send) && theirs.count === mine.count;
  }
}
