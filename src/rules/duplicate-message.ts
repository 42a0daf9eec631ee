import type { Duration } from 'luxon';
import type { Template } from '../model/types.js';
import { parseDuration } from '../time/durations.js';
import type { SendEntry, TimelineEntry } from '../timeline/types.js';
import type { CheckedTimeline, Found, Rule } from './rule.js';
import { canMeet, describeGap, describeSend, inOrder, ownProblem, relatedTo, segmentsText, sendKey, toSide, whoText } from './kit/sends.js';
import { flat } from '../shared/flat.js';
import type { RelatedLocation } from '../findings/finding.js';
import { durationSchema, isWithin } from './kit/windows.js';

export interface DuplicateMessageOptions {
  /** Two sends of the same message less than this apart are a repeat; exactly this apart is fine. */
  window: string;
  /** Only a repeat on the same channel counts. */
  sameChannelOnly: boolean;
}


const normalise = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

/** A locale's text fields (`subject`, `body`, nested channel fields) as `field=text`, sorted, each normalised; '' when it has no text. */
function contentText(fields: Record<string, unknown>): string {
  const parts: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      const text = normalise(value);
      if (text) parts.push(`${path}=${text}`);
    } else if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${path}[${index}]`));
    else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) visit(item, path ? `${path}.${key}` : key);
  };
  visit(fields, '');
  return parts.sort().join('\u0000');
}

/** Each template's content keys, one per locale with text: templates sharing a key say the same thing in that locale. */
type ContentKeys = Map<string, Array<{ key: string; locale: string }>>;

function contentKeys(templates: Map<string, Template>): ContentKeys {
  const ids = new Map<string, string>();
  const keys = new Map<string, Array<{ key: string; locale: string }>>();
  for (const template of templates.values()) {
    const list: Array<{ key: string; locale: string }> = [];
    for (const [locale, fields] of template.content) {
      const text = contentText(fields);
      if (!text) continue;
      const full = `${locale}\u0000${text}`;
      const id = ids.get(full) ?? ids.set(full, `c${ids.size}`).get(full)!;
      list.push({ key: id, locale });
    }
    keys.set(template.id, list);
  }
  return keys;
}

/**
 * duplicate-message: the same template, or the same text under another template id, reaches a segment twice within
 * `window`. Each repeat is reported once, against its previous occurrence (the latest earlier send of the same message
 * that one customer can get with it); a row or step that repeats itself is one finding, counting its later repeats. A hash
 * map from template id and from content key to the occurrences so far finds it without comparing pairs.
 */
export const duplicateMessage: Rule<DuplicateMessageOptions> = {
  id: 'duplicate-message',
  category: 'repeated',
  defaultSeverity: 'error',
  description: 'The same message (same template, or the same text under another template id) reaches a segment twice within a window.',
  optionsSchema: {
    type: 'object',
    properties: {
      window: durationSchema('Two sends of one message less than this apart are a repeat (default P7D); exactly this apart is fine.'),
      sameChannelOnly: { type: 'boolean', description: 'Only count a repeat on the same channel (default false).' },
    },
    additionalProperties: false,
  },
  defaultOptions: { window: 'P7D', sameChannelOnly: false },
  fixable: false,
  create({ plan }) {
    const keys = new MessageKeys(contentKeys(plan.templates));
    const windows = new Map<string, Duration>();
    const windowOf = (text: string): Duration => windows.get(text) ?? windows.set(text, parseDuration(text)!).get(text)!;
    return { readsOverlaps: true, onTimeline: (timeline) => repeats(timeline, plan.templates, keys, windowOf) };
  },
};

/**
 * A message's keys: its template's, and one per text it shares with other templates; each also on one channel only.
 * Keys are numbers (each text and channel numbered once per plan): a timeline looks them up for every send.
 */
interface MessageKey {
  key: number;
  onChannel: number;
  locale?: string;
}

/**
 * The keys of each template on each channel, made once for all the sends of a plan, not once per send; each key text
 * numbered once.
 */
class MessageKeys {
  private readonly byTemplate = new Map<string, Map<string | undefined, MessageKey[]>>();
  private readonly numbers = new Map<string, number>();

  constructor(private readonly content: ContentKeys) {}

  of(template: string, channel: string | undefined): MessageKey[] {
    const channels = this.byTemplate.get(template) ?? this.byTemplate.set(template, new Map()).get(template)!;
    let keys = channels.get(channel);
    if (!keys) {
      const onChannel = (key: string): number => this.number(`${key}\u0001${channel ?? ''}`);
      const own = `t\u0000${template}`;
      keys = [{ key: this.number(own), onChannel: onChannel(own) }, ...(this.content.get(template) ?? []).map(({ key, locale }) => ({ key: this.number(key), onChannel: onChannel(key), locale }))];
      channels.set(channel, keys);
    }
    return keys;
  }

  private number(text: string): number {
    return this.numbers.get(text) ?? this.numbers.set(text, this.numbers.size).get(text)!;
  }
}

/** Reports each repeat on a timeline against its previous occurrence. */
function repeats(timeline: CheckedTimeline<DuplicateMessageOptions>, templates: Map<string, Template>, messageKeys: MessageKeys, windowOf: (text: string) => Duration): void {
  // Occurrences so far by message key, each list in time order. Keys with `\u0001channel` count one channel only.
  const seen = new Map<number, TimelineEntry[]>();
  // Only two sends of one journey run can miss each other (on different paths): on a timeline without journey sends,
  // the latest occurrence of a message is always the one a repeat is against, and it is all a key keeps (a million
  // sends grew a list each per template and timeline).
  const keepAll = timeline.entries.some(({ send }) => send.origin.kind === 'journey');
  const listOf = (key: number): TimelineEntry[] => {
    const list = seen.get(key);
    if (list) return list;
    const made: TimelineEntry[] = [];
    seen.set(key, made);
    return made;
  };
  const remember = (list: TimelineEntry[], entry: TimelineEntry): void => {
    if (keepAll) list.push(entry);
    else list[0] = entry;
  };
  // The one-channel keys are only kept when a send's options look repeats up by them: most plans never do.
  const byChannel = timeline.entries.some(({ send }) => timeline.options(send.campaign).sameChannelOnly);
  // A row or step that repeats itself (a daily row, a reminder loop) is one problem however often: its first repeat,
  // counting the later ones, is reported once the timeline is walked.
  const selfRepeats = new Map<string, Repeat>();
  for (const entry of timeline.entries) {
    const send = entry.send;
    const options = timeline.options(send.campaign);
    const window = windowOf(options.window);
    const keys = messageKeys.of(send.template, send.channel);

    // The latest earlier occurrence under any key, within the window, that one customer can get with this send; the
    // send is remembered under each key once its list is searched (a send's keys are distinct: its own list is never
    // searched after it joined it).
    let previous: TimelineEntry | undefined;
    let locale: string | undefined;
    for (const { key, onChannel, locale: shared } of keys) {
      const own = listOf(key);
      const onItsChannel = byChannel ? listOf(onChannel) : undefined;
      const list = options.sameChannelOnly ? onItsChannel! : own;
      for (let index = list.length - 1; index >= 0; index -= 1) {
        const earlier = list[index]!;
        if (!isWithin(earlier.send, send, window)) break;
        if (!canMeet(earlier.send, send)) continue;
        if (!previous || earlier.send.millis > previous.send.millis || (earlier.send.millis === previous.send.millis && earlier !== previous && inOrder(previous.send, earlier.send)[0] === previous.send)) {
          previous = earlier;
          locale = earlier.send.template === send.template ? undefined : shared;
        }
        break;
      }
      remember(own, entry);
      if (onItsChannel) remember(onItsChannel, entry);
    }
    // For the customers in both of two overlapping segments, only a repeat the overlap makes: one send to each.
    if (!previous || !ownProblem(timeline, previous.send, send)) continue;

    const [first, second] = inOrder(previous.send, send);
    const source = sendKey(second);
    if (sendKey(first) !== source) timeline.report(new Repeat(timeline, templates, first, second, locale, options.window));
    else {
      const known = selfRepeats.get(source);
      if (known) known.later += 1;
      else selfRepeats.set(source, new Repeat(timeline, templates, first, second, locale, options.window));
    }
  }
  for (const repeat of selfRepeats.values()) {
    // Seen from several segments, a row's repeats are one finding: it counts the most later repeats any of them gets.
    const kept = timeline.report(repeat);
    if (kept instanceof Repeat && kept !== repeat) kept.later = Math.max(kept.later, repeat.later);
  }
}

/**
 * A repeat as the engine takes it: its key now, its message, related send and ids when the engine reads them. Kept from
 * the walk to the end of the run, one per repeat (150,000 on a large plan): one object, not a Found with a closure and
 * lists of its own.
 */
class Repeat implements Found {
  /** The timeline's: given, so that the engine keeps this Found as it is (no record of its segments beside it). */
  readonly segments: readonly string[];
  /** For a row or step that repeats itself: how many of its later sends repeat it too (the most in any of its segments). */
  later = 0;

  constructor(
    private readonly timeline: CheckedTimeline<DuplicateMessageOptions>,
    private readonly templates: Map<string, Template>,
    private readonly first: SendEntry,
    readonly send: SendEntry,
    private readonly locale: string | undefined,
    private readonly window: string,
  ) {
    this.segments = timeline.segments;
  }

  /** The repeating delivery's id: a repeat is told from the others of that delivery by `sameProblem`. */
  get key(): string {
    return this.send.deliveryId;
  }

  /**
   * The same repeat: of the same delivery at the same time, of the same earlier delivery (not the earlier send's time:
   * a step unrolled on several paths of a loop repeats one earlier step at several times, and that is one repeat, SPEC
   * 5, named by its first occurrence), in the same words.
   */
  sameProblem(other: Found): boolean {
    return (
      other instanceof Repeat &&
      other.send.millis === this.send.millis &&
      other.first.deliveryId === this.first.deliveryId &&
      other.locale === this.locale &&
      other.window === this.window
    );
  }

  message(segments: readonly string[]): string {
    return repeatText(this.timeline, this.templates, this.first, this.send, this.locale, this.window, segments, this.later);
  }

  /** Located here, not by the engine: a list the engine takes as it is. */
  get related(): RelatedLocation[] {
    const { first, send } = this;
    return [relatedTo(first, flat(`the earlier ${first.template === send.template ? 'send' : 'message with the same text'}: ${describeSend(first, this.templates)}`))];
  }

  get ids(): string[] {
    const { first, send } = this;
    return [first.template, send.template, first.deliveryId, send.deliveryId];
  }
}

/** The message of a repeat of `first` by `second` (in this timeline's words), once all its segments are known. */
function repeatText(
  timeline: CheckedTimeline<DuplicateMessageOptions>,
  templates: Map<string, Template>,
  first: SendEntry,
  second: SendEntry,
  locale: string | undefined,
  window: string,
  segments: readonly string[],
  later: number,
): string {
  const what = locale ? `the ${locale} text of ${first.template}` : first.template === second.template ? `the same template` : first.template;
  const sent = `${describeSend(second, templates)}${later ? ` (and ${later} later occurrence${later > 1 ? 's' : ''})` : ''}`;
  const gap = first.millis === second.millis ? 'at the same time' : `${describeGap(first, second)} earlier`;
  const repeated = `${what}${first.channel ? ` (${first.channel})` : ''}`;
  return timeline.inBoth
    ? `${sent}${toSide(timeline, second)} repeats ${repeated} sent${toSide(timeline, first)} on ${first.whenText}, ${gap} (window ${window}): ${whoText(timeline, segments)} get ${first.template === second.template ? first.template : 'the same text'} twice`
    : `${sent} repeats ${repeated} sent to ${segmentsText(segments)} on ${first.whenText}, ${gap} (window ${window})`;
}
