import { afterAll, describe, it } from 'vitest';
import { PLAN, cleanHostileFolders, expectHandled, hostileFolder } from './harness.js';

afterAll(cleanHostileFolders);

describe('hostile: outputs', () => {
  it('a report to a new file is written and nothing else changes', () => {
    expectHandled(hostileFolder({ 'plan.yaml': PLAN }), ['check', '-f', 'json', '-o', 'report.json'], { status: 0, creates: ['report.json'] });
  });
});
