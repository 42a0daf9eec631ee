import { useEffect, useMemo, useState } from 'preact/hooks';
import type { FindingView } from '../src/reporters/page-data.js';
import { FindingsPanel, NO_FILTER, SeverityBadge, filtered } from './findings.js';
import type { Filters } from './findings.js';
import type { Mark, MarksBySource, Model, SegmentTimeline, Severity } from './model.js';
import { SEVERITIES, bySource, marksOf, worse } from './model.js';
import { SegmentPicker } from './picker.js';
import type { Highlights, StateBand, Zoom } from './swimlanes.js';
import { MarkShape, RelativeRun, Swimlanes, ZOOMS } from './swimlanes.js';
import { shown } from './text.js';
import { localText, relativeText } from './time.js';

const counted = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** A segment's timeline with what the page draws on it: its marks indexed, each mark's worst finding, loose findings. */
interface Drawn {
  timeline: SegmentTimeline;
  all: MarksBySource;
  relative: MarksBySource;
  severity: Map<string, Severity>;
  loose: Array<{ millis: number; severity: Severity; key: string; text: string }>;
  bands: StateBand[];
}

function draw(model: Model, segment: number): Drawn {
  const timeline = model.timeline(segment);
  const all = bySource(timeline.marks);
  const relative = bySource(timeline.relative.flatMap((run) => run.marks));
  const severity = new Map<string, Severity>();
  const loose: Drawn['loose'] = [];
  for (const index of model.bySegment[segment]!) {
    const finding = model.findings[index]!;
    const { primary } = locate(model, finding, { all, relative });
    if (primary) severity.set(primary.key, worse(severity.get(primary.key), finding.severity));
    else if (finding.at) loose.push({ millis: Date.parse(finding.at), severity: finding.severity, key: `finding-${index}`, text: `${finding.severity}: ${shown(finding.message)}` });
  }
  return { timeline, all, relative, severity, loose, bands: bandsOf(model, timeline) };
}

/** Each state as a band of values over time (initial states and dated events), with journeys' changes as markers. */
function bandsOf(model: Model, timeline: SegmentTimeline): StateBand[] {
  const { from, to } = model.plan.horizon;
  const bands = new Map<string, StateBand>();
  const band = (state: string): StateBand => bands.get(state) ?? bands.set(state, { state, spans: [], markers: [] }).get(state)!;
  for (const [state, value] of Object.entries(timeline.initial)) band(state).spans.push({ from, to, value, cause: 'initial' });
  for (const [millis, event, sets, source] of [...timeline.events].sort((a, b) => a[0] - b[0])) {
    const [file, line] = model.plan.sources[source]!;
    for (const [state, value] of Object.entries(sets)) {
      const spans = band(state).spans;
      const last = spans.at(-1);
      if (last && last.from < millis) last.to = millis;
      else if (last) spans.pop();
      spans.push({ from: Math.max(millis, from), to, value, cause: `${event}, ${model.fileLine(file, line)}` });
    }
  }
  const runs = new Set(timeline.marks.flatMap((mark) => (mark.run === undefined ? [] : [mark.run])));
  for (const run of runs) {
    for (const [millis, sets, source, first, last] of model.plan.runs[run]!.changes) {
      const name = model.plan.sources[source]?.[3] ?? '';
      for (const [state, value] of Object.entries(sets)) {
        const paths = model.plan.runs[run]!.paths > 1 ? ` (paths ${first + 1}–${last + 1} of ${model.plan.runs[run]!.paths})` : '';
        band(state).markers.push({ millis, text: `${shown(name)} sets ${shown(state)} = ${shown(value)}${paths}` });
      }
    }
  }
  return [...bands.values()];
}

function describer(model: Model, zone: string, trigger?: number): (mark: Mark) => string {
  return (mark) => {
    const template = model.plan.templates[mark.template]!;
    const [file, line, , name] = model.plan.sources[mark.source]!;
    const when = trigger === undefined ? localText(zone, mark.millis) : relativeText(mark.millis - trigger);
    const origin = name.startsWith('journey ') ? name : `${model.fileLine(file, line)}${name ? ` (${name})` : ''}`;
    const via = mark.via === 'segment' ? '' : ` — sent to ${model.segment(mark.segment).id}${mark.via === 'overlap' ? ', which overlaps' : ''}`;
    const title = template.name ? ` ${template.name}` : '';
    const about = [template.intent, template.campaign && `campaign ${template.campaign}`, template.owner && `by ${template.owner}`].filter(Boolean).join(', ');
    return shown(`${when} ${template.id}${title}${about ? ` (${about})` : ''}${template.subject ? ` “${template.subject}”` : ''} — ${origin}${via}`);
  };
}

function Header({ model }: { model: Model }) {
  const { data, plan } = model;
  const severities = useMemo(() => model.countBy((finding) => finding.severity), [model]);
  const categories = useMemo(() => model.countBy((finding) => finding.category), [model]);
  // Each occurrence of a recurring row, each journey send on each run: what the timelines hold, each counted once.
  const placed = useMemo(() => plan.segments.reduce((sum, segment) => sum + segment.sends.length, 0) + plan.runs.reduce((sum, run) => sum + run.sends.length, 0), [plan]);
  return (
    <header class="report-header">
      <h1>{data.checked ? 'cxlint report' : 'cxlint timeline'}</h1>
      <dl class="facts">
        <div>
          <dt>Plan</dt>
          <dd>
            {counted(data.summary.files, 'file')}, {counted(data.summary.segments, 'segment')}, {counted(data.summary.sends, 'send')} (rows and journey steps; {placed} on the timelines), {counted(plan.journeys, 'journey')}
          </dd>
        </div>
        <div>
          <dt>Horizon</dt>
          <dd>
            {shown(plan.horizon.text)}
          </dd>
        </div>
        <div>
          <dt>Config</dt>
          <dd>{data.config === undefined ? 'none (cxlint:recommended)' : shown(data.config)}</dd>
        </div>
        <div>
          <dt>Run</dt>
          <dd>
            cxlint {data.tool.version}, <time dateTime={data.time}>{data.time.replace('T', ' ').slice(0, 16)} UTC</time>
          </dd>
        </div>
      </dl>
      <div class="totals" aria-label="totals">
        {data.checked ? (
          <>
            {SEVERITIES.map((severity) => (
              <span key={severity} class="total">
                <SeverityBadge severity={severity} />: <strong data-testid={`total-${severity}`}>{severities.get(severity) ?? 0}</strong>
              </span>
            ))}
            <span class="total">suppressed: {data.summary.suppressed}</span>
            {model.categories.map((category) => (
              <span key={category} class="total category">
                {category}: {categories.get(category)}
              </span>
            ))}
          </>
        ) : (
          <span class="total">No rules were run: this is the plan's timeline only (cxlint check -f html draws the findings on it).</span>
        )}
      </div>
    </header>
  );
}

/** The page opens on the segment with the most findings (the first listed when none has any). */
function firstSegment(model: Model): number {
  const listed = model.plan.listed ?? model.plan.segments.map((_, index) => index);
  let best = listed[0] ?? -1;
  for (const index of listed) if (model.bySegment[index]!.length > model.bySegment[best]!.length) best = index;
  return best;
}

/**
 * The marks a finding concerns on a drawn timeline. A finding with `after` stands on a journey's own timeline; one with
 * `at` at a journey step may still be drawn there, for a segment with no date for the journey's entry event.
 */
function locate(model: Model, finding: FindingView, drawn: Pick<Drawn, 'all' | 'relative'>): { primary?: Mark; related: Mark[] } {
  const [first, second] = finding.after ? [drawn.relative, drawn.all] : [drawn.all, drawn.relative];
  const found = marksOf(model, finding, first);
  return found.primary ? found : marksOf(model, finding, second);
}

export function App({ model }: { model: Model }) {
  const [segment, setSegment] = useState(() => firstSegment(model));
  const [filters, setFilters] = useState<Filters>(NO_FILTER);
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const [zoom, setZoom] = useState<Zoom>('all');
  const [center, setCenter] = useState((model.plan.horizon.from + model.plan.horizon.to) / 2);
  const [markShown, setMarkShown] = useState<Mark | undefined>(undefined);
  const [printing, setPrinting] = useState(false);
  const shownFindings = useMemo(() => filtered(model, filters), [model, filters]);
  const drawn = useMemo(() => (segment >= 0 ? draw(model, segment) : undefined), [model, segment]);
  useEffect(() => {
    // The printed document draws every segment with findings; only while printing, as it may be long.
    const before = (): void => setPrinting(true);
    const after = (): void => setPrinting(false);
    addEventListener('beforeprint', before);
    addEventListener('afterprint', after);
    document.documentElement.dataset.rendered = String(performance.now());
    return () => {
      removeEventListener('beforeprint', before);
      removeEventListener('afterprint', after);
    };
  }, []);
  const highlights: Highlights = { severity: drawn?.severity ?? new Map(), related: new Set() };
  const finding: FindingView | undefined = selected === undefined ? undefined : model.findings[selected];
  if (finding && drawn && (finding.segments.includes(segment) || finding.segments.length === 0)) {
    const { primary, related } = locate(model, finding, drawn);
    highlights.primary = primary?.key ?? (finding.at && !finding.after ? `finding-${selected}` : undefined);
    for (const mark of related) highlights.related.add(mark.key);
  }
  const select = (index: number): void => {
    const chosen = model.findings[index]!;
    const target = chosen.segments.length === 0 || chosen.segments.includes(segment) ? segment : chosen.segments[0]!;
    const there = target === segment ? drawn : draw(model, target);
    const { primary } = there ? locate(model, chosen, there) : { primary: undefined };
    setSegment(target);
    setSelected(index);
    setMarkShown(primary);
    // On the whole horizon, sends days apart draw on one another: a month shows the finding's send among its neighbours.
    if (zoom === 'all') setZoom('month');
    if (!chosen.after) {
      const at = chosen.at === undefined ? primary?.millis : Date.parse(chosen.at);
      if (at !== undefined) setCenter(at);
    }
  };
  const zone = segment >= 0 ? model.segment(segment).zone : model.plan.zone;
  const describe = describer(model, zone);
  const { from, to } = model.plan.horizon;
  const span = Math.min(ZOOMS[zoom], to - from);
  const move = (direction: number): void => setCenter(Math.min(Math.max(center + (direction * span) / 2, from + span / 2), to - span / 2));
  const markFindings = markShown && drawn ? model.bySegment[segment]!.filter((index) => locate(model, model.findings[index]!, drawn).primary === markShown) : [];
  const current = segment >= 0 ? model.segment(segment) : undefined;
  return (
    <>
      <Header model={model} />
      <div class="layout screen-only">
        <SegmentPicker
          model={model}
          selected={segment}
          onSelect={(index) => {
            setSegment(index);
            setMarkShown(undefined);
          }}
        />
        <main class="timeline" aria-labelledby="timeline-title">
          <h2 id="timeline-title">
            {current ? (
              <>
                {shown(current.id)}
                {current.name ? ` — ${shown(current.name)}` : ''} <span class="zone">({shown(zone)})</span>
              </>
            ) : (
              'No segment'
            )}
          </h2>
          <div class="controls">
            <div role="group" aria-label="zoom">
              {(Object.keys(ZOOMS) as Zoom[]).map((name) => (
                <button key={name} type="button" aria-pressed={zoom === name} onClick={() => setZoom(name)}>
                  {name === 'all' ? 'whole horizon' : name}
                </button>
              ))}
            </div>
            <div role="group" aria-label="move in time">
              <button type="button" onClick={() => move(-1)} disabled={zoom === 'all'}>
                ◀ earlier
              </button>
              <button type="button" onClick={() => move(1)} disabled={zoom === 'all'}>
                later ▶
              </button>
            </div>
            <Legend />
          </div>
          {drawn && current ? (
            <>
              <Swimlanes
                model={model}
                zone={zone}
                marks={drawn.timeline.marks}
                bands={drawn.bands}
                loose={drawn.loose}
                highlights={highlights}
                zoom={zoom}
                center={center}
                onCenter={(millis) => setCenter(Math.min(Math.max(millis, from), to))}
                onMark={setMarkShown}
                describe={describe}
                title={`timeline of ${shown(current.id)}: ${drawn.timeline.marks.length} sends`}
              />
              {drawn.timeline.marks.length === 0 ? <p class="empty">No send reaches this segment in the horizon.</p> : null}
              {drawn.timeline.relative.map(({ run, marks }) => (
                <section key={run} class="relative-run">
                  <h3>
                    Journey {shown(model.plan.runs[run]!.journey)} on its own timeline (no date for its entry event here)
                    {model.plan.runs[run]!.truncated ? `, stopped after ${model.plan.runs[run]!.paths} paths` : ''}
                  </h3>
                  <RelativeRun model={model} run={run} marks={marks} highlights={highlights} onMark={setMarkShown} describe={describer(model, zone, model.plan.runs[run]!.trigger)} />
                </section>
              ))}
              <section class="details" aria-live="polite">
                {markShown ? (
                  <>
                    <h3>Send</h3>
                    <p class="send">{describe(markShown)}</p>
                    {markFindings.length ? (
                      <ul>
                        {markFindings.map((index) => (
                          <li key={index}>
                            <button type="button" onClick={() => select(index)}>
                              <SeverityBadge severity={model.findings[index]!.severity} /> {shown(model.findings[index]!.message)}
                            </button>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </>
                ) : finding ? (
                  <p>
                    Selected: <SeverityBadge severity={finding.severity} /> {shown(finding.message)}
                  </p>
                ) : (
                  <p>Select a finding, or click a send on the timeline.</p>
                )}
                {finding?.related?.length ? (
                  <ul class="related">
                    {finding.related.map(([file, line, , message], index) => (
                      <li key={index}>
                        {shown(model.fileLine(file, line))}: {shown(message)}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </section>
            </>
          ) : null}
        </main>
        <FindingsPanel model={model} filters={filters} onFilters={setFilters} shownFindings={shownFindings} selected={selected} onSelect={select} />
      </div>
      {printing ? <PrintView model={model} /> : null}
    </>
  );
}

function Legend() {
  return (
    <ul class="legend" aria-label="legend">
      {[...SEVERITIES, undefined].map((severity) => (
        <li key={severity ?? 'send'}>
          <svg width="18" height="18" aria-hidden="true">
            <MarkShape severity={severity} x={9} y={10} />
          </svg>
          {severity ?? 'send'}
        </li>
      ))}
    </ul>
  );
}

/** Segments drawn in print at most, and findings listed: past these the page says how many are left out. */
const PRINT_SEGMENTS = 100;
const PRINT_FINDINGS = 2000;

/** The handoff document: findings by segment, and the whole-horizon timeline of each segment with findings. */
function PrintView({ model }: { model: Model }) {
  const segments = model.plan.segments.flatMap((_, index) => (model.bySegment[index]!.length ? [index] : []));
  const unplaced = model.findings.flatMap((finding, index) => (finding.segments.length ? [] : [index]));
  let budget = PRINT_FINDINGS;
  const list = (indices: number[]) => {
    const taken = indices.slice(0, Math.max(0, budget));
    budget -= taken.length;
    return (
      <ul>
        {taken.map((index) => {
          const finding = model.findings[index]!;
          return (
            <li key={index}>
              <SeverityBadge severity={finding.severity} /> {shown(finding.message)} <span class="where">{shown(model.fileLine(finding.file, finding.line))}</span> ({finding.rule})
            </li>
          );
        })}
        {taken.length < indices.length ? <li>… and {indices.length - taken.length} more in the report file</li> : null}
      </ul>
    );
  };
  return (
    <div class="print-only">
      {unplaced.length ? (
        <section>
          <h2>Findings in the plan files</h2>
          {list(unplaced)}
        </section>
      ) : null}
      {segments.slice(0, PRINT_SEGMENTS).map((index) => {
        const drawn = draw(model, index);
        const segment = model.segment(index);
        return (
          <section key={index} class="print-segment">
            <h2>
              {shown(segment.id)}
              {segment.name ? ` — ${shown(segment.name)}` : ''}
            </h2>
            <Swimlanes
              model={model}
              zone={segment.zone}
              marks={drawn.timeline.marks}
              bands={drawn.bands}
              loose={drawn.loose}
              highlights={{ severity: drawn.severity, related: new Set() }}
              zoom="all"
              center={(model.plan.horizon.from + model.plan.horizon.to) / 2}
              onCenter={() => undefined}
              onMark={() => undefined}
              describe={describer(model, segment.zone)}
              title={`timeline of ${shown(segment.id)}`}
              still
            />
            {list(model.bySegment[index]!)}
          </section>
        );
      })}
      {segments.length > PRINT_SEGMENTS ? <p>… and {segments.length - PRINT_SEGMENTS} more segments with findings in the report file.</p> : null}
    </div>
  );
}
