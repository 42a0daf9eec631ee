import { describe, expect, it } from 'vitest';
import { findingsOf } from './helpers.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const rule = 'locale-drift';

/** A plan with one template (id t) whose content holds the given `locale: {…}` lines, after an optional offer. */
const template = (content: string[], offer?: string): Record<string, string> => ({
  'templates.yaml': lines(
    'templates:',
    '  - id: t',
    '    channel: email',
    '    intent: promotion',
    ...(offer ? [`    offer: ${offer}`] : []),
    '    content:',
    ...content.map((line) => `      ${line}`),
  ),
});

describe('locale-drift', () => {
  it('reports a percentage that differs, at the locale that disagrees with the first one', async () => {
    const files = template(['en-US: {subject: "Save 15% today"}', 'fr-FR: {subject: "Économisez 20 % aujourd\'hui"}']);
    expect(await findingsOf(rule, files)).toEqual([
      {
        rule,
        file: 'templates.yaml',
        line: 7,
        column: 7,
        severity: 'warning',
        message: "t: fr-FR's percentages (20 %) differ from en-US's (15%)",
        segments: [],
      },
    ]);
  });

  it("reads numbers in each locale's own notation: these all say 10 % and 1000 €", async () => {
    const files = template([
      'en-US: {body: "Save 10% on orders over €1,000 (€1,000.00 exactly)."}',
      'fr-FR: {body: "10,0 % de remise dès 1 000 € (1\\u202f000,00 € exactement)."}',
      'de-DE: {body: "10 % Rabatt ab 1.000 € (1.000,00 € genau)."}',
      'de-CH: {body: "10% Rabatt ab 1\'000 € (1’000.00 € genau)."}',
      'tr-TR: {body: "1.000 € üzeri siparişlerde %10 indirim (1.000,00 €)."}',
      'ar-EG: {body: "خصم ١٠٪ على الطلبات فوق ١٬٠٠٠ €"}',
      'en-IN: {body: "Save 10 % on orders over €1,000."}',
    ]);
    expect(await findingsOf(rule, files)).toEqual([]);
  });

  it("does not read another notation's decimal comma as a number", async () => {
    const files = template(['en-US: {body: "Save 10,5 %"}', 'de-DE: {body: "10,5 % sparen"}']);
    expect((await findingsOf(rule, files)).map((f) => f.message)).toEqual(["t: de-DE's percentages (10,5 %) differ from en-US's (none)"]);
  });

  it('reports amounts that differ, and each locale and aspect on its own', async () => {
    const files = template([
      'en-US: {subject: "$25 off for {{first_name}}", body: "Use SPRING25."}',
      'fr-FR: {subject: "20 € offerts, {{prenom}}", body: "Code SPRING20."}', // 7
      'es-ES: {subject: "25 $ de descuento, {{first_name}}", body: "Usa SPRING25."}',
    ]);
    expect((await findingsOf(rule, files)).map((f) => [f.line, f.column, f.message])).toEqual([
      [7, 7, "t: fr-FR's amounts (20 €) differ from en-US's ($25)"],
      [7, 7, "t: fr-FR's offer codes (SPRING20) differ from en-US's (SPRING25)"],
      [7, 7, "t: fr-FR's placeholders ({{prenom}}) differ from en-US's ({{first_name}})"],
    ]);
  });

  it("reports the template's offer code missing from one locale, even when it does not look like a code", async () => {
    const files = template(['en-US: {body: "Use welcome10 at checkout"}', 'fr-FR: {body: "Utilisez le code au paiement"}', 'de-DE: {body: "Mit welcome10 sparen"}'], '{id: w, value: 10%, code: welcome10}');
    expect((await findingsOf(rule, files)).map((f) => [f.line, f.message])).toEqual([[8, "t: fr-FR's offer codes (none) differ from en-US's (welcome10)"]]);
  });

  it('compares placeholders in every field, nested ones too, whatever the order', async () => {
    const files = template([
      'en-US: {subject: "Hi {{first_name}}", buttons: [{label: "Book at {{dealer.name}}"}]}',
      'fr-FR: {buttons: [{label: "Réservez chez {{ dealer.name }}"}], subject: "Bonjour {{first_name}}"}',
      'de-DE: {subject: "Hallo {{first_name}}", buttons: [{label: "Jetzt buchen"}]}',
    ]);
    expect((await findingsOf(rule, files)).map((f) => f.message)).toEqual(["t: de-DE's placeholders ({{first_name}}) differ from en-US's ({{first_name}}, {{dealer.name}})"]);
  });

  it('ignores links, HTML, placeholders and numbers that are neither percentages nor amounts', async () => {
    const files = template([
      'en-US: {body: "<b>10%</b> off until 2026 at https://example.com/en/sale%20now?utm_campaign=SPRING2026EN {{SKU1234}}"}',
      'fr-FR: {body: "<b>10&nbsp;%</b> de remise jusqu\'en 2027 sur https://example.com/fr/soldes?utm_campaign=SPRING2026FR {{SKU9999}}"}',
    ]);
    expect((await findingsOf(rule, files)).map((f) => f.message)).toEqual(["t: fr-FR's placeholders ({{SKU9999}}) differ from en-US's ({{SKU1234}})"]);
  });

  it('does not check a template with one locale', async () => {
    expect(await findingsOf(rule, template(['en-US: {body: "Save 15%"}']))).toEqual([]);
  });
});
