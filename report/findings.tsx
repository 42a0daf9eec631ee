import { useMemo } from 'preact/hooks';
import type { FindingView } from '../src/reporters/page-data.js';
import type { Model, Severity } from './model.js';
import { SEVERITIES } from './model.js';
import { shown } from './text.js';
import { VirtualList } from './virtual-list.js';

export interface Filters {
  severities: Severity[];
  category: string;
  rule: string;
  /** A segment index, or -1 for every segment. */
  segment: number;
  text: string;
}

export const NO_FILTER: Filters = { severities: [...SEVERITIES], category: '', rule: '', segment: -1, text: '' };

/** The findings the filters let through, as indices, in report order. */
export function filtered(model: Model, filters: Filters): number[] {
  const text = filters.text.trim().toLowerCase();
  const pool = filters.segment >= 0 ? model.bySegment[filters.segment]! : model.findings.map((_, index) => index);
  return pool.filter((index) => {
    const finding = model.findings[index]!;
    if (!filters.severities.includes(finding.severity)) return false;
    if (filters.category && finding.category !== filters.category) return false;
    if (filters.rule && finding.rule !== filters.rule) return false;
    if (!text) return true;
    return `${finding.message} ${finding.rule} ${model.fileLine(finding.file, finding.line)}`.toLowerCase().includes(text);
  });
}

const SYMBOL: Record<Severity, string> = { error: '◆', warning: '▲', info: '●' };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span class={`severity severity-${severity}`}>
      <span aria-hidden="true">{SYMBOL[severity]}</span> {severity}
    </span>
  );
}

interface Props {
  model: Model;
  filters: Filters;
  onFilters: (filters: Filters) => void;
  shownFindings: number[];
  selected?: number;
  onSelect: (index: number) => void;
}

function segmentsText(model: Model, finding: FindingView): string {
  const ids = finding.segments.slice(0, 3).map((index) => shown(model.segment(index).id));
  const more = finding.segments.length - ids.length;
  return ids.length ? `${ids.join(', ')}${more > 0 ? ` +${more}` : ''}` : '';
}

/** The findings list with its filters (severity, category, rule, segment, text); a click or Enter selects a finding. */
export function FindingsPanel({ model, filters, onFilters, shownFindings, selected, onSelect }: Props) {
  // Counted once: the panel redraws on every move of the timeline, and a plan can have 60,000 findings.
  const counts = useMemo(() => model.countBy((finding) => finding.severity), [model]);
  const withFindings = useMemo(() => model.plan.segments.flatMap((_, index) => (model.bySegment[index]!.length ? [index] : [])), [model]);
  const set = (patch: Partial<Filters>): void => onFilters({ ...filters, ...patch });
  return (
    <section class="findings" aria-labelledby="findings-title">
      <h2 id="findings-title">
        Findings <span class="count" data-testid="shown-count">{shownFindings.length}</span>
        <span class="of"> of {model.findings.length}</span>
      </h2>
      <form class="filters" onSubmit={(event) => event.preventDefault()}>
        <fieldset class="severities">
          <legend>Severity</legend>
          {SEVERITIES.map((severity) => (
            <label key={severity}>
              <input
                type="checkbox"
                name="severity"
                value={severity}
                checked={filters.severities.includes(severity)}
                onChange={(event) => {
                  const on = (event.currentTarget as HTMLInputElement).checked;
                  set({ severities: SEVERITIES.filter((s) => (s === severity ? on : filters.severities.includes(s))) });
                }}
              />
              <SeverityBadge severity={severity} /> ({counts.get(severity) ?? 0})
            </label>
          ))}
        </fieldset>
        <Choice label="Category" name="category" value={filters.category} all="" options={model.categories.map((category) => [category, category])} onChange={(category) => set({ category })} />
        <Choice label="Rule" name="rule" value={filters.rule} all="" options={model.rules.map((rule) => [rule, rule])} onChange={(rule) => set({ rule })} />
        <Choice
          label="Segment"
          name="segment"
          value={String(filters.segment)}
          all="-1"
          options={withFindings.map((index) => [String(index), shown(model.segment(index).id)])}
          onChange={(segment) => set({ segment: Number(segment) })}
        />
        <label class="search">
          Search
          <input type="search" name="text" value={filters.text} placeholder="message, rule or file" onInput={(event) => set({ text: (event.currentTarget as HTMLInputElement).value })} />
        </label>
      </form>
      {shownFindings.length === 0 ? (
        <p class="empty">{model.findings.length === 0 ? (model.data.checked ? 'No problems found.' : 'No rules were run (cxlint timeline).') : 'No finding matches the filters.'}</p>
      ) : (
        <VirtualList
          items={shownFindings}
          rowHeight={92}
          label="findings"
          className="finding-list"
          reveal={selected === undefined ? undefined : shownFindings.indexOf(selected)}
          render={(index) => {
            const finding = model.findings[index]!;
            return (
              <div class={`finding${index === selected ? ' selected' : ''}`} data-finding={index} data-rule={finding.rule} data-severity={finding.severity}>
                <button type="button" aria-pressed={index === selected} onClick={() => onSelect(index)}>
                  <SeverityBadge severity={finding.severity} /> <span class="message">{shown(finding.message)}</span>
                </button>
                <div class="meta">
                  <a href={`${model.data.docs}${encodeURIComponent(finding.rule)}.md`} target="_blank" rel="noopener noreferrer">
                    {finding.rule}
                  </a>
                  <span class="where">{shown(model.fileLine(finding.file, finding.line))}</span>
                  <span class="segments">{segmentsText(model, finding)}</span>
                </div>
              </div>
            );
          }}
        />
      )}
    </section>
  );
}

/** A filter's drop-down: `all` first, then each option's value and the text shown for it. */
function Choice({ label, name, value, all, options, onChange }: { label: string; name: string; value: string; all: string; options: Array<[string, string]>; onChange: (value: string) => void }) {
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value)}>
        <option value={all}>all</option>
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
