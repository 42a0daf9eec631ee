import { afterEach, describe, expect, it, vi } from 'vitest';

// The digit table is module state, learnt once: each test reads a fresh copy of the module.
async function freshPlainText(): Promise<typeof import('../../../src/rules/kit/content.js').plainText> {
  vi.resetModules();
  return (await import('../../../src/rules/kit/content.js')).plainText;
}

afterEach(() => vi.restoreAllMocks());

describe('plainText learns the digits of every script only when a text holds one (start-up, issue 14)', () => {
  it('reads a text of ASCII digits, accents and full-width forms without asking Intl for its numbering systems', async () => {
    const plainText = await freshPlainText();
    const systems = vi.spyOn(Intl, 'supportedValuesOf');
    expect(plainText('Économisez 15 % — １５％').plain).toBe('Économisez 15 % — 15%');
    expect(systems).not.toHaveBeenCalled();
  });

  it('learns them at the first Arabic-Indic or Devanagari digit, and reads it as its value', async () => {
    const plainText = await freshPlainText();
    const systems = vi.spyOn(Intl, 'supportedValuesOf');
    expect(plainText('خصم ١٥٪ / ५०').plain).toBe('خصم 15% / 50');
    expect(systems).toHaveBeenCalledTimes(1);
  });
});
