import { afterAll, describe, it } from 'vitest';
import { GIGABYTE, PLAN, cleanHostileFolders, expectHandled, hostileFolder } from './harness.js';

afterAll(cleanHostileFolders);

/** The slow half of the adapters' hostile cases (test/hostile/adapters.test.ts): large files, read in bounded time and memory. */
describe('hostile (slow): files the adapters read', () => {
  it('an sfmc journey of 20,000 activities whose next runs in a circle is read in bounded time', () => {
    const count = 20_000;
    const activities = Array.from({ length: count }, (_, index) => ({ key: `WAIT-${index}`, type: 'WAIT', outcomes: [{ key: `o-${index}`, next: `WAIT-${(index + 1) % count}` }], configurationArguments: { waitDuration: 1, waitUnit: 'DAYS' } }));
    const journey = { key: 'circle', name: 'Circle', triggers: [{ key: 'TRIGGER', type: 'APIEvent', metaData: { r__event_key: 'E' } }], activities };
    const root = hostileFolder({ 'retrieve/c/bu/journey/circle.journey-meta.json': JSON.stringify(journey), 'plan.yaml': PLAN });
    expectHandled(root, ['check'], { status: 1, stdout: /circle\.journey-meta\.json[\s\S]*invalid-input/, maxRss: GIGABYTE }, { timeoutMs: 60_000 });
  });
});
