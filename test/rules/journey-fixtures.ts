import type { ResolvedConfig } from '../../src/config/resolve.js';
import { runRules } from '../../src/engine/rules.js';
import type { Problem } from '../../src/findings/finding.js';
import type { Rule } from '../../src/rules/rule.js';
import type { Timelines } from '../../src/timeline/build.js';
import { model } from '../model/helpers.js';

/** Segments and templates shared by the journey rules' tests: journeys.yaml is each test's own. */
export const lines = (...text: string[]): string => `${text.join('\n')}\n`;

export const segments = lines(
  'segments:',
  '  - id: customers',
  '    events: {vehicle_returned: 2026-07-07}',
  '  - id: lessees',
  '    parent: customers',
  '  - id: lessees-june',
  '    parent: lessees',
  '    events: {lease_end: 2026-06-30}',
  '  - id: prospects',
);

export const templates = lines(
  'templates:',
  '  - {id: hello, channel: email, intent: service, content: {en-US: {body: Hello}}}',
  '  - {id: reminder, channel: email, intent: reminder, content: {en-US: {body: Reminder}}}',
);

/** A plan whose journeys.yaml holds the given lines under `journeys:`. */
export const plan = (...journeys: string[]): Record<string, string> => ({
  'segments.yaml': segments,
  'templates.yaml': templates,
  'journeys.yaml': lines('journeys:', ...journeys),
});

/**
 * Runs one rule (through the engine) on the model alone, with timelines that place nothing: for journeys so large that building
 * their timelines would cost more than the rule, which reads only the step graph.
 */
export function checkGraph(rule: Rule<never>, files: Record<string, string>, options: Record<string, unknown> = rule.defaultOptions ?? {}): Problem[] {
  const { plan, problems } = model(files);
  if (problems.length > 0) throw new Error(`the test plan has input problems: ${problems.map((p) => p.message).join('; ')}`);
  const timelines = { relativeRuns: [], segmentGroups: () => [], subtree: (id: string) => [id], runsFor: () => [], overlapPairs: () => [] } as unknown as Timelines;
  const config = { rules: new Map([[rule.id, { severity: 'error', options, at: () => '' }]]), overrides: [] } as unknown as ResolvedConfig;
  return [...runRules(plan, timelines, config)];
}

/** `count` branches in a row, each on two events and otherwise: 3^count paths. */
export function branchy(count: number): string[] {
  const steps: string[] = [];
  for (let i = 0; i < count; i += 1) {
    steps.push(`      - {id: b${i}, branch: [{when: {event: opened, within: P1D}, next: s${i}}, {when: {event: clicked, within: P1D}, next: s${i}}, {otherwise: true, next: s${i}}]}`);
    steps.push(`      - {id: s${i}, send: hello}`);
  }
  return steps;
}
