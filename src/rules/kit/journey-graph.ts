import type { Journey, Step } from '../../model/types.js';
import { stepLabel } from '../../model/types.js';
import type { JourneyEdge } from '../../model/journey-graph.js';
import { edgesOf } from '../../model/journey-graph.js';

/**
 * Algorithms on the step graph of a journey (its edges: model/journey-graph.ts), shared by the journey rules. They work
 * on the graph, never on enumerated paths, so they are exact and linear in the journey's size even when it has
 * thousands of steps or loops without end. Every algorithm here is iterative: a journey can be longer than the call
 * stack is deep.
 */

/**
 * Whether time passes on an edge, as loops are judged: after a `wait` of a positive duration, on an `otherwise` after a
 * positive `within`, and on an event option with a positive `within` (the customer acts some time later).
 */
const isTimed = (edge: JourneyEdge): boolean => (edge.delay ?? 0) > 0 || edge.waitsForCustomer;

/** The steps a step leads to (each once), optionally only through edges on which no time passes. */
export function successors(step: Step, untimedOnly = false): number[] {
  const targets = new Set<number>();
  for (const edge of edgesOf(step)) if (typeof edge.to === 'number' && !(untimedOnly && isTimed(edge))) targets.add(edge.to);
  return [...targets];
}

/** Which steps some path from the first step reaches (breadth first). */
export function reachable(journey: Journey): boolean[] {
  const seen = new Array<boolean>(journey.steps.length).fill(false);
  if (journey.steps.length === 0) return seen;
  const queue = [0];
  seen[0] = true;
  for (let head = 0; head < queue.length; head += 1) {
    for (const next of successors(journey.steps[queue[head]!]!)) {
      if (seen[next]) continue;
      seen[next] = true;
      queue.push(next);
    }
  }
  return seen;
}

export interface Components {
  /** Strongly connected components, each sorted by step index, sinks first (reverse topological order). */
  list: number[][];
  /** The component index of each step. */
  of: number[];
}

/** Tarjan's strongly connected components, without recursion. `next(v)` gives the successors of node v. */
function components(size: number, next: (node: number) => number[]): Components {
  const index = new Array<number>(size).fill(-1);
  const low = new Array<number>(size).fill(0);
  const onStack = new Array<boolean>(size).fill(false);
  const of = new Array<number>(size).fill(-1);
  const stack: number[] = [];
  const list: number[][] = [];
  let counter = 0;
  for (let root = 0; root < size; root += 1) {
    if (index[root] !== -1) continue;
    // Each frame: a node and the position of the next successor to visit.
    const frames: Array<{ node: number; targets: number[]; at: number }> = [];
    const open = (node: number): void => {
      index[node] = low[node] = counter++;
      stack.push(node);
      onStack[node] = true;
      frames.push({ node, targets: next(node), at: 0 });
    };
    open(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.at < frame.targets.length) {
        const target = frame.targets[frame.at++]!;
        if (index[target] === -1) open(target);
        else if (onStack[target]) low[frame.node] = Math.min(low[frame.node]!, index[target]!);
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low[parent.node] = Math.min(low[parent.node]!, low[frame.node]!);
      if (low[frame.node] !== index[frame.node]) continue;
      const component: number[] = [];
      let member: number;
      do {
        member = stack.pop()!;
        onStack[member] = false;
        of[member] = list.length;
        component.push(member);
      } while (member !== frame.node);
      list.push(component.sort((a, b) => a - b));
    }
  }
  return { list, of };
}

/** A journey's step graph as the journey rules read it: where each step leads, and its strongly connected components. */
export interface StepGraph extends Components {
  next(step: number): number[];
}

/** The step graph of a journey, optionally only through edges on which no time passes. */
export function stepGraph(journey: Journey, untimedOnly = false): StepGraph {
  const next = (step: number): number[] => successors(journey.steps[step]!, untimedOnly);
  return { next, ...components(journey.steps.length, next) };
}

/** The components of a step graph that are cycles: more than one step, or one step that leads to itself. */
export function cyclesOf(graph: StepGraph): number[][] {
  return graph.list.filter((members) => members.length > 1 || graph.next(members[0]!).includes(members[0]!));
}

/** Whether some step of a component leads out of it: to the end of the journey, or to a step of another component. */
export function leadsOut(journey: Journey, graph: Components, members: number[]): boolean {
  const component = graph.of[members[0]!];
  return members.some((step) => edgesOf(journey.steps[step]!).some((edge) => edge.to === 'end' || graph.of[edge.to] !== component));
}

/** `steps 2, reply-ack and 5`, or `steps 1, 2, 3, 4, 5 and 7 more`: the steps of a cycle, in order. */
export function stepsText(steps: Step[]): string {
  const labels = steps.map(stepLabel);
  if (labels.length === 1) return `step ${labels[0]}`;
  if (labels.length <= 6) return `steps ${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
  return `steps ${labels.slice(0, 5).join(', ')} and ${labels.length - 5} more`;
}
