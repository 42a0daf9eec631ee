import type { EntryView, TimelineView } from '../timeline/view.js';
import { safeJson, safeText } from './sanitize.js';

function changesText(entry: EntryView): string {
  return entry.changes.map((change) => (change.from === undefined ? `${change.state}: ${change.to}` : `${change.state}: ${change.from} → ${change.to}`)).join(', ');
}

function originText(entry: EntryView): string {
  const path = entry.journey?.path ? ` [${entry.journey.path.length ? entry.journey.path.join(' › ') : 'entry'}]` : '';
  const where = entry.journey ? `journey ${entry.journey.id} › ${entry.journey.step}${path}` : `${entry.source.file}:${entry.source.line}`;
  const delivered = entry.delivered === false ? ', not delivered: suppressed' : '';
  if (entry.via === 'ancestor') return `${where} (sent to ${entry.segment}${delivered})`;
  if (entry.via === 'overlap') return `${where} (sent to ${entry.segment}, which overlaps${delivered})`;
  return delivered ? `${where} (not delivered: suppressed)` : where;
}

/** Lines of a block, in aligned columns: time, channel, template, intent, origin, state changes. */
function block(entries: EntryView[]): string[] {
  const rows = entries.map((entry) => [entry.local, entry.channel ?? '-', entry.template, entry.intent ?? '-', originText(entry), changesText(entry)].map(safeText));
  const widths = [0, 1, 2, 3, 4].map((column) => Math.max(0, ...rows.map((row) => row[column]!.length)));
  return rows.map((row) => `  ${row.map((cell, column) => (column < 5 && row[5] !== '' ? cell.padEnd(widths[column]!) : column < 4 ? cell.padEnd(widths[column]!) : cell)).join('  ').trimEnd()}`);
}

/** `cxlint timeline` for people: one block per segment, one line per send, then journeys on their own relative timelines. */
export function timelineText(view: TimelineView): string {
  const lines: string[] = [`horizon ${safeText(view.horizon.text)}`];
  for (const segment of view.segments) {
    const suppressed = segment.suppressed ? ', suppressed: no marketing is delivered' : '';
    const title = `${segment.id}${segment.name ? ` — ${segment.name}` : ''} (${segment.timezones.join(', ')}${suppressed})`;
    lines.push('', safeText(title));
    lines.push(...(segment.entries.length ? block(segment.entries) : ['  no sends reach this segment in the horizon']));
  }
  for (const journey of view.relativeJourneys) {
    const trigger = journey.event ? `T = ${journey.event}` : 'T = entry';
    const truncated = journey.truncated ? `, stopped after ${journey.paths} paths` : '';
    lines.push('', safeText(`journey ${journey.journey}, relative (${trigger}), for the segments of ${journey.segment} with no date for it${truncated}`));
    lines.push(...(journey.entries.length ? block(journey.entries) : ['  no sends']));
  }
  return `${lines.join('\n')}\n`;
}

/** `cxlint timeline -f json`: the documented, stable shape of docs/timeline.md. */
export function timelineJson(view: TimelineView, version: string): string {
  return `${safeJson(JSON.stringify({ tool: { name: 'cxlint', version }, ...view }, null, 2))}\n`;
}
