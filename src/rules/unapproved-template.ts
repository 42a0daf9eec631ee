import type { Plan, Send, Source, Template } from '../model/types.js';
import { locationOf } from '../model/types.js';
import type { Timelines } from '../timeline/build.js';
import type { Rule } from './rule.js';
import { segmentsText } from './kit/sends.js';

/** The segments a calendar send reaches (SPEC 5): each addressed segment, the segments below it, and those declared to overlap it. */
function reachedByCalendar(plan: Plan, timelines: Timelines, addressed: string[]): string[] {
  const reached = new Set<string>();
  for (const id of addressed) {
    const segment = plan.segments.get(id);
    if (!segment) continue;
    for (const below of timelines.subtree(id)) reached.add(below);
    for (const other of segment.overlaps) if (plan.segments.has(other)) reached.add(other);
  }
  return [...reached].sort();
}

/** The segments a journey's sends reach: its entry segment and every segment below it. */
function reachedByJourney(plan: Plan, timelines: Timelines, entry: string): string[] {
  return plan.segments.has(entry) ? timelines.subtree(entry).sort() : [];
}

const unapproved = (template: Template | undefined): template is Template & { status: 'draft' | 'review' } =>
  template?.status === 'draft' || template?.status === 'review';

function message(template: Template & { status: string }, segments: string[]): string {
  const reach = segments.length > 0 ? `; it reaches ${segmentsText(segments)}` : '';
  return `${template.id} is sent but its status is ${template.status}, not approved${reach}`;
}

/** The calendar rows of each template that is not approved, by template: the engine visits templates, not rows. */
function unapprovedRows(plan: Plan): Map<string, Send[]> {
  const rows = new Map<string, Send[]>();
  for (const send of plan.sends) {
    if (!unapproved(plan.templates.get(send.template))) continue;
    const list = rows.get(send.template);
    if (list) list.push(send);
    else rows.set(send.template, [send]);
  }
  return rows;
}

/**
 * A send (calendar row or journey step) of a template whose `status` is `draft` or `review`: content nobody signed off
 * would reach customers. Templates without a `status` are not checked. One finding per send, whatever its recurrences,
 * listing the segments it reaches.
 */
export const unapprovedTemplate: Rule = {
  id: 'unapproved-template',
  category: 'content',
  defaultSeverity: 'warning',
  description: 'A send of a template whose status is draft or review.',
  fixable: false,
  create({ plan, timelines, report }) {
    const rowsOf = unapprovedRows(plan);
    // Many rows address the same segments: work out what they reach once.
    const reached = new Map<string, string[]>();
    const reachedBy = (send: Send): string[] => {
      const key = send.segments.join('\u0000');
      return reached.get(key) ?? reached.set(key, reachedByCalendar(plan, timelines, send.segments)).get(key)!;
    };
    /** One finding at the calendar row or journey step that sends the template. */
    const reportAt = (item: { source: Source; key: string }, template: Template & { status: string }, segments: string[], campaign: string | undefined): void => {
      report({ message: message(template, segments), location: locationOf(item.source), segments, ids: [item.key, template.id], campaign });
    };
    return {
      onTemplate(template) {
        if (!unapproved(template)) return;
        for (const send of rowsOf.get(template.id) ?? []) {
          reportAt(send, template, reachedBy(send), send.campaign ?? template.campaign);
        }
      },
      onJourney(journey) {
        for (const step of journey.steps) {
          if (step.action.kind !== 'send') continue;
          const template = plan.templates.get(step.action.template);
          if (!unapproved(template)) continue;
          reportAt(step, template, reachedByJourney(plan, timelines, journey.entry.segment), template.campaign ?? journey.campaign);
        }
      },
    };
  },
};
