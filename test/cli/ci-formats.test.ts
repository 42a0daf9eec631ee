import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { sharedFormat } from '../shared-formats.js';
import { schemaErrors } from '../reporters/sarif-schema.js';
import { REPO, cleanWorkspaces, cxlint, workspace } from './run.js';

afterAll(cleanWorkspaces);

const EXAMPLES = path.join(REPO, 'examples');
const XSD = sharedFormat('junit.xsd');

/** Every example folder; each is copied to a scratch folder, so that the reports are written outside the repository. */
const examples = fs.readdirSync(EXAMPLES, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

describe('one run writes every CI report, each valid for its reader', () => {
  for (const example of examples) {
    it(example, async () => {
      const folder = workspace();
      fs.cpSync(path.join(EXAMPLES, example), folder, { recursive: true });
      for (const golden of ['expected.txt', 'expected.json']) fs.rmSync(path.join(folder, golden), { force: true });
      const run = cxlint(['check', '-f', 'sarif:cxlint.sarif', '-f', 'junit:junit.xml', '-f', 'github', '-f', 'gitlab:gl.json', '-f', 'markdown:summary.md'], { cwd: folder });
      expect([0, 1]).toContain(run.status);
      const read = (name: string): string => fs.readFileSync(path.join(folder, name), 'utf8');
      expect(schemaErrors(read('cxlint.sarif'))).toEqual([]);
      const junit = await validateXML({ xml: [{ fileName: 'junit.xml', contents: read('junit.xml') }], schema: [{ fileName: 'junit.xsd', contents: XSD }] });
      expect(junit.valid, junit.rawOutput).toBe(true);
      const findings = (JSON.parse(read('cxlint.sarif')) as { runs: Array<{ results: unknown[] }> }).runs[0]!.results.length;
      expect((JSON.parse(read('gl.json')) as unknown[]).length).toBe(findings);
      expect(run.stdout.split('\n').filter((line) => /^::(error|warning|notice) /.test(line))).toHaveLength(findings);
      expect(read('summary.md')).toMatch(/^## cxlint/m);
    });
  }
});
