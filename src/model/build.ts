import type { Location, Problem } from '../findings/finding.js';
import type { CalendarSend, Journey as RawJourney, JourneyStep, Segment as RawSegment, Template as RawTemplate } from '../generated/plan-types.js';
import type { Condition, StateMap, Vocabulary } from './vocabulary.js';
import { conditionOf, stateText } from './vocabulary.js';
import type { ValidFragment } from '../validate/validate.js';
import { buildJourney } from './journeys.js';
import { keySends } from './keys.js';
import { checkCondition, resolveChannel } from './references.js';
import type { RawItem, Where } from './report.js';
import { Reporter } from './report.js';
import { resolveSegments } from './segments.js';
import { SegmentTree } from './tree.js';
import type { Journey, Plan, Segment, Send, Source, Template } from './types.js';
import { locationOf } from './types.js';

export interface ModelResult {
  plan: Plan;
  problems: Problem[];
}

type Section = 'segments' | 'templates' | 'journeys' | 'calendar';
const KIND: Record<Section, string> = { segments: 'segment', templates: 'template', journeys: 'journey', calendar: 'calendar send' };

function collect<T>(fragments: ValidFragment[], section: Section): Array<RawItem<T>> {
  const items: Array<RawItem<T>> = [];
  for (const fragment of fragments) {
    (fragment.plan[section] ?? []).forEach((value, index) => {
      const pointer = `/${section}/${index}`;
      const item: RawItem<T> = { value: value as T, source: { file: fragment.file, pointer, positions: fragment.positions }, valid: !fragment.invalidItems.has(pointer) };
      if (fragment.impliedTemplates && section === 'templates') item.implied = true;
      if (fragment.unplacedItems?.has(pointer)) item.unplaced = true;
      items.push(item);
    });
  }
  return items;
}

/** Keeps the first item of each id; reports the others as `duplicate-id`. Items without an id pass through. */
function uniqueById<T>(items: Array<RawItem<T>>, section: Section, reporter: Reporter): { items: Array<RawItem<T>>; ids: Set<string> } {
  const first = new Map<string, Source>();
  const kept: Array<RawItem<T>> = [];
  for (const item of items) {
    const id = (item.value as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') {
      if (item.valid) kept.push(item);
      continue;
    }
    const previous = first.get(id);
    if (previous) {
      reporter.duplicate(KIND[section], id, locationOf(item.source, 'id'), locationOf(previous, 'id'));
      continue;
    }
    first.set(id, item.source);
    if (item.valid) kept.push(item);
  }
  return { items: kept, ids: new Set(first.keys()) };
}

/**
 * Templates an export implies (a report's campaign title) give way to the plan's own of the same id and to each
 * other: an id said twice that way is one template, never a `duplicate-id`.
 */
function withoutRestated<T>(items: Array<RawItem<T>>): Array<RawItem<T>> {
  const idOf = (item: RawItem<T>): unknown => (item.value as { id?: unknown } | null)?.id;
  const stated = new Set(items.filter((item) => !item.implied).map(idOf));
  return items.filter((item) => {
    if (!item.implied) return true;
    if (stated.has(idOf(item))) return false;
    stated.add(idOf(item));
    return true;
  });
}

/** The segments a display name stands for in exports, each with how it goes by that name. */
type NamedSegments = Map<string, { id: string; as: 'name' | 'alias' }[]>;

/** What a name several segments go by is checked against: nothing, and no did-you-mean (the message lists them). */
const SHARED_NAME = { has: (): boolean => false, keys: (): string[] => [] };

/** Every segment's `name` and `aliases` (SPEC 4.1), each with the segments that go by it. */
function segmentNames(segments: Array<RawItem<RawSegment>>): NamedSegments {
  const names: NamedSegments = new Map();
  const add = (name: string, id: string, as: 'name' | 'alias'): void => {
    const list = names.get(name) ?? names.set(name, []).get(name)!;
    if (!list.some((named) => named.id === id)) list.push({ id, as });
  };
  for (const { value } of segments) {
    if (value.name !== undefined) add(value.name, value.id, 'name');
    for (const alias of value.aliases ?? []) add(alias, value.id, 'alias');
  }
  return names;
}

class ModelBuilder {
  private readonly reporter = new Reporter();
  private readonly segmentIds: Set<string>;
  /** Files read from CSV exports: only their cells name segments by display name. */
  private readonly csvFiles: Set<string>;
  private readonly segmentNames: NamedSegments;
  /** What a CSV cell may name, for its did-you-mean: segment ids, names and aliases (only ids are `has`: a name is resolved first). */
  private readonly segmentsInExports: { has(name: string): boolean; keys(): Iterable<string> };
  /** `file\0name` of the names already said to be read as a segment: once per file and name. */
  private readonly namesRead = new Set<string>();
  private readonly templateIds: Set<string>;
  private readonly raw: {
    segments: Array<RawItem<RawSegment>>;
    templates: Array<RawItem<RawTemplate>>;
    journeys: Array<RawItem<RawJourney>>;
    calendar: Array<RawItem<CalendarSend>>;
  };

  constructor(
    fragments: ValidFragment[],
    private readonly vocabulary: Vocabulary,
  ) {
    const segments = uniqueById(collect<RawSegment>(fragments, 'segments'), 'segments', this.reporter);
    const templates = uniqueById(withoutRestated(collect<RawTemplate>(fragments, 'templates')), 'templates', this.reporter);
    const journeys = uniqueById(collect<RawJourney>(fragments, 'journeys'), 'journeys', this.reporter);
    const calendar = uniqueById(collect<CalendarSend>(fragments, 'calendar'), 'calendar', this.reporter);
    this.segmentIds = segments.ids;
    this.csvFiles = new Set(fragments.filter((fragment) => fragment.fromCsv).map((fragment) => fragment.file));
    this.segmentNames = segmentNames(segments.items);
    const ids = segments.ids;
    const names = this.segmentNames;
    this.segmentsInExports = { has: (name) => ids.has(name), keys: () => [...ids, ...names.keys()] };
    this.templateIds = templates.ids;
    this.raw = { segments: segments.items, templates: templates.items, journeys: journeys.items, calendar: calendar.items };
  }

  build(): ModelResult {
    const segments = resolveSegments(this.raw.segments, this.segmentIds, this.vocabulary, this.reporter);
    const states = this.knownStates(segments);
    const templates = new Map(this.raw.templates.map((item) => [item.value.id, this.template(item, states)]));
    const sends = keySends(this.raw.calendar.flatMap((item) => this.send(item, templates) ?? []));
    const journeys = new Map<string, Journey>();
    for (const item of this.raw.journeys) {
      const journey = buildJourney(item, { segmentIds: this.segmentIds, templates, templateIds: this.templateIds, states, vocabulary: this.vocabulary }, this.reporter);
      if (journey) journeys.set(journey.id, journey);
    }
    const plan: Plan = { segments, tree: new SegmentTree(segments), templates, sends, journeys, vocabulary: this.vocabulary, states };
    return { plan, problems: this.reporter.problems };
  }

  /** State names and values: those the lifecycle sets, those segments start in, and those journeys `set`. */
  private knownStates(segments: Map<string, Segment>): Map<string, Set<string>> {
    const states = new Map<string, Set<string>>();
    const add = (map: StateMap | Record<string, unknown>): void => {
      for (const [key, value] of Object.entries(map)) {
        const values = states.get(key) ?? states.set(key, new Set()).get(key)!;
        values.add(stateText(value as string));
      }
    };
    for (const event of this.vocabulary.lifecycle.values()) add(event.sets);
    // What each segment changes: every state in force somewhere is some segment's change (reading the states in force
    // of every segment would copy a deep chain's inherited states once per level).
    for (const segment of segments.values()) add(segment.ownStates);
    for (const journey of this.raw.journeys) for (const step of journey.value.steps ?? []) if ((step as JourneyStep).set) add((step as JourneyStep).set!);
    return states;
  }

  private condition(raw: Record<string, unknown> | undefined, source: Source, field: string, states: Map<string, Set<string>>): Condition | undefined {
    const condition = conditionOf(raw);
    checkCondition(condition, source, [field], states, this.reporter);
    return condition;
  }

  private template({ value, source }: RawItem<RawTemplate>, states: Map<string, Set<string>>): Template {
    const channels = value.channels ?? (value.channel ? [value.channel] : []);
    const channelField = value.channels ? 'channels' : 'channel';
    channels.forEach((channel, index) => {
      const location = (): Location => (value.channels ? locationOf(source, 'channels', index) : locationOf(source, 'channel'));
      this.reporter.reference('channel', channel, this.vocabulary.channels, location);
    });
    if (value.channel && value.channels) this.reporter.invalid(`give channel or channels, not both`, locationOf(source, channelField));
    if (value.intent) this.reporter.reference('intent', value.intent, this.vocabulary.intents, () => locationOf(source, 'intent'));
    const template: Template = {
      id: value.id,
      name: value.name,
      channels,
      intent: value.intent,
      campaign: value.campaign,
      owner: value.owner,
      status: value.status,
      // Without a prototype, so that a fact named `constructor` or `toString` is only ever the plan's own.
      facts: Object.assign(Object.create(null) as Record<string, string>, Object.fromEntries(Object.entries(value.facts ?? {}).map(([key, fact]) => [key, String(fact)]))),
      requires: this.condition(value.requires, source, 'requires', states),
      forbids: this.condition(value.forbids, source, 'forbids', states),
      expectsReply: value.expects_reply ?? false,
      content: new Map(Object.entries(value.content ?? {})),
      source,
    };
    if (value.offer) {
      const offer = value.offer;
      template.offer = {
        id: offer.id,
        value: offer.value === undefined ? undefined : String(offer.value),
        code: offer.code,
        validFrom: offer.valid_from ? this.reporter.date(offer.valid_from, () => locationOf(source, 'offer', 'valid_from')) : undefined,
        validUntil: offer.valid_until ? this.reporter.date(offer.valid_until, () => locationOf(source, 'offer', 'valid_until')) : undefined,
      };
    }
    return template;
  }

  /**
   * The segment a CSV export's cell names (SPEC 4.1): its id, else the one segment whose `name` or alias it is exactly
   * (said once per file and name, as an info finding); a name several segments go by, or nothing, is an
   * `unknown-reference`, whose did-you-mean looks at names too.
   */
  private segmentInExport(cell: string, file: string, location: Where): string {
    if (this.segmentIds.has(cell)) return cell;
    const named = this.segmentNames.get(cell) ?? [];
    if (named.length === 1) {
      const { id, as } = named[0]!;
      const key = `${file}\u0000${cell}`;
      if (!this.namesRead.has(key)) {
        this.namesRead.add(key);
        this.reporter.info('unknown-reference', `segment "${cell}" is ${as === 'name' ? 'the name' : 'an alias'} of segment ${id}: read as ${id}`, location, ['segment', cell, id]);
      }
      return id;
    }
    const ids = named.map((segment) => segment.id).sort();
    const unknown = ids.length > 1 ? `segment "${cell}" is no segment id, and is the name or alias of several segments (${ids.join(', ')}): write the id of one` : undefined;
    this.reporter.reference('segment', cell, ids.length > 1 ? SHARED_NAME : this.segmentsInExports, location, unknown);
    return cell;
  }

  private send({ value, source, unplaced }: RawItem<CalendarSend>, templates: Map<string, Template>): Omit<Send, 'key'> | undefined {
    // A CSV row's unreadable date or missing cell was reported by validation; what the row holds is checked all the same.
    const date = unplaced ? undefined : this.reporter.date(value.date, () => locationOf(source, 'date'));
    if (value.timezone) this.reporter.zone(value.timezone, () => locationOf(source, 'timezone'));
    const recurrence = value.repeat === undefined ? undefined : this.reporter.recurrence(value.repeat, () => locationOf(source, 'repeat'));
    const except = value.except?.flatMap((text, index) => this.reporter.date(text, () => locationOf(source, 'except', index)) ?? []);
    if (except && !value.repeat) this.reporter.invalid('except lists occurrences of a repeat, and this send has no repeat', locationOf(source, 'except'));
    if (value.segment !== undefined && value.segments !== undefined) {
      this.reporter.invalid('give segment or segments, not both', locationOf(source, 'segments'));
    }
    const named = value.segments ?? (value.segment !== undefined ? [value.segment] : []);
    if (named.length === 0 && !unplaced) this.reporter.invalid('calendar send is missing "segment" (or "segments")', locationOf(source));
    const segments = named.map((segment, index) => {
      const location = (): Location => (value.segments ? locationOf(source, 'segments', index) : locationOf(source, 'segment'));
      if (this.csvFiles.has(source.file)) return this.segmentInExport(segment, source.file, location);
      this.reporter.reference('segment', segment, this.segmentIds, location);
      return segment;
    });
    const template = templates.get(value.template);
    const templateKnown = unplaced && value.template === '' ? false : this.reporter.reference('template', value.template, this.templateIds, () => locationOf(source, 'template'));
    const { channel, known: channelKnown } = resolveChannel(value.channel, template, source, this.vocabulary, this.reporter);
    // A row with a broken reference is reported once, here, and placed on no timeline: its consequences (a duplicate,
    // a cap, a contradiction of a send that cannot go out as written) would be guesses (SPEC 5).
    const segmentsKnown = segments.every((segment) => this.segmentIds.has(segment));
    const repeatRead = value.repeat === undefined || recurrence !== undefined;
    if (!date || !templateKnown || !channelKnown || !segmentsKnown || !repeatRead || unplaced) return undefined;
    return {
      id: value.id,
      date,
      timezone: value.timezone,
      segments,
      template: value.template,
      channel,
      campaign: value.campaign ?? template?.campaign,
      owner: value.owner ?? template?.owner,
      repeat: value.repeat,
      recurrence,
      ...(except?.length ? { except } : {}),
      source,
    };
  }
}

/** The model stage: merges every valid fragment into one plan with every reference resolved (SPEC 4). */
export function buildModel(fragments: ValidFragment[], vocabulary: Vocabulary): ModelResult {
  return new ModelBuilder(fragments, vocabulary).build();
}

