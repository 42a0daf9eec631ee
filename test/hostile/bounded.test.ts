import fc from 'fast-check';
import { distance } from 'fastest-levenshtein';
import { afterAll, describe, expect, it } from 'vitest';
import { SuggestionBudget, Suggestions, didYouMean } from '../../src/shared/did-you-mean.js';
import { PLAN, cleanHostileFolders, expectHandled, hostileFolder } from './harness.js';

afterAll(cleanHostileFolders);

/** Files of a config chain where each file extends the next one twice: 2^levels paths, levels + 1 files. */
function doubledChain(levels: number): Record<string, string> {
  const files: Record<string, string> = { 'plan.yaml': PLAN, 'cxlint.config.yaml': 'extends: [./c1.yaml, ./c1.yaml]\n' };
  for (let level = 1; level < levels; level += 1) files[`c${level}.yaml`] = `extends: [./c${level + 1}.yaml, ./c${level + 1}.yaml]\n`;
  files[`c${levels}.yaml`] = 'timezone: Europe/Paris\n';
  return files;
}

describe('hostile: config chains', () => {
  it('each file extending the next one twice, 16 levels deep, runs normally (each file is read once)', () => {
    expectHandled(hostileFolder(doubledChain(16)), ['check'], { status: 0, stdout: /no problems/ });
  });

  it('configs extending each other in a circle are a usage error naming the circle', () => {
    const root = hostileFolder({ 'plan.yaml': PLAN, 'cxlint.config.yaml': 'extends: [./a.yaml, ./a.yaml]\n', 'a.yaml': 'extends: ./b.yaml\n', 'b.yaml': 'extends: ./a.yaml\n' });
    expectHandled(root, ['check'], { status: 2, stderr: 'Config files extend each other in a circle: cxlint.config.yaml → a.yaml → b.yaml → a.yaml' });
  });

  it('a chain deeper than 32 files is a usage error naming it', () => {
    const files: Record<string, string> = { 'plan.yaml': PLAN, 'cxlint.config.yaml': 'extends: ./c1.yaml\n', 'c40.yaml': '' };
    for (let index = 1; index < 40; index += 1) files[`c${index}.yaml`] = `extends: ./c${index + 1}.yaml\n`;
    expectHandled(hostileFolder(files), ['check'], { status: 2, stderr: /more than 32 levels deep: cxlint\.config\.yaml → c1\.yaml → .* → c32\.yaml\n/ });
  });
});

describe('hostile: patterns that point outside the folder', () => {
  it('include: ["/**"] is a usage error at the pattern, before anything is searched', () => {
    const root = hostileFolder({ 'plan.yaml': PLAN, 'cxlint.config.yaml': 'include: ["/**"]\n' });
    expectHandled(root, ['check'], { status: 2, stderr: /^cxlint: cxlint\.config\.yaml:1:11: include pattern "\/\*\*" leaves the folder being checked/ }, { timeoutMs: 10_000 });
  });

  it('include: ["../../../**"] and inputs[].files: "/**" are usage errors too', () => {
    const root = hostileFolder({ 'plan.yaml': PLAN, 'cxlint.config.yaml': 'include: ["../../../**/*.yaml"]\ninputs:\n  - files: "/**/*.csv"\n' });
    expectHandled(root, ['check'], { status: 2, stderr: /cxlint\.config\.yaml:1:11: include pattern .*\ncxlint\.config\.yaml:3:12: inputs\[\]\.files pattern/ }, { timeoutMs: 10_000 });
  });
});

/** Did-you-mean as it was: every known name compared, the fewest edits winning, then the first in code-unit order. */
function everyName(name: string, known: string[]): string | undefined {
  const wanted = name.toLowerCase();
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const candidateDistance = distance(wanted, candidate.toLowerCase());
    if (candidateDistance < bestDistance || (candidateDistance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = candidateDistance;
    }
  }
  return bestDistance <= limit && bestDistance > 0 ? best : bestDistance === 0 && best !== name ? best : undefined;
}

/** What comparing `name` with each of `known` costs: the cells of each edit-distance table. */
const cellsOf = (name: string, known: string[]): number => known.reduce((sum, other) => sum + (name.length + 1) * (other.length + 1), 0);

describe('did-you-mean: bounded work', () => {
  it('suggests exactly what comparing with every known name suggests', () => {
    // Few letters, both cases, and İ (whose lower case is two code units long), so that near misses abound.
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', 'B', '-', 'İ'), maxLength: 12 });
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 30 }), (name, known) => {
        expect(didYouMean(name, known)).toBe(everyName(name, known));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the suggestions of the existing messages', () => {
    expect(didYouMean('welcome-emial', ['welcome-email', 'welcome-sms'])).toBe('welcome-email');
    expect(didYouMean('Lessees', ['lessees'])).toBe('lessees');
    expect(didYouMean('lessees', ['lessees'])).toBeUndefined();
    expect(didYouMean('unrelated', ['email', 'sms'])).toBeUndefined();
  });

  it('compares only known names of about the same length', () => {
    const near = ['abc'];
    const far = ['x'.repeat(50), 'y'.repeat(5_000)];
    // Just enough for "abd" against "abc": the long names, if compared, would overrun it.
    const suggestions = new Suggestions(new SuggestionBudget(cellsOf('abd', near)));
    expect(suggestions.suggest('abd', new Set([...far, ...near]))).toBe('abc');
  });

  it('compares a name asked about again only once, for the same list', () => {
    const known = new Set(['template-1', 'template-2', 'template-3']);
    const suggestions = new Suggestions(new SuggestionBudget(cellsOf('template-x', [...known])));
    for (let ask = 0; ask < 5; ask += 1) expect(suggestions.suggest('template-x', known)).toBe('template-1');
    // The budget went to the first question: a new name gets no suggestion.
    expect(suggestions.suggest('template-y', known)).toBeUndefined();
  });

  it('past the budget, gives no suggestion rather than a partial one', () => {
    const known = new Set(['abcdef', 'abcdex']);
    const suggestions = new Suggestions(new SuggestionBudget(cellsOf('abcdez', [...known]) - 1));
    expect(suggestions.suggest('abcdez', known)).toBeUndefined();
    // A cheaper question still fits what is left.
    expect(suggestions.suggest('abcdez', new Set(['abcdef']))).toBe('abcdef');
  });
});
