import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { parse } from 'yaml';
import { REPO, cleanWorkspaces, cxlint, workspace } from '../cli/run.js';
import { codeBlocks } from '../markdown-blocks.js';
import { sharedFormat } from '../shared-formats.js';

afterAll(cleanWorkspaces);

/**
 * The GitLab CI, Jenkins and Azure DevOps snippets of docs/ci.md, run as their CI would run them: each cxlint command
 * of a job runs on a plan with findings, and each report the job hands to its CI (`artifacts: reports:`, Jenkins'
 * `junit`, Azure's `PublishTestResults`) must then exist and be valid for that reader. No validator of these CI files
 * runs offline on Node 20, so their structure is checked against the keywords the snippets may use.
 */

const XSD = sharedFormat('junit.xsd');

/** The GitLab job keywords the snippets may use, and the report kinds GitLab reads that cxlint writes. */
const GITLAB_JOB_KEYS = new Set(['image', 'stage', 'script', 'before_script', 'artifacts', 'rules', 'needs', 'variables', 'allow_failure']);
const GITLAB_ARTIFACT_KEYS = new Set(['when', 'reports', 'paths', 'expire_in']);
const GITLAB_REPORTS = new Set(['codequality', 'junit']);

/** A workspace with the lease-end plan (four errors) under `plan/`, as a campaign repository holds it. */
function campaignRepository(): string {
  const folder = workspace();
  fs.cpSync(path.join(REPO, 'examples', 'lease-end'), path.join(folder, 'plan'), { recursive: true });
  for (const golden of ['expected.txt', 'expected.json']) fs.rmSync(path.join(folder, 'plan', golden));
  return folder;
}

/**
 * Runs one shell line of a snippet if it is a cxlint command (`npm ci` installs what the repository already has).
 * The snippets quote nothing, so splitting at spaces is the shell's reading; a quote would need a real parser.
 */
function runLine(line: string, cwd: string): boolean {
  const words = line.trim().split(/\s+/);
  if (words[0] !== 'npx' || words[1] !== 'cxlint') return false;
  expect(line, 'a snippet quotes nothing').not.toMatch(/["'\\$]/);
  const run = cxlint(words.slice(2), { cwd });
  expect(run.stderr).toBe('');
  expect(run.status, 'the plan has errors: cxlint fails the job').toBe(1);
  return true;
}

async function expectJunit(file: string): Promise<void> {
  const result = await validateXML({ xml: [{ fileName: path.basename(file), contents: fs.readFileSync(file, 'utf8') }], schema: [{ fileName: 'junit.xsd', contents: XSD }] });
  expect(result.valid, result.rawOutput).toBe(true);
  expect(fs.readFileSync(file, 'utf8')).toContain('<failure type="error"');
}

function expectCodeQuality(file: string): void {
  const issues = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<Record<string, unknown>>;
  expect(issues).toHaveLength(4);
  for (const issue of issues) {
    expect(Object.keys(issue).sort()).toEqual(['check_name', 'description', 'fingerprint', 'location', 'severity']);
    expect(issue.location).toMatchObject({ path: expect.stringMatching(/^plan\//), lines: { begin: expect.any(Number) } });
  }
}

const yamlBlocks = codeBlocks('docs/ci.md', 'yaml').map((text) => parse(text) as Record<string, unknown>);
const gitlabJobs = yamlBlocks.flatMap((config) =>
  Object.entries(config).filter((entry): entry is [string, Record<string, unknown>] => typeof entry[1] === 'object' && entry[1] !== null && 'script' in entry[1]),
);

describe('GitLab CI jobs in docs/ci.md', () => {
  it('are there: Code Quality and JUnit', () => {
    const reports = gitlabJobs.flatMap(([, job]) => Object.keys((job.artifacts as { reports?: object } | undefined)?.reports ?? {}));
    expect(reports.sort()).toEqual(['codequality', 'junit']);
  });

  for (const [name, job] of gitlabJobs) {
    it(`${name}: writes the reports it uploads, even when cxlint fails the job`, async () => {
      expect(Object.keys(job).filter((key) => !GITLAB_JOB_KEYS.has(key))).toEqual([]);
      const artifacts = job.artifacts as { when?: string; reports: Record<string, string> };
      expect(Object.keys(artifacts).filter((key) => !GITLAB_ARTIFACT_KEYS.has(key))).toEqual([]);
      expect(artifacts.when, 'uploaded when cxlint fails the job').toBe('always');
      const folder = campaignRepository();
      const ran = (job.script as string[]).filter((line) => runLine(line, folder));
      expect(ran.length).toBeGreaterThan(0);
      for (const [kind, file] of Object.entries(artifacts.reports)) {
        expect(GITLAB_REPORTS.has(kind), kind).toBe(true);
        if (kind === 'junit') await expectJunit(path.join(folder, file));
        else expectCodeQuality(path.join(folder, file));
      }
    });
  }
});

describe('the Jenkins pipeline in docs/ci.md', () => {
  const [pipeline] = codeBlocks('docs/ci.md', 'groovy');

  it('runs cxlint, then reads its JUnit report in post { always }', async () => {
    const commands = [...pipeline!.matchAll(/\bsh '([^']*)'/g)].map((match) => match[1]!);
    const reports = [...pipeline!.matchAll(/\bjunit testResults: '([^']*)'/g)].map((match) => match[1]!);
    expect(commands).toHaveLength(1);
    expect(reports).toHaveLength(1);
    expect(pipeline!.indexOf('post {')).toBeLessThan(pipeline!.indexOf('junit testResults'));
    expect(pipeline).toMatch(/post \{\s*always \{\s*junit/);
    const folder = campaignRepository();
    expect(runLine(commands[0]!, folder)).toBe(true);
    await expectJunit(path.join(folder, reports[0]!));
  });
});

describe('the Azure DevOps steps in docs/ci.md', () => {
  const steps = yamlBlocks.find((config) => Array.isArray(config.steps))?.steps as Array<Record<string, unknown>> | undefined;

  it('run cxlint, then publish its JUnit report whether or not it failed', async () => {
    const script = steps?.find((step) => typeof step.script === 'string');
    const publish = steps?.find((step) => step.task === 'PublishTestResults@2') as { condition: string; inputs: Record<string, string> } | undefined;
    expect(publish?.condition).toBe('succeededOrFailed()');
    expect(publish?.inputs.testResultsFormat).toBe('JUnit');
    const folder = campaignRepository();
    expect(runLine(script!.script as string, folder)).toBe(true);
    await expectJunit(path.join(folder, publish!.inputs.testResultsFiles!));
  });
});
