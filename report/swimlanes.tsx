import { axisTop } from 'd3-axis';
import { scaleLinear, scaleUtc } from 'd3-scale';
import { select } from 'd3-selection';
import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Mark, Model, Severity } from './model.js';
import { shown } from './text.js';
import { DAY, localText, relativeText, wall } from './time.js';

export const ZOOMS = { week: 7 * DAY, month: 31 * DAY, quarter: 92 * DAY, all: Infinity } as const;
export type Zoom = keyof typeof ZOOMS;

const GUTTER = 120;
const AXIS = 30;
const LANE = 44;
const STATE_ROW = 20;

/** What the timeline draws on its marks: the worst finding on each, and the selected finding's sends. */
export interface Highlights {
  severity: Map<string, Severity>;
  primary?: string;
  related: Set<string>;
}

/** A send's mark: its shape and colour both say the worst finding on it, so it reads without colour too. */
export function MarkShape({ severity, x, y }: { severity?: Severity; x: number; y: number }) {
  if (severity === 'error') return <path class="shape shape-error" d={`M${x} ${y - 8}L${x + 8} ${y}L${x} ${y + 8}L${x - 8} ${y}Z`} />;
  if (severity === 'warning') return <path class="shape shape-warning" d={`M${x} ${y - 8}L${x + 8} ${y + 6}L${x - 8} ${y + 6}Z`} />;
  if (severity === 'info') return <circle class="shape shape-info" cx={x} cy={y} r={7} />;
  return <circle class="shape shape-send" cx={x} cy={y} r={4.5} />;
}

function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const element = box.current!;
    const observer = new ResizeObserver(() => setWidth(Math.max(320, element.clientWidth)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [box, width];
}

/**
 * Keyboard access to a timeline's sends, which may be thousands: one of them is in the Tab order (the one last reached,
 * else the first in view); Left and Right move to the send before and after it in time, Home and End to the first and
 * last, bringing it into view; Enter or Space shows it, as a click does.
 */
function useMarkKeys(marks: Mark[], inView: (mark: Mark) => boolean, bringIntoView: (mark: Mark) => void, onMark: (mark: Mark) => void): MarkKeys {
  const [current, setCurrent] = useState<string | undefined>(undefined);
  const svg = useRef<SVGSVGElement>(null);
  // Set by a move: once the timeline is drawn again (in view of the send), focus goes to the send.
  const focusNext = useRef(false);
  const inTime = useMemo(() => [...marks].sort((a, b) => a.millis - b.millis), [marks]);
  const reached = current === undefined ? undefined : inTime.find((mark) => mark.key === current);
  const tabStop = reached && inView(reached) ? reached.key : inTime.find(inView)?.key;
  useLayoutEffect(() => {
    if (!focusNext.current) return;
    focusNext.current = false;
    const element = [...(svg.current?.querySelectorAll<SVGGElement>('[data-mark]') ?? [])].find((mark) => mark.getAttribute('data-mark') === current);
    element?.focus();
  });
  const onKeyDown = (event: KeyboardEvent, mark: Mark): void => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onMark(mark);
      return;
    }
    const index = inTime.indexOf(mark);
    const moves: Record<string, Mark | undefined> = { ArrowRight: inTime[index + 1], ArrowLeft: inTime[index - 1], Home: inTime[0], End: inTime[inTime.length - 1] };
    const target = moves[event.key];
    if (!target) return;
    event.preventDefault();
    if (!inView(target)) bringIntoView(target);
    focusNext.current = true;
    setCurrent(target.key);
  };
  return { svg, tabStop, onKeyDown, onFocus: (mark) => setCurrent(mark.key) };
}

interface MarkKeys {
  svg: RefObject<SVGSVGElement | null>;
  /** The send in the Tab order. */
  tabStop: string | undefined;
  onKeyDown: (event: KeyboardEvent, mark: Mark) => void;
  onFocus: (mark: Mark) => void;
}

interface LaneProps {
  model: Model;
  marks: Mark[];
  highlights: Highlights;
  /** x of a mark, or undefined when outside the window. */
  x: (millis: number) => number | undefined;
  describe: (mark: Mark) => string;
  labels: boolean;
  onMark: (mark: Mark) => void;
  keys: MarkKeys;
  top: number;
  /** The drawing's width: labels near its right edge are written leftwards. */
  width: number;
}

/** Where a mark's row or step is written, `file:line:column`: what a finding at it names (and what tests look for). */
function whereWritten(model: Model, mark: Mark): string {
  const [file, line, column] = model.plan.sources[mark.source]!;
  return `${model.plan.files[file]}:${line}:${column}`;
}

/** One lane per channel the marks use, in the config's order; sends with no channel get a lane of their own. */
function lanesOf(marks: Mark[]): number[] {
  const used = new Set(marks.map((mark) => mark.channel));
  return [...used].sort((a, b) => (a < 0 ? Infinity : a) - (b < 0 ? Infinity : b));
}

/** Where a mark and its label are drawn in its lane. */
interface Placed {
  y: number;
  labelY: number;
}

/** Roughly how wide a label of 11px text is, to tell whether two would overlap. */
const labelWidth = (text: string): number => text.length * 6.5 + 12;

/**
 * Where each mark of one lane is drawn. Sends at one instant would draw as one mark: the second of them is drawn a little
 * lower, the third a little higher, so that each shows and can be picked. A label that would run into the one before it
 * in the lane goes below its mark instead of above (two sends days apart at a week's zoom, or at one instant).
 */
function placeMarks(marks: Mark[], x: (millis: number) => number | undefined, y: number, label: (mark: Mark) => string): Map<string, Placed> {
  const placed = new Map<string, Placed>();
  const rowEnds = [-Infinity, -Infinity];
  let previous: number | undefined;
  let together = 0;
  for (const mark of marks) {
    const at = x(mark.millis);
    if (at === undefined) continue;
    together = previous !== undefined && Math.abs(at - previous) < 2 ? together + 1 : 0;
    previous = at;
    const row = at >= rowEnds[0]! ? 0 : at >= rowEnds[1]! ? 1 : 0;
    rowEnds[row] = at + labelWidth(label(mark));
    placed.set(mark.key, { y: together === 0 ? y : y + (together % 2 === 1 ? 6 : -6), labelY: row === 0 ? y - 10 : y + 22 });
  }
  return placed;
}

function Lanes({ model, marks, highlights, x, describe, labels, onMark, keys, top, width }: LaneProps) {
  const lanes = lanesOf(marks);
  const templateId = (mark: Mark): string => model.plan.templates[mark.template]!.id;
  return (
    <g>
      {lanes.map((channel, lane) => {
        const y = top + lane * LANE + LANE / 2;
        const inLane = marks.filter((mark) => mark.channel === channel).sort((a, b) => a.millis - b.millis);
        const places = placeMarks(inLane, x, y, templateId);
        return (
          <g key={channel} class="lane">
            <rect class={`lane-bg ${lane % 2 ? 'odd' : ''}`} x={0} y={top + lane * LANE} width="100%" height={LANE} />
            <text class="lane-label" x={8} y={y + 4}>
              {channel < 0 ? '(no channel)' : shown(model.plan.channels[channel]!)}
            </text>
            {inLane.map((mark) => {
                const at = x(mark.millis);
                const place = places.get(mark.key);
                if (at === undefined || place === undefined) return null;
                const severity = highlights.severity.get(mark.key);
                const primary = highlights.primary === mark.key;
                const related = highlights.related.has(mark.key);
                const description = describe(mark);
                return (
                  <g
                    key={mark.key}
                    class={`mark${primary ? ' mark-primary' : ''}${related ? ' mark-related' : ''}`}
                    data-mark={mark.key}
                    data-at={whereWritten(model, mark)}
                    data-severity={severity ?? 'none'}
                    role="button"
                    aria-label={description}
                    tabIndex={keys.tabStop === mark.key ? 0 : -1}
                    onClick={() => onMark(mark)}
                    onKeyDown={(event) => keys.onKeyDown(event, mark)}
                    onFocus={() => keys.onFocus(mark)}
                  >
                    <title>{description}</title>
                    {primary || related ? <circle class={primary ? 'ring-primary' : 'ring-related'} cx={at} cy={place.y} r={13} /> : null}
                    <MarkShape severity={severity} x={at} y={place.y} />
                    {labels ? (
                      <text class="mark-label" x={at > width - 160 ? at - 10 : at + 10} y={place.labelY} text-anchor={at > width - 160 ? 'end' : 'start'}>
                        {shown(templateId(mark))}
                      </text>
                    ) : null}
                  </g>
                );
              })}
          </g>
        );
      })}
    </g>
  );
}

export interface StateBand {
  state: string;
  /** Each value from when it holds: `cause` says why (`initial`, or the event and where its date is written). */
  spans: Array<{ from: number; to: number; value: string; cause: string }>;
  /** Journey `set` steps and assumed events: drawn as markers, as they hold on some paths only. */
  markers: Array<{ millis: number; text: string }>;
}

interface TimelineProps {
  model: Model;
  zone: string;
  marks: Mark[];
  bands: StateBand[];
  /** Findings at an instant but at no send of this timeline (a dated event, a missing message). */
  loose: Array<{ millis: number; severity: Severity; key: string; text: string }>;
  highlights: Highlights;
  zoom: Zoom;
  /** The instant at the window's centre. */
  center: number;
  onCenter: (millis: number) => void;
  onMark: (mark: Mark) => void;
  describe: (mark: Mark) => string;
  title: string;
  /** Print: the whole horizon, no dragging. */
  still?: boolean;
}

/** A segment's timeline: time left to right in the segment's zone, one lane per channel, states as bands above. */
export function Swimlanes({ model, zone, marks, bands, loose, highlights, zoom, center, onCenter, onMark, describe, title, still }: TimelineProps) {
  const [box, width] = useWidth();
  const axis = useRef<SVGGElement>(null);
  const { from, to } = model.plan.horizon;
  const span = Math.min(ZOOMS[zoom], to - from);
  const start = Math.min(Math.max(center - span / 2, from), to - span);
  const end = start + span;
  const scale = scaleUtc()
    .domain([wall(zone, start), wall(zone, end)])
    .range([GUTTER, width - 16]);
  const x = (millis: number): number | undefined => (millis < start || millis > end ? undefined : scale(wall(zone, millis)));
  const lanes = lanesOf(marks).length || 1;
  const statesTop = AXIS;
  const lanesTop = statesTop + bands.length * STATE_ROW + 6;
  const looseTop = lanesTop + lanes * LANE;
  const height = looseTop + (loose.length ? LANE : 0) + 8;
  useEffect(() => {
    select(axis.current!).call(axisTop(scale).ticks(Math.max(2, Math.floor((width - GUTTER) / 110))));
  });
  const drag = useRef<{ x: number; center: number; moved: boolean } | undefined>(undefined);
  const perPixel = span / Math.max(1, width - GUTTER - 16);
  const handlers = still
    ? {}
    : {
        onPointerDown: (event: PointerEvent) => {
          drag.current = { x: event.clientX, center: start + span / 2, moved: false };
        },
        onPointerMove: (event: PointerEvent) => {
          const state = drag.current;
          if (!state || event.buttons === 0) return;
          const dx = event.clientX - state.x;
          if (Math.abs(dx) > 3) state.moved = true;
          if (state.moved) onCenter(state.center - dx * perPixel);
        },
        onPointerUp: () => {
          drag.current = undefined;
        },
        onWheel: (event: WheelEvent) => {
          const delta = Math.abs(event.deltaX) > Math.abs(event.deltaY) ? event.deltaX : event.shiftKey ? event.deltaY : 0;
          if (delta === 0) return;
          event.preventDefault();
          onCenter(start + span / 2 + delta * perPixel);
        },
      };
  const clickMark = (mark: Mark): void => {
    if (!drag.current?.moved) onMark(mark);
  };
  const keys = useMarkKeys(marks, (mark) => x(mark.millis) !== undefined, (mark) => onCenter(mark.millis), onMark);
  return (
    <div ref={box} class="swimlanes">
      <svg ref={keys.svg} width={width} height={height} role="group" aria-label={title} {...handlers}>
        <g ref={axis} class="axis" transform={`translate(0 ${AXIS - 4})`} />
        {bands.map((band, row) => {
          const y = statesTop + row * STATE_ROW;
          return (
            <g key={band.state} class="band">
              <text class="band-label" x={8} y={y + 14}>
                {shown(band.state)}
              </text>
              {band.spans.map((part, index) => {
                const left = scale(wall(zone, Math.max(part.from, start)));
                const right = scale(wall(zone, Math.min(part.to, end)));
                if (part.to < start || part.from > end || right - left < 1) return null;
                return (
                  <g key={index}>
                    <title>{`${shown(band.state)} = ${shown(part.value)} from ${part.from === from ? 'the start' : localText(zone, part.from)} (${shown(part.cause)})`}</title>
                    <rect class={`band-part v${index % 4}`} x={left} y={y + 2} width={right - left} height={STATE_ROW - 4} />
                    {right - left > 40 ? (
                      <text class="band-value" x={left + 4} y={y + 14}>
                        {shown(part.value)}
                      </text>
                    ) : null}
                  </g>
                );
              })}
              {band.markers.map((marker, index) => {
                const at = x(marker.millis);
                return at === undefined ? null : (
                  <g key={`m${index}`} class="band-marker">
                    <title>{marker.text}</title>
                    <path d={`M${at} ${y + 2}L${at + 5} ${y + 10}L${at} ${y + 18}L${at - 5} ${y + 10}Z`} />
                  </g>
                );
              })}
            </g>
          );
        })}
        <Lanes model={model} marks={marks} highlights={highlights} x={x} describe={describe} labels={span <= ZOOMS.week} onMark={clickMark} keys={keys} top={lanesTop} width={width} />
        {loose.length ? (
          <g class="lane">
            <text class="lane-label" x={8} y={looseTop + LANE / 2 + 4}>
              other findings
            </text>
            {loose.map((item) => {
              const at = x(item.millis);
              const y = looseTop + LANE / 2;
              return at === undefined ? null : (
                <g key={item.key} class={`mark${highlights.primary === item.key ? ' mark-primary' : ''}`} data-mark={item.key} data-severity={item.severity}>
                  <title>{item.text}</title>
                  {highlights.primary === item.key ? <circle class="ring-primary" cx={at} cy={y} r={13} /> : null}
                  <MarkShape severity={item.severity} x={at} y={y} />
                </g>
              );
            })}
          </g>
        ) : null}
      </svg>
    </div>
  );
}

interface RelativeProps {
  model: Model;
  run: number;
  marks: Mark[];
  highlights: Highlights;
  onMark: (mark: Mark) => void;
  describe: (mark: Mark) => string;
}

/** A journey on its own timeline: time from its entry event (`T+5d`), as no date for the event is known. */
export function RelativeRun({ model, run, marks, highlights, onMark, describe }: RelativeProps) {
  const [box, width] = useWidth();
  const axis = useRef<SVGGElement>(null);
  const view = model.plan.runs[run]!;
  const trigger = view.trigger ?? marks[0]?.millis ?? 0;
  const offsets = marks.map((mark) => mark.millis - trigger);
  const low = Math.min(0, ...offsets) - DAY;
  const high = Math.max(0, ...offsets) + DAY;
  const scale = scaleLinear().domain([low, high]).range([GUTTER, width - 16]);
  const lanes = lanesOf(marks).length || 1;
  const height = AXIS + lanes * LANE + 8;
  useEffect(() => {
    const ticks = Math.max(2, Math.floor((width - GUTTER) / 90));
    const step = Math.max(1, Math.ceil((high - low) / DAY / ticks));
    const values: number[] = [];
    for (let day = Math.ceil(low / DAY / step) * step; day * DAY <= high; day += step) values.push(day * DAY);
    select(axis.current!).call(
      axisTop(scale)
        .tickValues(values)
        .tickFormat((value) => relativeText(Number(value))),
    );
  });
  const origin = view.trigger === undefined ? 'the entry' : 'the entry event';
  // The whole run is always in view.
  const keys = useMarkKeys(marks, () => true, () => undefined, onMark);
  return (
    <div ref={box} class="swimlanes relative">
      <svg ref={keys.svg} width={width} height={height} role="group" aria-label={`journey ${shown(view.journey)} on its own timeline, from ${origin}`}>
        <g ref={axis} class="axis" transform={`translate(0 ${AXIS - 4})`} />
        <line class="trigger" x1={scale(0)} x2={scale(0)} y1={AXIS} y2={height - 8} />
        <Lanes model={model} marks={marks} highlights={highlights} x={(millis) => scale(millis - trigger)} describe={describe} labels onMark={onMark} keys={keys} top={AXIS} width={width} />
      </svg>
    </div>
  );
}
