import { ruleTester } from './rule-tester.js';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** A plan with one template (id t) whose content holds the given `locale: {…}` lines (the first at line 6, or 7 after an offer). */
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

// Findings stand at the locale's key in `content`: a template's text, not a send, so no `at`.
ruleTester(
  'locale-drift',
  {
    valid: [
      {
        name: "numbers read in each locale's own notation: these all say 10 % and 1000 €",
        files: template([
          'en-US: {body: "Save 10% on orders over €1,000 (€1,000.00 exactly)."}',
          'fr-FR: {body: "10,0 % de remise dès 1 000 € (1\\u202f000,00 € exactement)."}',
          'de-DE: {body: "10 % Rabatt ab 1.000 € (1.000,00 € genau)."}',
          'de-CH: {body: "10% Rabatt ab 1\'000 € (1’000.00 € genau)."}',
          'tr-TR: {body: "1.000 € üzeri siparişlerde %10 indirim (1.000,00 €)."}',
          'ar-EG: {body: "خصم ١٠٪ على الطلبات فوق ١٬٠٠٠ €"}',
          'en-IN: {body: "Save 10 % on orders over €1,000."}',
        ]),
      },
      {
        name: 'percentages in every script: glued to CJK characters, full-width, Arabic-Indic and Devanagari digits',
        files: template([
          'fr-FR: {body: "15\u202f% de remise"}',
          'zh-CN: {body: "全场立减15%"}',
          'ja-JP: {body: "今なら１５％オフ"}',
          'ar-EG: {body: "خصم ١٥٪ على كل شيء"}',
          'hi-IN: {body: "सब पर १५% की छूट"}',
          'de-DE: {body: "15 % Rabatt"}',
        ]),
      },
      {
        name: "amounts in every locale's notation and script: 100000 and 1000.50 everywhere",
        files: template([
          'en-US: {body: "Spend $100,000, get $1,000.50 back"}',
          'de-DE: {body: "100.000 € ausgeben, 1.000,50 € zurück"}',
          'fr-FR: {body: "Dépensez 100\u202f000 €, recevez 1\u202f000,50 €"}',
          'en-IN: {body: "Spend ₹1,00,000, get ₹1,000.50 back"}',
          'hi-IN: {body: "₹१,००,००० खर्च करें, ₹१,०००.५० वापस पाएं"}',
          'zh-CN: {body: "消费100,000元返1,000.50元"}',
          'ja-JP: {body: "１００，０００円で１，０００.５０円還元"}',
          'ar-EG: {body: "أنفق ١٠٠٬٠٠٠ € واسترد ١٬٠٠٠٫٥٠ €"}',
        ]),
      },
      {
        name: 'discounts Chinese and Japanese write without a percent sign: 八折, 8折, 二割引 and 2割 are 20 % off; 八五折, 8.5折 and 85折 are 15 % off',
        files: template(['en-US: {subject: "20% off", body: "and 15% off the serum"}', 'zh-CN: {subject: "会员享八折", body: "精华八五折"}', 'zh-TW: {subject: "全館8折", body: "精華8.5折，或85折"}', 'ja-JP: {subject: "二割引", body: "美容液は15%オフ、2割引も"}', 'zh-HK: {subject: "三折叠屏 8折", body: "八五折"}']),
      },
      { name: 'a template with one locale is not checked', files: template(['en-US: {body: "Save 15%"}']) },
    ],
    invalid: [
      {
        name: 'a percentage that differs, at the locale that disagrees with the first one',
        files: template(['en-US: {subject: "Save 15% today"}', 'fr-FR: {subject: "Économisez 20 % aujourd\'hui"}']),
        findings: [{ line: 7, column: 7, message: "t: fr-FR's percentages (20 %) differ from en-US's (15%)" }],
      },
      {
        name: 'a number glued to Chinese characters is read (the issue 13 plan), and shown as written',
        files: template(['fr-FR: {body: "15 % de remise"}', 'zh-CN: {body: "全场立减20%"}', 'ja-JP: {body: "今なら１０％オフ"}', 'ar-EG: {body: "خصم ٢٠٪"}', 'hi-IN: {body: "१५% की छूट"}']),
        findings: [
          { line: 7, column: 7, message: "t: zh-CN's percentages (20%) differ from fr-FR's (15 %)" },
          { line: 8, column: 7, message: "t: ja-JP's percentages (１０％) differ from fr-FR's (15 %)" },
          { line: 9, column: 7, message: "t: ar-EG's percentages (٢٠٪) differ from fr-FR's (15 %)" },
        ],
      },
      {
        name: 'a number inside a word of a script written with spaces is no number of its own',
        files: template(['en-US: {body: "Save 15% with SPRING15%"}', 'de-DE: {body: "15 % sparen mit SPRING15 %"}', 'fr-FR: {body: "15 % avec PRINTEMPS20 %"}']),
        findings: [{ line: 8, column: 7, message: "t: fr-FR's offer codes (PRINTEMPS20) differ from en-US's (SPRING15)" }],
      },
      {
        name: 'a 折 discount that is not the other locale’s percentage, shown as written',
        files: template(['en-US: {body: "20% off for members"}', 'zh-CN: {body: "会员享八五折"}']),
        findings: [{ line: 7, column: 7, message: "t: zh-CN's percentages (八五折) differ from en-US's (20%)" }],
      },
      {
        name: "another notation's decimal comma is no number",
        files: template(['en-US: {body: "Save 10,5 %"}', 'de-DE: {body: "10,5 % sparen"}']),
        findings: [{ line: 7, column: 7, message: "t: de-DE's percentages (10,5 %) differ from en-US's (none)" }],
      },
      {
        name: 'amounts that differ, and each locale on its own, naming every aspect that differs',
        files: template([
          'en-US: {subject: "$25 off for {{first_name}}", body: "Use SPRING25."}',
          'fr-FR: {subject: "20 € offerts, {{prenom}}", body: "Code SPRING20."}',
          'es-ES: {subject: "25 $ de descuento, {{first_name}}", body: "Usa SPRING25."}',
        ]),
        findings: [
          {
            line: 7,
            column: 7,
            message: "t: fr-FR's placeholders ({{prenom}}) differ from en-US's ({{first_name}}), and its offer codes (SPRING20) from en-US's (SPRING25), and its amounts (20 €) from en-US's ($25)",
          },
        ],
      },
      {
        name: "the template's offer code missing from one locale, even when it does not look like a code",
        files: template(
          ['en-US: {body: "Use welcome10 at checkout"}', 'fr-FR: {body: "Utilisez le code au paiement"}', 'de-DE: {body: "Mit welcome10 sparen"}'],
          '{id: w, value: 10%, code: welcome10}',
        ),
        findings: [{ line: 8, column: 7, message: "t: fr-FR's offer codes (none) differ from en-US's (welcome10)" }],
      },
      {
        name: 'placeholders compared in every field, nested ones too, whatever the order',
        files: template([
          'en-US: {subject: "Hi {{first_name}}", buttons: [{label: "Book at {{dealer.name}}"}]}',
          'fr-FR: {buttons: [{label: "Réservez chez {{ dealer.name }}"}], subject: "Bonjour {{first_name}}"}',
          'de-DE: {subject: "Hallo {{first_name}}", buttons: [{label: "Jetzt buchen"}]}',
        ]),
        findings: [{ line: 8, column: 7, message: "t: de-DE's placeholders ({{first_name}}) differ from en-US's ({{first_name}}, {{dealer.name}})" }],
      },
      {
        name: 'links, HTML, placeholders and numbers that are neither percentages nor amounts are ignored',
        files: template([
          'en-US: {body: "<b>10%</b> off until 2026 at https://example.com/en/sale%20now?utm_campaign=SPRING2026EN {{SKU1234}}"}',
          'fr-FR: {body: "<b>10&nbsp;%</b> de remise jusqu\'en 2027 sur https://example.com/fr/soldes?utm_campaign=SPRING2026FR {{SKU9999}}"}',
        ]),
        findings: [{ line: 7, column: 7, message: "t: fr-FR's placeholders ({{SKU9999}}) differ from en-US's ({{SKU1234}})" }],
      },
    ],
  },
  { file: 'templates.yaml', severity: 'warning' },
);
