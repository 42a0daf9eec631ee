import type { Problem } from '../../src/findings/finding.js';
import { presetLayer } from '../../src/config/load.js';
import type { Vocabulary } from '../../src/model/vocabulary.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { readYaml } from '../../src/loaders/yaml.js';
import { buildModel } from '../../src/model/build.js';
import type { Plan } from '../../src/model/types.js';
import type { ValidFragment } from '../../src/validate/validate.js';
import { validateFragment } from '../../src/validate/validate.js';
import { PRESETS } from '../../src/engine/presets.js';

/** The vocabulary of `cxlint:recommended` (a fresh copy each time, so a test may change it). */
export function recommendedVocabulary(): Vocabulary {
  return resolveConfig([presetLayer('cxlint:recommended', PRESETS)]).vocabulary;
}

export interface ModelRun {
  plan: Plan;
  /** Problems of every stage: reading, validation and the model, in that order. */
  problems: Problem[];
}

/** Reads `{fileName: yamlText}` through readYaml → validateFragment → buildModel. */
export function model(files: Record<string, string>, vocabulary: Vocabulary = recommendedVocabulary()): ModelRun {
  const problems: Problem[] = [];
  const fragments: ValidFragment[] = [];
  for (const [file, text] of Object.entries(files)) {
    const read = readYaml(file, text);
    problems.push(...read.problems);
    for (const fragment of read.fragments) {
      const validated = validateFragment(fragment);
      problems.push(...validated.problems);
      fragments.push(validated.fragment);
    }
  }
  const built = buildModel(fragments, vocabulary);
  problems.push(...built.problems);
  return { plan: built.plan, problems };
}

export interface BriefProblem {
  rule: string;
  message: string;
  file: string;
  line: number;
  column: number;
}

/** The parts of a problem a test compares: rule, message, file, line, column. */
export function brief(problems: Problem[]): BriefProblem[] {
  return problems.map(({ rule, message, location }) => ({ rule, message, file: location.file, line: location.line, column: location.column }));
}

/** Shorthand for an expected problem. */
export function at(rule: string, message: string, file: string, line: number, column: number): BriefProblem {
  return { rule, message, file, line, column };
}

/** Problems of one run, briefly; fails loudly if a stage threw. */
export function problemsOf(files: Record<string, string>, vocabulary?: Vocabulary): BriefProblem[] {
  return brief(model(files, vocabulary).problems);
}

/** Joins lines, so fixtures in tests read as the YAML they are (line numbers are 1-based from the first line). */
export const yaml = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** What an unknown channel, intent or event's message ends with under the preset's vocabulary: the known words, and where to add one. */
export function knownWords(kind: 'channel' | 'intent' | 'event', extra: string[] = []): string {
  const vocabulary = resolveConfig([presetLayer('cxlint:recommended', PRESETS)]).vocabulary;
  const map = { channel: vocabulary.channels, intent: vocabulary.intents, event: vocabulary.lifecycle }[kind];
  const section = { channel: 'channels', intent: 'intents', event: 'lifecycle' }[kind];
  return `Known ${kind}s: ${[...map.keys(), ...extra].sort().join(', ')}; to add one, list it under ${section}: in cxlint.config.yaml`;
}
