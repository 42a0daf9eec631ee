import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { readPlan, timelinesOf } from '../engine/lint.js';
import { html } from '../reporters/html.js';
import { timelineJson, timelineText } from '../reporters/timeline.js';
import { didYouMean } from '../shared/did-you-mean.js';
import { planView } from '../timeline/plan-view.js';
import type { Timelines } from '../timeline/build.js';
import type { TimelineView } from '../timeline/view.js';
import { timelineView } from '../timeline/view.js';
import { configShown, runStarted } from '../reporters/report.js';
import { outputSpecs, refuseClashes, targetsOf, writeOutput } from './output.js';
import { addPlanOptions, collect } from './plan-options.js';

export interface TimelineFlags {
  segment?: string[];
  from?: string;
  to?: string;
  format?: string[];
  output?: string;
  config?: string | false;
  debug?: boolean;
}

interface Shown {
  timelines: Timelines;
  /** The text and JSON formats' view, built once for both. */
  view: () => TimelineView;
  /** The segments `--segment` named, if any. */
  listed?: string[];
  version: string;
  /** What the HTML page says of the run: the config, when it started. */
  config?: string;
  time: string;
  summary: { files: number; segments: number; sends: number };
}

/**
 * `-f html` draws the same page as `cxlint check -f html` without running a rule (findings are `cxlint check`'s job):
 * the plan's timelines, the segment picker offering the segments `--segment` names.
 */
const FORMATS: Record<string, (shown: Shown) => Iterable<string>> = {
  text: ({ view }) => [timelineText(view())],
  json: ({ view, version }) => [timelineJson(view(), version)],
  html: ({ timelines, listed, version, config, time, summary }) =>
    html(
      {
        version,
        root: process.cwd(),
        findings: [],
        suppressed: [],
        summary: { ...summary, errors: 0, warnings: 0, infos: 0, suppressed: 0 },
        picture: { view: planView(timelines, listed), config, time, checked: false },
      },
      { color: false },
    ),
};

/** `cxlint timeline`: prints what cxlint believes will happen to each segment. Exit 1 when the plan has input errors. */
export async function runTimeline(paths: string[], flags: TimelineFlags, version: string, debug: ((message: string) => void) | undefined): Promise<number> {
  const specs = outputSpecs(flags.format, flags.output, Object.keys(FORMATS), 'text');
  const time = runStarted();
  const targets = await targetsOf(specs, process.cwd());
  const read = await readPlan({
    cwd: process.cwd(),
    paths,
    configFile: typeof flags.config === 'string' ? flags.config : undefined,
    noConfig: flags.config === false,
    debug,
  });
  const { plan, config, problems, files } = read;
  refuseClashes(targets.filter((target) => target !== undefined), files);
  const wanted = flags.segment ?? [];
  for (const id of wanted) {
    if (plan.segments.has(id)) continue;
    const hint = didYouMean(id, plan.segments.keys());
    throw new UsageError(`--segment ${id}: no such segment${hint ? `; did you mean "${hint}"?` : ''}`);
  }
  const timelines = timelinesOf(plan, config, { from: flags.from, to: flags.to });
  const segments = wanted.length ? wanted : [...plan.segments.keys()].sort();
  let view: TimelineView | undefined;
  const shown: Shown = {
    timelines,
    view: () => (view ??= timelineView(timelines, segments, wanted.length > 0)),
    listed: wanted.length ? wanted : undefined,
    version,
    config: configShown(read, process.cwd()),
    time,
    summary: read.summary,
  };
  for (const [index, spec] of specs.entries()) {
    await writeOutput(targets[index], FORMATS[spec.format]!(shown));
  }
  if (problems.length === 0) return 0;
  process.stderr.write(`cxlint: the plan has ${problems.length} input problem${problems.length === 1 ? '' : 's'}; run cxlint check to see them\n`);
  return 1;
}

export function addTimelineOptions(command: Command): Command {
  return addPlanOptions(command)
    .option('--segment <id>', 'show this segment (repeatable; default: every segment)', collect)
    .option('-f, --format <name[:file]>', 'output format (text, json, html), optionally to a file; repeatable', collect)
    .option('-o, --output <file>', 'write the timeline to a file instead of standard output')
    .option('--no-color', 'no colour in the output (the timeline text has none)');
}
