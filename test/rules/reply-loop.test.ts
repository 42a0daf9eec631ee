import { describe, expect, it } from 'vitest';
import { lintFiles } from './helpers.js';

describe('a journey that answers every reply and listens again', () => {
  it('is no loop without a wait (each turn needs a new reply) and sends no duplicate', async () => {
    const plan = `segments:
  - {id: members, timezone: Europe/Paris, events: {signup: 2026-03-01}}
templates:
  - {id: welcome, channel: email, intent: welcome, content: {en-US: {body: hi}}}
  - {id: ack, channel: email, intent: service, content: {en-US: {body: thanks}}}
journeys:
  - id: j
    entry: {segment: members, event: signup}
    steps:
      - send: welcome
      - id: listen
        branch:
          - {when: {event: replied, within: P30D}, next: answer}
          - {otherwise: true, next: done}
      - {id: answer, send: ack, next: listen}
      - {id: done, exit: true}
`;
    expect((await lintFiles({ 'plan.yaml': plan })).map((finding) => `${finding.rule}: ${finding.message}`)).toEqual([]);
  });
});
