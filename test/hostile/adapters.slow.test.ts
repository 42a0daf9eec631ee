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

  it('a Mailchimp report of 30,000 campaigns is read in bounded time (its rows\' positions were copied in a pass per row)', () => {
    const header =
      'Title,Subject,List,"Send Date","Send Weekday","Total Recipients","Successful Deliveries","Soft Bounces","Hard Bounces","Total Bounces","Times Forwarded","Forwarded Opens","Unique Opens","Open Rate","Total Opens","Unique Clicks","Click Rate","Total Clicks",Unsubscribes,"Abuse Complaints"';
    const rows = Array.from({ length: 30_000 }, (_, index) => `"Campaign ${index}","Subject",m,"Mar 04, 2026 09:30 pm",Wednesday,10,10,0,0,0,0,0,5,50.00%,6,1,10.00%,1,0,0`);
    const root = hostileFolder({ 'mailchimp.csv': [header, ...rows].join('\r\n'), 'plan.yaml': PLAN });
    expectHandled(root, ['check', '-f', 'json'], { status: 1, stdout: /"sends": 30000/, maxRss: GIGABYTE }, { timeoutMs: 60_000 });
  });
});
