import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { readPlan, timelinesOf } from '../engine/lint.js';
import { timelineJson, timelineText } from '../reporters/timeline.js';
import { didYouMean } from '../shared/did-you-mean.js';
import { timelineView } from '../timeline/view.js';
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

const FORMATS: Record<string, (view: ReturnType<typeof timelineView>, version: string) => string> = {
  text: (view) => timelineText(view),
  json: (view, version) => timelineJson(view, version),
};

/** `cxlint timeline`: prints what cxlint believes will happen to each segment. Exit 1 when the plan has input errors. */
export async function runTimeline(paths: string[], flags: TimelineFlags, version: string, debug: ((message: string) => void) | undefined): Promise<number> {
  const specs = outputSpecs(flags.format, flags.output, Object.keys(FORMATS), 'text');
  const targets = await targetsOf(specs, process.cwd());
  const { plan, config, problems, files } = await readPlan({
    cwd: process.cwd(),
    paths,
    configFile: typeof flags.config === 'string' ? flags.config : undefined,
    noConfig: flags.config === false,
    debug,
  });
  refuseClashes(targets.filter((target) => target !== undefined), files);
  const wanted = flags.segment ?? [];
  for (const id of wanted) {
    if (plan.segments.has(id)) continue;
    const hint = didYouMean(id, plan.segments.keys());
    throw new UsageError(`--segment ${id}: no such segment${hint ? `; did you mean "${hint}"?` : ''}`);
  }
  const timelines = timelinesOf(plan, config, { from: flags.from, to: flags.to });
  const segments = wanted.length ? wanted : [...plan.segments.keys()].sort();
  const view = timelineView(timelines, segments, wanted.length > 0);
  for (const [index, spec] of specs.entries()) {
    await writeOutput(targets[index], [FORMATS[spec.format]!(view, version)]);
  }
  if (problems.length === 0) return 0;
  process.stderr.write(`cxlint: the plan has ${problems.length} input problem${problems.length === 1 ? '' : 's'}; run cxlint check to see them\n`);
  return 1;
}

export function addTimelineOptions(command: Command): Command {
  return addPlanOptions(command)
    .option('--segment <id>', 'show this segment (repeatable; default: every segment)', collect)
    .option('-f, --format <name[:file]>', 'output format (text, json), optionally to a file; repeatable', collect)
    .option('-o, --output <file>', 'write the timeline to a file instead of standard output')
    .option('--no-color', 'no colour in the output (the timeline text has none)');
}
