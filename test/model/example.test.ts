import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_FILE_NAMES, readConfigChain } from '../../src/config/load.js';
import { resolveConfig } from '../../src/config/resolve.js';
import type { Vocabulary } from '../../src/model/vocabulary.js';
import type { ModelRun } from './helpers.js';
import { brief, model } from './helpers.js';
import { PRESETS } from '../../src/engine/presets.js';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/lease-end');

/** Every plan file of the example (its config file is read as config), keyed by name. */
function exampleFiles(): Record<string, string> {
  // expected.json is the example's golden report, not a plan file.
  const names = readdirSync(folder).filter((name) => /\.(ya?ml|json)$/.test(name) && !CONFIG_FILE_NAMES.includes(name) && !name.startsWith('expected.'));
  return Object.fromEntries(names.sort().map((name) => [name, readFileSync(path.join(folder, name), 'utf8')]));
}

describe('examples/lease-end', () => {
  let run: ModelRun;
  let vocabulary: Vocabulary;
  beforeAll(async () => {
    vocabulary = resolveConfig(await readConfigChain(path.join(folder, 'cxlint.config.yaml'), folder, PRESETS)).vocabulary;
    run = model(exampleFiles(), vocabulary);
  });

  it('has the plan files it is described with', () => {
    expect(Object.keys(exampleFiles())).toEqual(expect.arrayContaining(['calendar.yaml', 'journeys.yaml', 'segments.yaml', 'templates.yaml']));
  });

  it('builds with no problem at all', () => {
    expect(brief(run.problems)).toEqual([]);
  });

  it('lets the June cohort inherit from the lessees', () => {
    const cohort = run.plan.segments.get('lessees-2026-06')!;
    expect(cohort.parent).toBe('lessees');
    expect(cohort.timezones).toEqual(['America/Chicago']);
    expect(cohort.locales).toEqual(['en-US']);
    expect(cohort.consent).toEqual(['email', 'sms']);
    expect({ ...cohort.states }).toEqual({ lease: 'active', service_case: 'closed' });
    expect(cohort.events.get('lease_end')!.date).toEqual({ local: '2026-06-30', hasTime: false });
    expect(cohort.events.get('vehicle_returned')!.date).toEqual({ local: '2026-07-07', hasTime: false });
    expect(run.plan.segments.get('lessees')!.children).toEqual(['lessees-2026-06']);
  });

  it('reads the lease-end journey and resolves its steps', () => {
    const journey = run.plan.journeys.get('lease-end')!;
    expect(journey.entry).toEqual({ segment: 'lessees', event: 'lease_end', date: undefined, offset: '-P180D' });
    const options = journey.steps.find((step) => step.id === 'options')!;
    expect(options.index).toBe(0);
    expect(options.action).toEqual({ kind: 'send', template: 'lease-options-email', channel: 'email' });
    expect(options.next).toBe(1);
    const done = journey.steps.find((step) => step.id === 'done')!;
    expect(done.action).toEqual({ kind: 'exit' });
    expect(done.next).toBe('end');
    const branch = journey.steps.find((step) => step.action.kind === 'branch')!.action;
    expect(branch.kind === 'branch' && branch.options.every((option) => option.next === done.index)).toBe(true);
  });

  it('gives calendar sends the template\'s channel, campaign and owner', () => {
    const upgrade = run.plan.sends.find((send) => send.id === 'jul-upgrade')!;
    expect(upgrade).toMatchObject({ segments: ['lessees'], template: 'upgrade-discounts', channel: 'email', campaign: 'summer-upgrades', owner: 'dealer-marketing' });
    expect(upgrade.date).toEqual({ local: '2026-07-05T09:00:00', hasTime: true });
    const service = run.plan.sends.find((send) => send.id === 'jul-service')!;
    expect(service.date).toEqual({ local: '2026-07-10', hasTime: false });
    expect(run.plan.templates.get('upgrade-discounts')!.offer).toEqual({
      id: 'accessories',
      value: '15%',
      code: 'UPG15',
      validFrom: { local: '2026-06-01', hasTime: false },
      validUntil: { local: '2026-08-31', hasTime: false },
    });
  });
});
