import { afterEach, describe, expect, it, vi } from 'vitest';
import { RuleCrash, internalErrorText } from '../../src/errors.js';
import { quietHours } from '../../src/rules/quiet-hours.js';
import { lintFiles } from '../rules/helpers.js';

afterEach(() => vi.restoreAllMocks());

const PLAN = { 'plan.yaml': 'segments: [{id: m, timezone: UTC}]\ntemplates: [{id: t, channel: sms, intent: promotion}]\ncalendar: [{date: 2026-01-05T23:00, segment: m, template: t}]\n' };

describe('a rule that throws', () => {
  it('is named in the error, with the stack of what it threw', async () => {
    const defect = new TypeError("Cannot read properties of undefined (reading 'includes')");
    vi.spyOn(quietHours, 'create').mockImplementation(() => ({
      onSend: () => {
        throw defect;
      },
    }));
    const error = await lintFiles(PLAN).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(RuleCrash);
    expect((error as RuleCrash).rule).toBe('quiet-hours');
    expect((error as RuleCrash).stack).toBe(defect.stack);
    expect(internalErrorText(error)).toBe("internal error in rule quiet-hours: Cannot read properties of undefined (reading 'includes')");
  });

  it('any other internal error keeps the plain wording', () => {
    expect(internalErrorText(new Error('boom'))).toBe('internal error: boom');
  });
});
