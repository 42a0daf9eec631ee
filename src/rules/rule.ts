import type { Category, Location, RelatedLocation, SeveritySetting } from '../findings/finding.js';
import type { Journey, Plan, Segment, Template } from '../model/types.js';
import type { Timelines } from '../timeline/build.js';
import type { JourneyRun, SendEntry, TimelineEntry } from '../timeline/types.js';

/** What every rule declares about itself: the config, `cxlint rules` and the docs read this. */
export interface RuleMeta {
  id: string;
  category: Category;
  /** Severity in `cxlint:recommended` (`off`: only when the config or a flag turns it on). */
  defaultSeverity: SeveritySetting;
  description: string;
  /** JSON Schema of the rule's options; a rule without one takes no options. */
  optionsSchema?: Record<string, unknown>;
  /** Default options in `cxlint:recommended`. */
  defaultOptions?: Record<string, unknown>;
  fixable: boolean;
}

/** Rules of the input category are reported by the loading stages themselves, and can never be turned down. */
export interface InputRule extends RuleMeta {
  category: 'input';
}

/**
 * A problem as a rule finds it. The engine does the rest: it lists the segments (the same `key` found on several
 * timelines is one finding), locates it and dates it from the send it names, and computes its fingerprint.
 */
export interface Found {
  /**
   * Tells this problem apart from the rule's others (never a line number); the same key found on several timelines is
   * one finding. Without one, the ids tell problems apart.
   */
  key?: string;
  /**
   * With `key`, for a rule with a problem per delivery: the key can be a text the delivery already holds (its id),
   * shared by the few problems of that delivery, and this tells whether another Found of that key is the same problem.
   * A key made of every part is a new text of ~100 characters per problem, kept until the end of the walk (0.35 s of
   * the findings plan's 300,000).
   */
  sameProblem?(other: Found): boolean;
  /** The send the finding stands at: its row or step is the location, its time the `at` (or `after`), its campaign the campaign. */
  send?: SendEntry;
  /**
   * It gathers the later reports of its key (a PlaceFound): the engine keeps it, never a later report of an earlier
   * send, which would lose what it gathered; it stands at the earliest send of what it gathered itself.
   */
  gathers?: boolean;
  /** Where the finding stands when it names no send (a template field, a journey step, a dated event). */
  location?: Location;
  /** With `location`: the instant the problem happens, ISO 8601 with offset. */
  at?: string;
  /** The text, or a function of the segments once all are known (`for segments a, b and 3 more`). */
  message: string | ((segments: readonly string[]) => string);
  /** Other places involved: a send (located by the engine) or a place in the files. */
  related?: Array<RelatedLocation | { send: SendEntry; message: string }>;
  /** Ids of what the problem involves, for the fingerprint. */
  ids: string[];
  /** The segments the problem concerns; on a timeline, the timeline's segments unless given. */
  segments?: readonly string[];
  campaign?: string;
}

/** What is wrong with one send (see `Rule.onSend`): the engine writes `<the send> <detail> for <segments>`. */
export interface SendFault {
  /** Tells apart the faults of one send: a stable text (the cause), not a time. */
  key: string;
  /**
   * What the fault is without its cause, when the cause can differ between the segments the send reaches (a state set
   * by each segment's own event, the channels each consents to): the faults of one send with one problem are one
   * finding, naming each cause with its segments (SPEC 5). Without it, `key` tells the problems apart.
   */
  problem?: string;
  /** With `problem`: the end of `detail` that tells the cause (`no channel is consented to`), listed per segments. */
  cause?: string;
  detail: string;
  ids: string[];
  related?: RelatedLocation[];
}

/** What a rule checks; every member is optional. */
export interface Checks<Options> {
  /** What of a segment the rule reads (consent, zones): segments that differ in it are checked apart. */
  splitBy?(segment: Segment): string;
  /**
   * `onTimeline` is also called with what the customers in both of two overlapping segments get (`timeline.inBoth`):
   * for the rules whose problems an overlap alone can make (repeats, caps, two messages that meet). The others see
   * each send on the timelines of the segments it is addressed to, which says all there is (SPEC 4.1: the zone,
   * states and events are the addressee's; consent is what either grants; the locales needed are those both list).
   */
  readsOverlaps?: boolean;
  onTemplate?(template: Template): void;
  onJourney?(journey: Journey): void;
  onTimeline?(timeline: CheckedTimeline<Options>): void;
  /**
   * What is wrong with one send on a timeline. The engine reports one finding per row or step and fault, naming its
   * first occurrence and counting the later ones (a recurring row, a step unrolled in a loop), listing every segment.
   */
  onSend?(entry: TimelineEntry, timeline: CheckedTimeline<Options>): SendFault | undefined;
}

/** The context of a rule's run: what a rule may read, and how it reports. Rules never re-read files (SPEC 5). */
export interface RuleContext<Options> {
  plan: Plan;
  timelines: Timelines;
  /** The rule's complete options, with the config's `overrides` for the segment (or one above it) or campaign applied. */
  options(segment?: string, campaign?: string): Options;
  /** Reports a problem (of `found.segments`); returns the Found the engine keeps for its key (see CheckedTimeline.report). */
  report(found: Found): Found;
}

/**
 * One timeline as a rule checks it: the sends of a group of segments that see the same ones (in time order), or of a
 * journey's relative run. Its segments also share the rule's options and whatever the rule `splitBy`s them by.
 */
export interface CheckedTimeline<Options> {
  /** The segments this timeline stands for, sorted. */
  segments: readonly string[];
  /** The first of them: its fields stand for all of them in whatever the rule reads. */
  segment: Segment;
  entries: readonly TimelineEntry[];
  /** On a journey's relative run (no date for its entry event): the run, whose times count from the entry event. */
  run?: JourneyRun;
  /** For the customers in both of two overlapping segments (`segments` are those two). */
  inBoth?: InBoth;
  /** The options of these segments, for a send's campaign. */
  options(campaign?: string): Options;
  /**
   * Reports a problem of these segments (or of `found.segments`). Returns the Found the engine keeps for its key: this
   * one when the key is new, else the one kept (the first, or the one at the earliest send), which gets these segments.
   */
  report(found: Found): Found;
}

/** What the customers in both of two segments declared to overlap get (SPEC 4.1). */
export interface InBoth {
  segments: readonly [string, string];
  /** Whether a send reaches the first segment (1), the second (2) or both (3) other than through the overlap. */
  side(send: SendEntry): number;
}

/**
 * A rule: its metadata, and `create`, called once per run (as in ESLint), which returns the checks the engine calls
 * back; what the rule computes once per plan lives in its closure. The engine walks the plan once for all rules: every
 * template, every journey, then every timeline to check (each group of look-alike segments, each relative journey
 * run) split by the rule's options and `splitBy`, and every send on it.
 */
export interface Rule<Options = Record<string, unknown>> extends RuleMeta {
  category: Exclude<Category, 'input'>;
  create(context: RuleContext<Options>): Checks<Options>;
}
