import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the scripts folder, run by `npm test` before the type check.
import { violations } from '../scripts/check-imports.mjs';
import { tempFolder as tree } from './temp-folders.js';

const check = violations as (src?: string) => string[];

describe('the import graph follows the pipeline (scripts/check-imports.mjs, run by npm test)', () => {
  it('src/ has no import against it', () => {
    expect(check()).toEqual([]);
  });

  it('reports an import from a later stage and a cycle', () => {
    const src = tree({
      'model/a.ts': "import type { Rule } from '../rules/rule.js';\n",
      'rules/rule.ts': "import { b } from './b.js';\nexport type Rule = 1;\n",
      'rules/b.ts': "export { Rule } from './rule.js';\nexport const b = 1;\n",
      'time/c.ts': "import { x } from '../errors.js';\n",
      'errors.ts': 'export const x = 1;\n',
    });
    expect(check(src)).toEqual(['model/a.ts → rules/rule.ts: model reaches forward into rules', 'import cycle: rules/b.ts ↔ rules/rule.ts']);
  });
});
