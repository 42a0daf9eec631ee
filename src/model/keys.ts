import type { Send, Step } from './types.js';
import { flat } from '../shared/flat.js';

/**
 * Names of calendar rows and journey steps that stay when lines move (SPEC 9), for fingerprints and the keys rules
 * group by: an item with an `id` is named by it; one without, by what it says, and by its order among identical items
 * only when there are several — never by its index, which every row inserted above it would change. Ids hold no white
 * space (the plan schema says so), so a space separates the parts of a name: no id can make the name of another item.
 */
function keyed<T>(items: T[], own: (item: T) => string | undefined, content: (item: T) => string): Array<T & { key: string }> {
  const seen = new Map<string, number>();
  // Each item is named in place: the items are the model's own, just built, and a copy of each of 150,000 rows cost
  // a third of a second and as much again in garbage collection.
  return items.map((item) => {
    const named = item as T & { key: string };
    const id = own(item);
    if (id !== undefined) named.key = id;
    else {
      const text = content(item);
      const occurrence = (seen.get(text) ?? 0) + 1;
      seen.set(text, occurrence);
      named.key = flat(occurrence === 1 ? text : `${text}#${occurrence}`);
    }
    return named;
  });
}

const sendContent = (send: Omit<Send, 'key'>): string =>
  [send.date.local + (send.date.offset ?? ''), send.segments.join(' '), send.template, send.channel ?? '', JSON.stringify(send.repeat ?? ''), ...exceptions(send)].join(' ');

/** Exceptions tell two rows of one repeat apart; a send without any keeps the key it always had. */
const exceptions = (send: Omit<Send, 'key'>): string[] => (send.except ? [`except:${send.except.map((date) => date.local + (date.offset ?? '')).join(',')}`] : []);

/** `calendar #jul-service`, or for a row without an id `calendar @2026-07-10T09:30:00 lessees service-birthday email ""`. */
export function keySends(sends: Array<Omit<Send, 'key'>>): Send[] {
  return keyed(
    sends,
    (send) => (send.id === undefined ? undefined : `calendar #${send.id}`),
    (send) => `calendar @${sendContent(send)}`,
  );
}

function stepContent(step: Omit<Step, 'key'>): string {
  const action = step.action;
  switch (action.kind) {
    case 'send':
      return `send:${action.template}${action.channel ? `/${action.channel}` : ''}`;
    case 'wait':
      return `wait:${action.duration ?? `until ${action.until?.event ?? ''}${action.until?.offset ?? ''}`}`;
    case 'branch':
      return `branch:${action.options.map((option) => (option.otherwise ? 'otherwise' : (option.event ?? JSON.stringify(option.state)))).join(',')}`;
    case 'set':
      return `set:${JSON.stringify(action.states)}`;
    case 'exit':
      return 'exit';
  }
}

/** `journey lease-end #options`, or for a step without an id `journey lease-end @send:lease-ending-email`. */
export function keySteps(journey: string, steps: Array<Omit<Step, 'key'>>): Step[] {
  return keyed(
    steps,
    (step) => (step.id === undefined ? undefined : `journey ${journey} #${step.id}`),
    (step) => `journey ${journey} @${stepContent(step)}`,
  );
}
