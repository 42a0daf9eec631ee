import { afterAll, describe, expect, it } from 'vitest';
import { cleanHostileFolders, expectHandled, hostileFolder } from './harness.js';

afterAll(cleanHostileFolders);

const MB = 1024 ** 2;

describe('hostile: suppression comments', () => {
  it('a file of 100,000 suppression comments naming unknown rules is read in one pass: each reported, in bounded memory', () => {
    // Each comment looks past the others for the item it covers: found by one backward pass, not a scan per comment
    // (which took minutes here). The did-you-mean for the unknown names shares one budget.
    const comments = Array.from({ length: 100_000 }, (_, index) => `  # cxlint-disable-next-line no-such-rule-${index.toString(36)} -- why`);
    const root = hostileFolder({ 'plan.yaml': ['segments: [{id: a}]', 'calendar:', ...comments, ''].join('\n') });
    const run = expectHandled(root, ['check', '-f', 'json', '-o', 'report.json'], { status: 1, maxRss: 600 * MB, creates: ['report.json'] }, { timeoutMs: 60_000 });
    expect(run.stdout).toBe('');
  });
});
