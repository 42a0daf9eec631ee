import path from 'node:path';
import type { Location, Problem } from '../../findings/finding.js';
import { MAX_YAML_BYTES } from '../limits.js';
import { decodeText } from '../text.js';
import type { AdapterInput, AdapterOutput } from './types.js';
import type { Parsed, Placed } from './placed.js';
import { Unreadable, builtOrUnreadable, idOf, lower, mapping, parseDocument, placed, problem } from './placed.js';

/**
 * Treasure Data journeys as the `tdx` CLI pulls them (`segments/<parent-segment>/<journey>.yml`,
 * ../shared/formats/ADAPTERS.md §2): each stage of the latest version is a cxlint journey, its steps linked by name
 * (or `uuid`); its segments become cxlint segments, its activations the templates it sends.
 */

interface TdxOptions {
  /** A segment's key → the lifecycle event by which customers enter it. */
  events?: Record<string, string>;
  /** An activation's key → intent. */
  intents?: Record<string, string>;
  /** An activation's connection (free text) → channel. */
  channels?: Record<string, string>;
}

interface Context {
  file: string;
  /** The journey's name in ids: the file's name, which the tdx CLI makes from it. */
  stem: string;
  doc: Parsed;
  options: TdxOptions;
  problems: Problem[];
  templates: Map<string, Placed>;
  segments: Map<string, Placed>;
}

/** One journey file the tdx CLI pulled; `tdx` in tdx.ts is what the loaders see. */
export function readTdx(input: AdapterInput): AdapterOutput {
  const decoded = decodeText(input.file, input.bytes, MAX_YAML_BYTES);
  if ('problem' in decoded) return { fragments: [], problems: [decoded.problem] };
  const { parsed, problems } = parseDocument(input.file, decoded.text);
  if (!parsed) return { fragments: [], problems };
  const context: Context = {
    file: input.file,
    stem: path.basename(input.file).replace(/\.ya?ml$/i, ''),
    doc: parsed,
    options: input.options as TdxOptions,
    problems,
    templates: new Map(),
    segments: new Map(),
  };
  return builtOrUnreadable(input.file, problems, () => journeyFile(context));
}

/** The version to lint: the one marked `latest: true` (the one `tdx push` edits), or the only one. */
function versionPointer(doc: Parsed): string {
  if (Array.isArray(doc.get('/stages'))) return '';
  const versions = doc.list('/journeys');
  if (versions.length === 0) throw new Unreadable('a tdx journey needs journeys: (its versions, with stages) or stages:', doc.at(''));
  const latest = versions.findIndex((_, index) => doc.get(`/journeys/${index}/latest`) === true);
  if (latest !== -1) return `/journeys/${latest}`;
  if (versions.length === 1) return '/journeys/0';
  throw new Unreadable('several journey versions and none marked latest: true: cxlint lints the latest one', doc.at('/journeys'));
}

/** A segment the journey names: one of its own `segments:` keys, or `ref:<Segment Name>`, an existing segment made a stub here. */
function segmentId(reference: string, at: Location, context: Context): string {
  const id = idOf(context.stem, reference);
  if (!context.segments.has(id)) {
    const own = !reference.startsWith('ref:') && context.doc.get(`/segments/${reference.replace(/~/g, '~0').replace(/\//g, '~1')}`) !== undefined;
    const name = own ? context.doc.text(`/segments/${reference}/description`) : reference.slice('ref:'.length).trim() || undefined;
    if (!own && !reference.startsWith('ref:')) context.problems.push(problem(`segment "${reference}" is not among this journey's segments: (a shared one is written ref:<Segment Name>)`, at));
    context.segments.set(id, mapping(own ? context.doc.at(`/segments/${reference}`) : at, { id: placed(id, own ? context.doc.at(`/segments/${reference}`) : at), ...(name ? { name: placed(name, at) } : {}) }));
  }
  return id;
}

/** The template an activation step sends, once per activation: its channel and intent as the config maps them. */
function templateOf(activation: string, at: Location, context: Context): string {
  const id = idOf(context.stem, activation);
  if (context.templates.has(id)) return id;
  const pointer = `/activations/${activation.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  const known = context.doc.get(pointer) !== undefined;
  if (!known) context.problems.push(problem(`activation "${activation}" is not among this journey's activations:`, at));
  const connection = context.doc.text(`${pointer}/connection`);
  const channel = connection === undefined ? undefined : context.options.channels?.[connection];
  if (connection !== undefined && channel === undefined) {
    const message = `activation ${activation} goes through connection "${connection}", whose channel cxlint cannot tell: name it in cxlint.config.yaml: inputs: [{files: "${context.file}", format: tdx, channels: {"${connection}": <channel>}}]`;
    context.problems.push(problem(message, context.doc.at(`${pointer}/connection`), 'warning'));
  }
  const intent = context.options.intents?.[activation];
  const where = known ? context.doc.at(pointer) : at;
  context.templates.set(
    id,
    mapping(where, {
      id: placed(id, where),
      name: known ? (context.doc.text(`${pointer}/name`) !== undefined ? placed(context.doc.text(`${pointer}/name`)!, context.doc.at(`${pointer}/name`)) : undefined) : undefined,
      channel: channel === undefined ? undefined : placed(channel, context.doc.at(`${pointer}/connection`)),
      intent: intent === undefined ? undefined : placed(intent, where),
    }),
  );
  return id;
}

const UNITS: Record<string, string> = { day: 'D', days: 'D', week: 'W', weeks: 'W' };

/**
 * A wait's (or a condition's timeout's) `duration` + `unit` as an ISO 8601 duration. A duration or unit tdx journeys do
 * not use is an error of that one step, not of the file: the wait is read as no wait (P0D), as a `wait_until` is, so the
 * step keeps its place on the path and the rest of the journey is still linted. Left out, the step would be one with no
 * action and its path cut short, each a second finding about the same typo. (What follows it is placed as if no time
 * passed, as after a `wait_until`.)
 */
function durationOf(pointer: string, context: Context): string {
  const { doc } = context;
  const amount = doc.get(`${pointer}/duration`);
  const unit = UNITS[lower(doc.get(`${pointer}/unit`))];
  const whole = typeof amount === 'number' && Number.isInteger(amount) && amount >= 0;
  if (!whole) context.problems.push(problem('a wait needs a whole, non-negative duration: read as no wait (P0D)', doc.at(`${pointer}/duration`)));
  if (unit === undefined) context.problems.push(problem(`unit "${String(doc.get(`${pointer}/unit`) ?? '')}" is not one tdx journeys use: day or week; read as no wait (P0D)`, doc.at(`${pointer}/unit`)));
  return whole && unit !== undefined ? `P${amount}${unit}` : 'P0D';
}

function stage(stagePointer: string, index: number, context: Context): Placed {
  const { doc } = context;
  const stageName = doc.text(`${stagePointer}/name`) ?? `stage-${index + 1}`;
  const journeyId = idOf(context.stem, stageName);
  const steps = doc.list(`${stagePointer}/steps`).map((_, step) => `${stagePointer}/steps/${step}`);
  if (steps.length === 0) throw new Unreadable(`stage ${stageName} has no steps`, doc.at(stagePointer));
  // `next` names a step by its uuid where steps have one (as one source writes them), else by its exact name.
  const byReference = new Map<string, string>();
  for (const pointer of steps) {
    const name = doc.text(`${pointer}/name`);
    if (name === undefined) throw new Unreadable('a step needs a name', doc.at(pointer));
    const uuid = doc.text(`${pointer}/uuid`);
    if (byReference.has(name)) throw new Unreadable(`step name "${name}" is used twice in stage ${stageName}: a next could not tell them apart`, doc.at(`${pointer}/name`));
    byReference.set(name, pointer);
    if (uuid !== undefined) byReference.set(uuid, pointer);
  }
  const stepId = (pointer: string): string => idOf(doc.text(`${pointer}/name`)!);
  let exitAt: Location | undefined;
  const exitId = byReference.has('exit') ? `exit-${steps.length + 1}` : 'exit';
  const resolve = (nextPointer: string): string => {
    const next = doc.text(nextPointer);
    const target = next === undefined ? undefined : byReference.get(next);
    if (next !== undefined && target === undefined) context.problems.push(problem(`next "${next}" names no step of stage ${stageName}: the path ends there`, doc.at(nextPointer)));
    if (target !== undefined) return stepId(target);
    exitAt ??= doc.at(nextPointer);
    return exitId;
  };
  const rootName = doc.text(`${stagePointer}/root_step`);
  const root = rootName === undefined ? steps[0]! : byReference.get(rootName);
  if (root === undefined) throw new Unreadable(`root_step "${rootName}" names no step of stage ${stageName}`, doc.at(`${stagePointer}/root_step`));
  const built = [root, ...steps.filter((pointer) => pointer !== root)].map((pointer) => {
    const at = doc.at(pointer);
    const id = placed(stepId(pointer), doc.at(`${pointer}/name`));
    // Only the steps that go on read their `next`: a conditional wait leads on through its condition and timeout.
    const next = (): Placed => placed(resolve(`${pointer}/next`), doc.at(`${pointer}/next`));
    const type = lower(doc.text(`${pointer}/type`));
    const typeAt = doc.at(`${pointer}/type`);
    const opaque = (what: string, at2: Location) => mapping(at2, { event: placed(`tdx:${idOf(context.stem, what)}`, at2), within: placed('PT0S', at2) });
    switch (type) {
      case 'activation': {
        const activation = doc.text(`${pointer}/with/activation`);
        if (activation === undefined) throw new Unreadable('an activation step needs with.activation', doc.at(`${pointer}/with`));
        return mapping(at, { id, send: placed(templateOf(activation, doc.at(`${pointer}/with/activation`), context), doc.at(`${pointer}/with/activation`)), next: next() });
      }
      case 'wait': {
        const condition = `${pointer}/with/condition`;
        if (doc.get(condition) !== undefined) {
          const segment = doc.text(`${condition}/segment`) ?? '';
          const within = doc.get(`${condition}/timeout`) !== undefined ? durationOf(`${condition}/timeout`, context) : 'PT0S';
          return mapping(at, {
            id,
            branch: placed(
              [
                mapping(doc.at(condition), {
                  when: mapping(doc.at(`${condition}/segment`), { event: placed(`tdx:${segmentId(segment, doc.at(`${condition}/segment`), context)}`, doc.at(`${condition}/segment`)), within: placed(within, doc.at(`${condition}/timeout`)) }),
                  next: placed(resolve(`${condition}/next`), doc.at(`${condition}/next`)),
                }),
                mapping(doc.at(`${condition}/timeout`), { otherwise: placed(true, doc.at(`${condition}/timeout`)), next: placed(resolve(`${condition}/timeout/next`), doc.at(`${condition}/timeout/next`)) }),
              ],
              doc.at(condition),
            ),
          });
        }
        for (const field of ['wait_until', 'days_of_week']) {
          if (doc.get(`${pointer}/with/${field}`) !== undefined) {
            context.problems.push(problem(`a wait with ${field} depends on the calendar, which cxlint cannot place on a journey's relative timeline: read as ${field === 'wait_until' ? 'no wait (P0D)' : 'its duration alone'}`, doc.at(`${pointer}/with/${field}`), 'warning'));
          }
        }
        const duration = doc.get(`${pointer}/with/duration`) !== undefined ? durationOf(`${pointer}/with`, context) : 'P0D';
        return mapping(at, { id, wait: placed(duration, doc.at(`${pointer}/with`)), next: next() });
      }
      case 'decision_point':
      case 'ab_test': {
        const list = type === 'ab_test' ? 'variants' : 'branches';
        const options = doc.list(`${pointer}/with/${list}`).map((_, option) => {
          const optionPointer = `${pointer}/with/${list}/${option}`;
          const optionAt = doc.at(optionPointer);
          const last = option === doc.list(`${pointer}/with/${list}`).length - 1;
          // An A/B test always takes one variant: its last is the way out when no other is drawn.
          const otherwise = type === 'ab_test' ? last : doc.get(`${optionPointer}/excluded`) === true;
          const nextOf = placed(resolve(`${optionPointer}/next`), doc.at(`${optionPointer}/next`));
          if (otherwise) return mapping(optionAt, { otherwise: placed(true, optionAt), next: nextOf });
          const segment = doc.text(`${optionPointer}/segment`);
          const when =
            type === 'decision_point' && segment !== undefined
              ? mapping(optionAt, { event: placed(`tdx:${segmentId(segment, doc.at(`${optionPointer}/segment`), context)}`, doc.at(`${optionPointer}/segment`)), within: placed('PT0S', optionAt) })
              : opaque(`${stageName}/${doc.text(`${pointer}/name`)!}/${doc.text(`${optionPointer}/name`) ?? String(option + 1)}`, optionAt);
          return mapping(optionAt, { when, next: nextOf });
        });
        if (options.length === 0) throw new Unreadable(`a ${type} step needs with.${list}`, doc.at(`${pointer}/with`));
        return mapping(at, { id, branch: placed(options, doc.at(`${pointer}/with/${list}`)) });
      }
      case 'merge':
        // Paths join here and go on: a wait of no time keeps the step (and what leads to it) in place.
        return mapping(at, { id, wait: placed('P0D', typeAt), next: next() });
      case 'jump': {
        const target = [doc.text(`${pointer}/with/target/journey`), doc.text(`${pointer}/with/target/stage`)].filter(Boolean).join(' / ');
        context.problems.push(problem(`step ${stepId(pointer)} jumps to ${target || 'another stage'}: cxlint follows each stage as a journey of its own, so the path ends here`, typeAt, 'info'));
        return mapping(at, { id, exit: placed(true, typeAt) });
      }
      case 'end':
        return mapping(at, { id, exit: placed(true, typeAt) });
      default:
        throw new Unreadable(`step type "${doc.text(`${pointer}/type`) ?? ''}" is not one of activation, wait, decision_point, ab_test, merge, jump, end`, typeAt);
    }
  });
  if (exitAt) built.push(mapping(exitAt, { id: placed(exitId, exitAt), exit: placed(true, exitAt) }));
  const entrySegment = doc.text(`${stagePointer}/entry_criteria/segment`);
  const entryAt = doc.at(`${stagePointer}/entry_criteria/segment`);
  if (entrySegment === undefined) throw new Unreadable(`stage ${stageName} has no entry_criteria.segment: cxlint cannot tell who enters it`, doc.at(stagePointer));
  const event = context.options.events?.[entrySegment];
  if (event === undefined) {
    const message =
      `stage ${stageName} is entered by joining segment ${entrySegment}, at no lifecycle event: cxlint places it on relative timelines only; ` +
      `to date its runs, name the event in cxlint.config.yaml: inputs: [{files: "${context.file}", format: tdx, events: {"${entrySegment}": LIFECYCLE_EVENT}}] (the lifecycle event it stands for, such as signup or lease_end)`;
    context.problems.push(problem(message, entryAt, 'info'));
  }
  return mapping(doc.at(stagePointer), {
    id: placed(journeyId, doc.at(`${stagePointer}/name`)),
    name: placed([doc.text('/name'), stageName].filter(Boolean).join(' — '), doc.at(`${stagePointer}/name`)),
    entry: mapping(entryAt, { segment: placed(segmentId(entrySegment, entryAt, context), entryAt), event: placed(event ?? `tdx:${idOf(context.stem, entrySegment)}/entered`, entryAt) }),
    steps: placed(built, doc.at(`${stagePointer}/steps`)),
  });
}

function journeyFile(context: Context): Placed | undefined {
  const { doc } = context;
  if (doc.value === null || typeof doc.value !== 'object' || Array.isArray(doc.value)) throw new Unreadable('a tdx journey file holds one mapping', doc.at(''));
  const version = versionPointer(doc);
  const stages = doc.list(`${version}/stages`);
  if (stages.length === 0) throw new Unreadable('the journey has no stages', doc.at(version === '' ? '' : `${version}`));
  const journeys = stages.map((_, index) => stage(`${version}/stages/${index}`, index, context));
  return mapping(doc.at(''), {
    ...(context.segments.size ? { segments: placed([...context.segments.values()], doc.at('/segments')) } : {}),
    ...(context.templates.size ? { templates: placed([...context.templates.values()], doc.at('/activations')) } : {}),
    journeys: placed(journeys, doc.at(version === '' ? '/stages' : `${version}/stages`)),
  });
}
