import path from 'node:path';
import { DateTime } from 'luxon';
import type { Location, Problem } from '../../findings/finding.js';
import { MAX_YAML_BYTES } from '../limits.js';
import { decodeText } from '../text.js';
import type { AdapterInput, AdapterOutput } from './types.js';
import type { Parsed, Placed } from './placed.js';
import { Companions, Unreadable, builtOrUnreadable, idOf, lower, mapping, parseDocument, placed, problem } from './placed.js';
import { ianaZone } from './zones.js';

/**
 * Salesforce Marketing Cloud business units as sfmc-devtools (mcdev) retrieves them into git
 * (`retrieve/<credential>/<businessUnit>/<type>/<key>.<type>-meta.json`, ../shared/formats/ADAPTERS.md §1). Journeys
 * and scheduled automations become plan items; data extensions become segments; the files they point to (assets,
 * SMS, events, send classifications, email sends) are read beside them from the same business unit.
 */

/** What the config's `inputs[]` entry may add for these files (docs/adapters.md). */
interface SfmcOptions {
  timezone?: string;
  /** SFMC entry event definition key → cxlint lifecycle event. */
  events?: Record<string, string>;
  /** An asset's key, or a folder of `r__folder_Path` (and the folders below it) → intent. */
  intents?: Record<string, string>;
  /** The locale the texts of these assets are written in: SFMC names none. */
  locale?: string;
  /** A contact field an Update Contact activity sets (`<data extension key>.<field>`, or the field alone) → state. */
  states?: Record<string, string>;
}

interface Context {
  file: string;
  bu: string;
  /** The business unit's folder: companions are looked up in it. */
  folder: string;
  companions: Companions;
  options: SfmcOptions;
  problems: Problem[];
}

/**
 * One file of a business unit that sfmc-devtools retrieved: `retrieved` is its path's match of the `retrieve/` layout
 * (sfmc.ts), or null when `inputs[].format` names a file outside it.
 */
export function readSfmc(input: AdapterInput, retrieved: RegExpExecArray | null): AdapterOutput {
  const decoded = decodeText(input.file, input.bytes, MAX_YAML_BYTES);
  if ('problem' in decoded) return { fragments: [], problems: [decoded.problem] };
  const { parsed, problems } = parseDocument(input.file, decoded.text);
  if (!parsed) return { fragments: [], problems };
  // Named by inputs[].format outside the retrieve/ layout, or a companion (an asset) the mapping's glob also matched.
  const bu = retrieved?.[2] ?? path.basename(path.dirname(path.dirname(input.absolutePath)));
  const type = retrieved?.[3] ?? typeByContent(parsed.value);
  if (type === undefined) return { fragments: [], problems };
  const context: Context = {
    file: input.file,
    bu,
    folder: path.join(path.dirname(input.absolutePath), '..'),
    companions: new Companions(input.file, input.absolutePath),
    options: input.options as SfmcOptions,
    problems,
  };
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
    problems.push(problem(`an sfmc-devtools ${type} file holds one JSON object`, parsed.at('')));
    return { fragments: [], problems };
  }
  return builtOrUnreadable(input.file, problems, () =>
    type === 'automation' ? automation(parsed, context) : type === 'dataExtension' ? dataExtension(parsed, context) : journey(parsed, context),
  );
}

/** What a file named by `inputs[].format: sfmc` holds, by its shape, when its path does not say. */
function typeByContent(value: unknown): string | undefined {
  const has = (key: string): boolean => value !== null && typeof value === 'object' && Object.hasOwn(value, key);
  if (has('triggers') && has('activities')) return 'journey';
  if (has('steps') && has('schedule')) return 'automation';
  return undefined;
}

const text = (doc: Parsed, pointer: string): Placed | undefined => {
  const value = doc.text(pointer);
  return value === undefined ? undefined : placed(value, doc.at(pointer));
};

function required(doc: Parsed, pointer: string, what: string): string {
  const value = doc.text(pointer);
  if (value === undefined) throw new Unreadable(`${what} is missing: the file needs ${pointer.slice(1).replace(/\//g, '.')}`, doc.at(pointer));
  return value;
}

/** A data extension: a segment other plan files can hang cohorts below (`parent: <bu>/<key>`). */
function dataExtension(doc: Parsed, context: Context): Placed {
  const key = required(doc, '/CustomerKey', 'the data extension key');
  const segment = mapping(doc.at(''), { id: placed(idOf(context.bu, key), doc.at('/CustomerKey')), name: text(doc, '/Name') });
  return mapping(doc.at(''), { segments: placed([segment], doc.at('')) });
}

// ─── Journeys ────────────────────────────────────────────────────────────────────────────────────────────────────────

interface Activity {
  index: number;
  key: string;
  pointer: string;
  /** Each outcome's pointer and the activity key it leads to (undefined: the path ends there). */
  outcomes: Array<{ pointer: string; next: string | undefined }>;
}

const companion = (context: Context, ...parts: string[]): string => path.join(context.folder, ...parts);

/**
 * The zone a schedule's wall times are in: `inputs[].timezone`, else the zone it names (a Windows name mapped to IANA,
 * or an IANA name). When it names one with no IANA name, `howToSet` says how to give the zone in the config instead.
 */
function scheduleZone(context: Context, zoneName: string | undefined): { zone?: string; howToSet?: string } {
  const zone = context.options.timezone ?? (zoneName === undefined ? undefined : ianaZone(zoneName));
  if (zone !== undefined || zoneName === undefined) return { zone };
  return { howToSet: `inputs: [{files: "${context.file}", format: sfmc, timezone: Europe/Berlin}] (with the zone the schedule is meant in)` };
}

/** A scheduled audience's `frequency` (seen `Hourly`), as the unit of its `interval`. */
const SCHEDULE_UNITS: Record<string, string> = { hourly: 'hour', daily: 'day', weekly: 'week', monthly: 'month', yearly: 'year' };

/**
 * A scheduled audience's first entry (ADAPTERS.md §1.3: `schedule.startDateTime`, wall time in `schedule.timeZone`, a
 * Windows name), as a plan date with the zone's offset; undefined for an event that is no scheduled audience. A
 * schedule that repeats lets in, at each run, only the contacts new to the audience: the customers of the segment
 * enter at the first, and an `info` finding says so.
 */
function scheduledEntry(event: Parsed, context: Context, journeyId: string): Placed | undefined {
  const startText = event.text('/schedule/startDateTime');
  if (lower(event.text('/category')) !== 'audience' || startText === undefined) return undefined;
  const zoneName = event.text('/schedule/timeZone');
  const { zone, howToSet } = scheduleZone(context, zoneName);
  // A schedule cxlint cannot date leaves the journey on relative timelines, as an entry event does: said, not fatal.
  if (howToSet) {
    const message = `time zone "${zoneName}" has no IANA name cxlint knows, so journey ${journeyId} is not dated by its audience's schedule; set the zone of this business unit in cxlint.config.yaml: ${howToSet}`;
    context.problems.push(problem(message, event.at('/schedule/timeZone')));
    return undefined;
  }
  const start = DateTime.fromISO(startText.replace(' ', 'T'), { zone: zone ?? 'UTC' });
  if (!start.isValid) {
    context.problems.push(problem(`schedule.startDateTime "${startText}" is no ISO 8601 date, so journey ${journeyId} is not dated by its audience's schedule`, event.at('/schedule/startDateTime')));
    return undefined;
  }
  const frequency = event.text('/schedule/frequency');
  if (frequency !== undefined && lower(frequency) !== 'once') {
    const unit = SCHEDULE_UNITS[lower(frequency)];
    const interval = Number(event.get('/schedule/interval') ?? 1);
    const every = unit === undefined ? `on its ${frequency} schedule` : interval > 1 ? `every ${interval} ${unit}s` : `every ${unit}`;
    const message = `journey ${journeyId}'s audience is read again ${every}, letting in only contacts new to it: cxlint dates the segment's entry at the first run, ${startText}`;
    context.problems.push(problem(message, event.at('/schedule/frequency'), 'info'));
  }
  // Without a zone, the wall time is the segment's (as any plan date without an offset).
  const date = zone === undefined ? start.toFormat("yyyy-MM-dd'T'HH:mm:ss") : start.toISO({ suppressMilliseconds: true })!;
  return placed(date, event.at('/schedule/startDateTime'));
}

/**
 * Entry: the segment is the data extension behind the trigger's event. The customers enter on the lifecycle event the
 * config names for it, else at a scheduled audience's date, else on the event of the adapter's own name (relative
 * timelines only).
 */
function entryOf(doc: Parsed, context: Context, journeyId: string): Placed {
  if (doc.list('/triggers').length === 0) throw new Unreadable('the journey has no trigger: cxlint cannot tell who enters it', doc.at('/triggers'));
  const eventPointer = doc.text('/triggers/0/metaData/r__event_key') !== undefined ? '/triggers/0/metaData/r__event_key' : '/triggers/0/metaData/eventDefinitionKey';
  const eventKey = doc.text(eventPointer);
  if (eventKey === undefined) throw new Unreadable('the trigger names no entry event (metaData.r__event_key)', doc.at('/triggers/0'));
  const at = doc.at(eventPointer);
  const event = context.companions.parsed(companion(context, 'event', `${eventKey}.event-meta.json`));
  const dataExtension = event?.text('/r__dataExtension_key') ?? doc.text('/triggers/0/metaData/r__dataExtension_key');
  const mapped = context.options.events?.[eventKey];
  const scheduled = mapped === undefined && event ? scheduledEntry(event, context, journeyId) : undefined;
  if (scheduled) return mapping(doc.at('/triggers/0'), { segment: placed(idOf(context.bu, dataExtension ?? eventKey), at), date: scheduled });
  if (mapped === undefined) {
    const message =
      `journey ${journeyId} is entered on SFMC event "${eventKey}", which is no lifecycle event: cxlint places it on relative timelines only; ` +
      `to date its runs, name the event in cxlint.config.yaml: inputs: [{files: "**/*.journey-meta.json", format: sfmc, events: {"${eventKey}": LIFECYCLE_EVENT}}] (the lifecycle event it stands for, such as signup or lease_end)`;
    context.problems.push(problem(message, at, 'info'));
  }
  return mapping(doc.at('/triggers/0'), {
    segment: placed(idOf(context.bu, dataExtension ?? eventKey), at),
    event: placed(mapped ?? `sfmc:${idOf(context.bu, eventKey)}`, at),
  });
}

function activitiesOf(doc: Parsed): Activity[] {
  const activities: Activity[] = [];
  const keys = new Set<string>();
  doc.list('/activities').forEach((_, index) => {
    const pointer = `/activities/${index}`;
    const key = doc.text(`${pointer}/key`);
    if (key === undefined) throw new Unreadable('an activity needs a key', doc.at(pointer));
    if (keys.has(key)) throw new Unreadable(`activity key "${key}" is used twice: an outcome's next could not tell them apart`, doc.at(`${pointer}/key`));
    keys.add(key);
    const outcomes = doc.list(`${pointer}/outcomes`).map((__, outcome) => {
      const outcomePointer = `${pointer}/outcomes/${outcome}`;
      return { pointer: outcomePointer, next: doc.text(`${outcomePointer}/next`) };
    });
    activities.push({ index, key, pointer, outcomes });
  });
  if (activities.length === 0) throw new Unreadable('the journey has no activities', doc.at('/activities'));
  return activities;
}

/**
 * The activities in flow order: the file's order is not the flow's (mcdev's own Multistep mock lists its first step
 * second). The root is the one activity no outcome leads to; the rest follow depth first, outcomes in order; those no
 * path reaches come last, so that journey-unreachable-step names them.
 */
function flowOrder(doc: Parsed, activities: Activity[], context: Context): Activity[] {
  const byKey = new Map(activities.map((activity) => [activity.key, activity]));
  const led = new Set<string>();
  for (const activity of activities) {
    for (const outcome of activity.outcomes) {
      if (outcome.next === undefined) continue;
      if (byKey.has(outcome.next)) led.add(outcome.next);
      else {
        context.problems.push(problem(`activity ${activity.key} leads to "${outcome.next}", which is no activity of this journey: the path ends there`, doc.at(`${outcome.pointer}/next`)));
        outcome.next = undefined;
      }
    }
  }
  const roots = activities.filter((activity) => !led.has(activity.key));
  if (roots.length === 0) throw new Unreadable('no first activity: every activity is the next of another, so the next links form a cycle with no way in', doc.at('/activities'));
  if (roots.length > 1) throw new Unreadable(`several first activities (${roots.map((root) => root.key).join(', ')}): no outcome leads to them, and a journey starts at one`, doc.at(`${roots[1]!.pointer}/key`));
  const ordered: Activity[] = [];
  const seen = new Set<string>();
  const stack = [roots[0]!];
  for (let activity = stack.pop(); activity; activity = stack.pop()) {
    if (seen.has(activity.key)) continue;
    seen.add(activity.key);
    ordered.push(activity);
    for (const outcome of [...activity.outcomes].reverse()) if (outcome.next !== undefined && !seen.has(outcome.next)) stack.push(byKey.get(outcome.next)!);
  }
  return [...ordered, ...activities.filter((activity) => !seen.has(activity.key))];
}

const WAIT_UNITS: Record<string, { iso: (n: number) => string; seen: boolean }> = {
  minutes: { iso: (n) => `PT${n}M`, seen: true },
  days: { iso: (n) => `P${n}D`, seen: true },
  hours: { iso: (n) => `PT${n}H`, seen: false },
  weeks: { iso: (n) => `P${n}W`, seen: false },
  months: { iso: (n) => `P${n}M`, seen: false },
};

function waitOf(doc: Parsed, activity: Activity, context: Context): Placed {
  const args = `${activity.pointer}/configurationArguments`;
  const other = ['specificDate', 'waitEndDateAttributeExpression', 'waitForEventKey'].find((field) => doc.text(`${args}/${field}`) !== undefined);
  const uiType = doc.text(`${activity.pointer}/metaData/uiType`);
  if (other !== undefined || (uiType !== undefined && lower(uiType) !== 'waitbyduration')) {
    const what = other ?? `metaData.uiType ${uiType}`;
    context.problems.push(problem(`wait ${activity.key} waits by ${what}, which cxlint cannot place in time: read as no wait (P0D)`, doc.at(other ? `${args}/${other}` : `${activity.pointer}/metaData/uiType`), 'warning'));
    return placed('P0D', doc.at(activity.pointer));
  }
  const amount = doc.get(`${args}/waitDuration`);
  const count = typeof amount === 'string' && /^\d+$/.test(amount.trim()) ? Number(amount) : amount;
  const whole = typeof count === 'number' && Number.isInteger(count) && count >= 0;
  const unitText = doc.text(`${args}/waitUnit`) ?? '';
  const unit = WAIT_UNITS[lower(unitText)];
  // A duration or unit cxlint cannot read is an error of this wait, not of the file: the wait is read as no wait, as
  // the waits it cannot place in time are, so that the journey's other activities are still read and checked.
  if (!whole) context.problems.push(problem(`wait ${activity.key} needs a whole, non-negative waitDuration: read as no wait (P0D)`, doc.at(`${args}/waitDuration`)));
  if (!unit) context.problems.push(problem(`wait ${activity.key} has waitUnit "${unitText}": cxlint reads MINUTES, HOURS, DAYS, WEEKS and MONTHS; read as no wait (P0D)`, doc.at(`${args}/waitUnit`)));
  if (!whole || !unit) return placed('P0D', doc.at(activity.pointer));
  if (!unit.seen) context.problems.push(problem(`wait unit ${unitText} is documented by Salesforce but not seen in retrieved files: read as ${unit.iso(count)}`, doc.at(`${args}/waitUnit`), 'info'));
  return placed(unit.iso(count), doc.at(`${args}/waitDuration`));
}

/** Engagement split statistics (statsTypeId) and the lifecycle events cxlint's preset has for them. */
const ENGAGEMENT: Record<number, string> = { 2: 'opened', 3: 'clicked' };

/** The event a branch option waits for: an engagement cxlint knows, or a name of the adapter's own for a filter it cannot read. */
function branchOf(doc: Parsed, activity: Activity, journeyId: string, kind: string, next: (target: string | undefined) => string): Placed {
  if (activity.outcomes.length === 0) throw new Unreadable(`split ${activity.key} has no outcomes`, doc.at(activity.pointer));
  const statsType = doc.get(`${activity.pointer}/configurationArguments/statsTypeId`);
  const options = activity.outcomes.map((outcome, index) => {
    const at = doc.at(outcome.pointer);
    const outcomeKey = doc.text(`${outcome.pointer}/key`) ?? String(index + 1);
    const when = doc.get(`${outcome.pointer}/arguments/when`);
    // A random split always takes one of its paths: its last one is the way out when no other is drawn.
    const otherwise =
      (kind === 'multicriteriadecision' && lower(outcomeKey) === 'remainder_path') ||
      (kind === 'engagementdecision' && (when === false || lower(when) === 'false')) ||
      (kind === 'randomsplit' && index === activity.outcomes.length - 1);
    const nextAt = doc.at(`${outcome.pointer}/next`);
    if (otherwise) return mapping(at, { otherwise: placed(true, at), next: placed(next(outcome.next), nextAt) });
    const event =
      kind === 'engagementdecision' && typeof statsType === 'number' && ENGAGEMENT[statsType]
        ? ENGAGEMENT[statsType]!
        : `sfmc:${idOf(journeyId, activity.key, kind === 'engagementdecision' ? `stats-${String(statsType)}` : outcomeKey)}`;
    const condition = mapping(at, { event: placed(event, at), within: placed('PT0S', at) });
    return mapping(at, { when: condition, next: placed(next(outcome.next), nextAt) });
  });
  return placed(options, doc.at(`${activity.pointer}/outcomes`));
}

/** The intent the config gives an asset (by key, or by a folder at or above it), else what the send classification says. */
function intentOf(context: Context, assetKey: string | undefined, folder: string | undefined, source: TemplateSource): Placed | undefined {
  const intents = context.options.intents ?? {};
  const byFolder = Object.keys(intents).find((name) => folder !== undefined && (folder === name || folder.startsWith(`${name}/`)));
  const configured = assetKey !== undefined && Object.hasOwn(intents, assetKey) ? intents[assetKey] : byFolder !== undefined ? intents[byFolder] : undefined;
  const { classification } = source;
  // The mapping wins whatever the send's classification, and without one (an SMS, an email sent without): it is placed
  // at the classification when there is one, else at the activity.
  if (configured !== undefined) return placed(configured, classification?.at ?? source.at);
  if (!classification) return undefined;
  const key = String(classification.value);
  const file = context.companions.parsed(companion(context, 'sendClassification', `${key}.sendClassification-meta.json`));
  // Every account has the built-in "Default Transactional" classification, which mcdev does not always retrieve.
  const kind = lower(file?.text('/c__classification') ?? (lower(key) === 'default transactional' ? 'Transactional' : ''));
  if (kind === 'transactional' || (kind === '' && source.transactional)) return placed('transactional', classification.at);
  return undefined;
}

interface TemplateSource {
  id: string;
  channel: string;
  /** Where the activity (or email send) names what it sends. */
  at: Location;
  fallbackName?: Placed;
  subject?: Placed;
  preheader?: Placed;
  classification?: Placed;
  transactional: boolean;
}

/** An email template from the asset the activity names (`asset/message/<key>/…`), or from the activity alone when it was not retrieved. */
function emailTemplate(assetKey: string | undefined, source: TemplateSource, context: Context): Placed {
  const folders = assetKey === undefined ? [] : [path.join('asset', 'message', assetKey), path.join('asset', 'message')];
  const candidates = folders.map((folder) => companion(context, folder, `${assetKey}.asset-message-meta.json`));
  const asset = context.companions.parsed(...candidates);
  const assetFile = candidates.find((candidate) => asset && context.companions.shown(candidate) === asset.file);
  const html = asset && assetFile ? context.companions.text(assetFile.replace(/\.json$/, '.html')) : undefined;
  const locale = context.options.locale;
  const content =
    locale && asset
      ? mapping(asset.at(''), {
          subject: text(asset, '/views/subjectline/content') ?? source.subject,
          preheader: text(asset, '/views/preheader/content') ?? source.preheader,
          body: text(asset, '/views/html/content') ?? (html !== undefined && assetFile ? placed(html, { ...asset.at(''), file: context.companions.shown(assetFile.replace(/\.json$/, '.html')), line: 1, column: 1, endLine: 1, endColumn: 1 }) : undefined),
        })
      : locale
        ? mapping(source.at, { subject: source.subject, preheader: source.preheader })
        : undefined;
  const status = asset && lower(asset.text('/status/name')) === 'draft' ? placed('draft', asset.at('/status/name')) : undefined;
  return mapping(source.at, {
    id: placed(source.id, source.at),
    name: (asset && text(asset, '/name')) ?? source.fallbackName,
    channel: placed(source.channel, source.at),
    intent: intentOf(context, assetKey, asset?.text('/r__folder_Path'), source),
    owner: asset ? text(asset, '/owner/name') : undefined,
    status,
    content: content && locale && (content.value as Map<string, Placed>).size > 0 ? mapping(content.at, { [locale]: content }) : undefined,
  });
}

/** An SMS template from the mobileMessage the activity names (`mobileMessage/<id>.mobileMessage-meta.json`, text in `.amp`). */
function smsTemplate(messageId: string | undefined, source: TemplateSource, context: Context): Placed {
  const file = messageId === undefined ? undefined : companion(context, 'mobileMessage', `${messageId}.mobileMessage-meta.json`);
  const message = file ? context.companions.parsed(file) : undefined;
  const ampFile = file?.replace(/\.json$/, '.amp');
  const body = message && ampFile ? context.companions.text(ampFile) : undefined;
  const locale = context.options.locale;
  const bodyAt: Location = { file: ampFile ? context.companions.shown(ampFile) : source.at.file, line: 1, column: 1, endLine: 1, endColumn: 1 };
  return mapping(source.at, {
    id: placed(source.id, source.at),
    name: (message && text(message, '/name')) ?? source.fallbackName,
    channel: placed(source.channel, source.at),
    intent: intentOf(context, messageId, undefined, source),
    content: locale && body !== undefined && body.trim() !== '' ? mapping(bodyAt, { [locale]: mapping(bodyAt, { body: placed(body, bodyAt) }) }) : undefined,
  });
}

/**
 * What an Update Contact activity records: each field it writes that `inputs[].states` maps (by `<data extension
 * key>.<field>`, else by the field's name) to a customer state, set to the value it writes. Undefined when it sets none.
 */
function contactUpdate(doc: Parsed, activity: Activity, context: Context): Placed | undefined {
  const states = context.options.states ?? {};
  const stateOf = (key: string | undefined): string | undefined => (key !== undefined && Object.hasOwn(states, key) ? states[key] : undefined);
  const fieldsPointer = `${activity.pointer}/arguments/activityData/updateContactFields`;
  const set = new Map<string, Placed>();
  doc.list(fieldsPointer).forEach((_, index) => {
    const pointer = `${fieldsPointer}/${index}`;
    const field = doc.text(`${pointer}/r__dataExtensionField_name`);
    const dataExtension = doc.text(`${pointer}/r__dataExtension_key`);
    const state = field === undefined ? undefined : (stateOf(dataExtension === undefined ? undefined : `${dataExtension}.${field}`) ?? stateOf(field));
    if (state === undefined) return;
    const value = doc.get(`${pointer}/value`);
    if (!['string', 'number', 'boolean'].includes(typeof value) || String(value).trim() === '') {
      context.problems.push(problem(`contact update ${activity.key} writes no value cxlint can read to ${field} (state ${state}): the state is not set`, doc.at(pointer), 'warning'));
      return;
    }
    set.set(state, placed(String(value).trim(), doc.at(`${pointer}/value`)));
  });
  return set.size ? placed(set, doc.at(fieldsPointer)) : undefined;
}

function journey(doc: Parsed, context: Context): Placed | undefined {
  const key = required(doc, '/key', 'the journey key');
  if (!Array.isArray(doc.get('/triggers')) || !Array.isArray(doc.get('/activities'))) {
    throw new Unreadable('an sfmc-devtools journey needs key, triggers[] and activities[]', doc.at(''));
  }
  const journeyId = idOf(context.bu, key);
  const entry = entryOf(doc, context, journeyId);
  const activities = flowOrder(doc, activitiesOf(doc), context);
  const transactional = lower(doc.text('/definitionType')) === 'transactional';
  const taken = new Set(activities.map((activity) => idOf(activity.key)));
  let exitId = 'exit';
  for (let n = 2; taken.has(exitId); n += 1) exitId = `exit-${n}`;
  let exitAt: Location | undefined;
  const templates: Placed[] = [];
  const steps: Placed[] = [];
  for (const activity of activities) {
    const at = doc.at(activity.pointer);
    const typePointer = `${activity.pointer}/type`;
    const kind = lower(doc.text(typePointer));
    const stepId = placed(idOf(activity.key), doc.at(`${activity.pointer}/key`));
    const next = (target: string | undefined): string => {
      if (target !== undefined) return idOf(target);
      exitAt ??= at;
      return exitId;
    };
    const first = activity.outcomes[0];
    const onward = placed(next(first?.next), first ? doc.at(first.pointer) : at);
    const args = `${activity.pointer}/configurationArguments`;
    const source = (channel: string, classification: string | undefined): TemplateSource => ({
      id: idOf(journeyId, activity.key),
      channel,
      at: doc.at(typePointer),
      fallbackName: text(doc, `${activity.pointer}/name`),
      subject: text(doc, `${args}/triggeredSend/emailSubject`),
      preheader: text(doc, `${args}/triggeredSend/preHeader`),
      classification: classification === undefined ? undefined : text(doc, classification),
      transactional,
    });
    const send = (template: Placed): Placed => {
      templates.push(template);
      return mapping(at, { id: stepId, send: placed(idOf(journeyId, activity.key), doc.at(typePointer)), next: onward });
    };
    if (kind === 'emailv2') {
      const assetPointer = [`${args}/triggeredSend/r__asset_key`, `${args}/r__transactionalEmail_key`, `${args}/triggeredSend/r__email_name`].find((pointer) => doc.text(pointer) !== undefined);
      steps.push(send(emailTemplate(assetPointer && doc.text(assetPointer), source('email', `${args}/triggeredSend/r__sendClassification_key`), context)));
    } else if (kind === 'smssync') {
      const messageId = doc.text(`${args}/r__mobileMessage_key`) ?? doc.text(`${args}/c__mobileMessage_id`);
      steps.push(send(smsTemplate(messageId, source('sms', undefined), context)));
    } else if (kind === 'pushnotificationactivity') {
      context.problems.push(problem(`activity type ${doc.text(typePointer)} is documented for single sends but not seen in retrieved journeys: read as a push send`, doc.at(typePointer), 'info'));
      steps.push(send(mapping(doc.at(typePointer), { id: placed(idOf(journeyId, activity.key), doc.at(typePointer)), name: text(doc, `${activity.pointer}/name`), channel: placed('push', doc.at(typePointer)) })));
    } else if (kind === 'wait') {
      steps.push(mapping(at, { id: stepId, wait: waitOf(doc, activity, context), next: onward }));
    } else if (kind === 'multicriteriadecision' || kind === 'engagementdecision' || kind === 'randomsplit') {
      if (kind === 'randomsplit') context.problems.push(problem(`activity type ${doc.text(typePointer)} is documented but not seen in retrieved journeys: read as a split whose every path is taken`, doc.at(typePointer), 'info'));
      steps.push(mapping(at, { id: stepId, branch: branchOf(doc, activity, journeyId, kind, next) }));
    } else {
      const set = kind === 'updatecontactdata' ? contactUpdate(doc, activity, context) : undefined;
      // Contact updates of no state, data extension updates and REST calls send nothing: a wait of no time keeps the
      // step (and its links) in place.
      if (!['updatecontactdata', 'dataextensionupdate', 'rest'].includes(kind)) {
        const message = lower(doc.text(`${activity.pointer}/metaData/category`)) === 'message' ? ', though its category "message" suggests it sends something' : '';
        context.problems.push(problem(`activity type "${doc.text(typePointer) ?? ''}" is unknown to cxlint: read as a step that sends nothing${message}`, doc.at(typePointer), 'warning'));
      }
      steps.push(mapping(at, { id: stepId, ...(set ? { set } : { wait: placed('P0D', doc.at(typePointer)) }), next: onward }));
    }
  }
  if (exitAt) steps.push(mapping(exitAt, { id: placed(exitId, exitAt), exit: placed(true, exitAt) }));
  const item = mapping(doc.at(''), {
    id: placed(journeyId, doc.at('/key')),
    name: text(doc, '/name'),
    entry,
    steps: placed(steps, doc.at('/activities')),
  });
  return mapping(doc.at(''), {
    ...(templates.length ? { templates: placed(templates, doc.at('/activities')) } : {}),
    journeys: placed([item], doc.at('')),
  });
}

// ─── Automations ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** Statuses of an automation that will not run as scheduled. */
const NOT_RUNNING = new Set(['pausedschedule', 'stopped', 'inactivetrigger', 'error', 'buildingerror', 'building']);

const AUTOMATION_WAIT = /^\s*(\d+)\s*(minute|hour|day|week|month|year)s?\s*$/i;

/** A scheduled automation: each email send step is a calendar send at the schedule's time (and later steps after their waits). */
function automation(doc: Parsed, context: Context): Placed | undefined {
  const key = required(doc, '/key', 'the automation key');
  const automationId = idOf(context.bu, key);
  const sends = doc.list('/steps').flatMap((_, step) => doc.list(`/steps/${step}/activities`).map((__, index) => `/steps/${step}/activities/${index}`));
  const emailSends = sends.filter((pointer) => lower(doc.text(`${pointer}/r__type`)) === 'emailsend');
  if (emailSends.length === 0) return undefined;
  if (lower(doc.text('/type')) !== 'scheduled' || doc.text('/schedule/startDate') === undefined) {
    context.problems.push(problem(`automation ${automationId} sends email but has no schedule (type ${doc.text('/type') ?? 'none'}): cxlint cannot date its sends`, doc.at('/type'), 'info'));
    return undefined;
  }
  const status = doc.text('/status');
  if (status !== undefined && NOT_RUNNING.has(lower(status))) {
    context.problems.push(problem(`automation ${automationId} is ${status}: its sends are not on the plan`, doc.at('/status'), 'info'));
    return undefined;
  }
  const zoneName = doc.text('/schedule/timezoneName');
  const { zone, howToSet } = scheduleZone(context, zoneName);
  if (howToSet) throw new Unreadable(`time zone "${zoneName}" has no IANA name cxlint knows; set the zone of this file in cxlint.config.yaml: ${howToSet}`, doc.at('/schedule/timezoneName'));
  const start = DateTime.fromISO(doc.text('/schedule/startDate')!, { zone: 'UTC' });
  if (!start.isValid) throw new Unreadable(`schedule.startDate "${doc.text('/schedule/startDate')}" is no ISO 8601 date`, doc.at('/schedule/startDate'));
  const repeat = repeatOf(doc);
  const templates: Placed[] = [];
  const calendar: Placed[] = [];
  let offset = start;
  for (const pointer of sends) {
    const type = lower(doc.text(`${pointer}/r__type`));
    if (type === 'wait') {
      const wait = AUTOMATION_WAIT.exec(doc.text(`${pointer}/name`) ?? '');
      if (wait) offset = offset.plus({ [`${wait[2]!.toLowerCase()}s`]: Number(wait[1]) });
      else context.problems.push(problem(`wait step "${doc.text(`${pointer}/name`) ?? ''}" names no duration (such as "1 Days"): the steps after it are read at the schedule's time`, doc.at(pointer), 'warning'));
    }
    if (type !== 'emailsend') continue;
    const sendKeyPointer = doc.text(`${pointer}/r__key`) !== undefined ? `${pointer}/r__key` : `${pointer}/name`;
    const sendKey = doc.text(sendKeyPointer);
    const emailSend = sendKey === undefined ? undefined : context.companions.parsed(companion(context, 'emailSend', `${sendKey}.emailSend-meta.json`));
    if (!emailSend || sendKey === undefined) {
      context.problems.push(problem(`email send "${sendKey ?? ''}" was not retrieved (emailSend/${sendKey ?? ''}.emailSend-meta.json): its audience and email are unknown, so it is not on the plan`, doc.at(sendKeyPointer), 'warning'));
      continue;
    }
    const at = doc.at(sendKeyPointer);
    const lists = emailSend.list('/SendDefinitionList');
    const sourceList = lists.findIndex((_, index) => lower(emailSend.text(`/SendDefinitionList/${index}/SendDefinitionListType`)) === 'sourcelist');
    const audience = sourceList === -1 ? undefined : (emailSend.text(`/SendDefinitionList/${sourceList}/r__dataExtension_Key`) ?? emailSend.text(`/SendDefinitionList/${sourceList}/r__dataExtension_key`));
    if (audience === undefined) {
      context.problems.push(problem(`email send ${sendKey} has no source data extension (SendDefinitionList SourceList): its audience is unknown`, doc.at(sendKeyPointer), 'warning'));
      continue;
    }
    const templateId = idOf(automationId, sendKey);
    const classificationPointer = emailSend.text('/r__sendClassification_CustomerKey') !== undefined ? '/r__sendClassification_CustomerKey' : '/r__sendClassification_key';
    const classification = emailSend.text(classificationPointer);
    templates.push(
      emailTemplate(emailSend.text('/r__assetMessage_Key') ?? emailSend.text('/r__asset_key'), {
        id: templateId,
        channel: 'email',
        at,
        fallbackName: text(emailSend, '/Name'),
        subject: text(emailSend, '/EmailSubject'),
        classification: classification === undefined ? undefined : placed(classification, at),
        transactional: false,
      }, context),
    );
    calendar.push(
      mapping(at, {
        id: placed(templateId, at),
        date: placed(offset.toFormat("yyyy-MM-dd'T'HH:mm:ss"), doc.at('/schedule/startDate')),
        ...(zone !== undefined ? { timezone: placed(zone, doc.at(zoneName !== undefined ? '/schedule/timezoneName' : '/schedule')) } : {}),
        segment: placed(idOf(context.bu, audience), at),
        template: placed(templateId, at),
        channel: placed('email', at),
        ...(repeat ? { repeat } : {}),
      }),
    );
  }
  if (calendar.length === 0) return undefined;
  return mapping(doc.at(''), { templates: placed(templates, doc.at('/steps')), calendar: placed(calendar, doc.at('/steps')) });
}

/** `icalRecur`, ended at `endDate` when it has no COUNT or UNTIL of its own (the end is wall time in the schedule's zone). */
function repeatOf(doc: Parsed): Placed | undefined {
  const rule = doc.text('/schedule/icalRecur');
  if (rule === undefined) return undefined;
  const at = doc.at('/schedule/icalRecur');
  const end = doc.text('/schedule/endDate');
  const parts = rule.split(';').map((part) => part.split('=')[0]!.trim().toUpperCase());
  if (end === undefined || parts.includes('COUNT') || parts.includes('UNTIL')) return placed(rule, at);
  const until = DateTime.fromISO(end, { zone: 'UTC' });
  if (!until.isValid) throw new Unreadable(`schedule.endDate "${end}" is no ISO 8601 date`, doc.at('/schedule/endDate'));
  return placed(`${rule};UNTIL=${until.toFormat("yyyyMMdd'T'HHmmss")}`, at);
}

