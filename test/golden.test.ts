import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the scripts folder, shared with `npm run golden`.
import { EXAMPLES, GOLDEN_FILES, exampleNames, goldenOutput } from '../scripts/golden.mjs';

interface GoldenFile {
  name: string;
  args: string[];
}

describe('golden outputs: each example’s report is exactly the one committed next to it', () => {
  for (const example of exampleNames() as string[]) {
    for (const { name, args } of GOLDEN_FILES as GoldenFile[]) {
      it(`examples/${example}/${name}`, () => {
        const expected = readFileSync(path.join(EXAMPLES as string, example, name), 'utf8');
        expect(goldenOutput(example, args), 'run `npm run golden -- --update` after reviewing the change').toBe(expected);
      });
    }
  }
});
