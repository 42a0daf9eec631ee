// `npm test` runs this: the import graph of src/ must follow the pipeline of docs/architecture.md. A module imports
// only from its own stage or from stages before it, and no import cycle exists (a cycle between two files of one
// stage too: it hides an order of evaluation that nobody chose). Exits 1 with every violation listed.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'src');

/** The stages in the order data flows through them; `base` is what every stage may use (errors, shared helpers, generated code, the Problem type). */
const STAGES = ['base', 'files', 'loaders', 'time', 'validate', 'model', 'config', 'timeline', 'rules', 'findings', 'engine', 'reporters', 'api', 'cli'];
const BASE = ['errors.ts', 'shared/', 'generated/', 'findings/finding.ts'];

function stageOf(file, src = SRC) {
  const relative = path.relative(src, file).split(path.sep).join('/');
  if (BASE.some((prefix) => relative === prefix || relative.startsWith(prefix))) return 'base';
  return relative.split('/')[0];
}

function sourceFiles(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [file] : [];
  });
}

/** Relative imports of a file (static `import … from`, `export … from` and `import(…)`), as absolute .ts paths. */
function importsOf(file, src) {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map((match) => match[1] ?? match[2]);
  return specifiers
    .map((specifier) => path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts'))
    .filter((target) => target.startsWith(src + path.sep));
}

/** Tarjan's strongly connected components, iteratively; returns the components of more than one file (or a self-import). */
function cycles(graph) {
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const found = [];
  let counter = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const frames = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (frames.length) {
      const frame = frames.at(-1);
      const targets = graph.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++];
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          frames.push({ node: target, next: 0 });
        } else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node), index.get(target)));
        continue;
      }
      frames.pop();
      if (frames.length) low.set(frames.at(-1).node, Math.min(low.get(frames.at(-1).node), low.get(frame.node)));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      if (component.length > 1 || (graph.get(frame.node) ?? []).includes(frame.node)) found.push(component.sort());
    }
  }
  return found;
}

/** Every import of the tree at `src` against the pipeline, as lines to print. */
export function violations(src = SRC) {
  const graph = new Map(sourceFiles(src).map((file) => [file, importsOf(file, src)]));
  const shown = (file) => path.relative(src, file).split(path.sep).join('/');
  const problems = [];
  for (const [file, targets] of graph) {
    for (const target of targets) {
      const [from, to] = [stageOf(file, src), stageOf(target, src)];
      if (!STAGES.includes(from) || !STAGES.includes(to)) problems.push(`${shown(file)} → ${shown(target)}: a folder outside the stages of ${STAGES.join(', ')}`);
      else if (STAGES.indexOf(to) > STAGES.indexOf(from)) problems.push(`${shown(file)} → ${shown(target)}: ${from} reaches forward into ${to}`);
    }
  }
  for (const component of cycles(graph)) problems.push(`import cycle: ${component.map(shown).join(' ↔ ')}`);
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = violations();
  for (const problem of problems) console.error(problem);
  if (problems.length) {
    console.error(`${problems.length} import(s) against the pipeline (docs/architecture.md)`);
    process.exitCode = 1;
  }
}
