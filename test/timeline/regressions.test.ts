import { describe, expect, it } from 'vitest';
import { local, timelinesOf } from './helpers.js';

describe('journey runs', () => {
  it('are not shared by segments in different zones whose offsets agree on the start day', () => {
    // Paris and Lagos are both +01:00 on 1 March; after Paris moves to summer time they differ.
    const timelines = timelinesOf(`segments:
  - {id: members}
  - {id: paris, parent: members, timezone: Europe/Paris, events: {signup: 2026-03-01}}
  - {id: lagos, parent: members, timezone: Africa/Lagos, events: {signup: 2026-03-01}}
journeys:
  - {id: j, entry: {segment: members, event: signup}, steps: [{wait: P60D}, {send: a}]}
`);
    expect(timelines.timeline('paris').map((entry) => local(entry.send.time))).toEqual(['2026-04-30T09:00+02:00']);
    expect(timelines.timeline('lagos').map((entry) => local(entry.send.time))).toEqual(['2026-04-30T09:00+01:00']);
  });

  it('do not assume a reply again at the same instant round a loop that answers each reply', () => {
    const timelines = timelinesOf(`segments:
  - {id: members, events: {signup: 2026-03-01}}
journeys:
  - id: j
    entry: {segment: members, event: signup}
    steps:
      - id: listen
        branch:
          - {when: {event: replied, within: P30D}, next: answer}
          - {otherwise: true, next: done}
      - {id: answer, send: a, next: listen}
      - {id: done, exit: true}
`);
    expect(timelines.timeline('members').map((entry) => `${local(entry.send.time)} ${entry.send.template}`)).toEqual(['2026-03-01T09:00Z a']);
  });
});
