// SARIF 2.1.0 (OASIS), as GitHub code scanning reads it: a small writer typed by @types/sarif, not a builder library,
// because a report is written in pieces (types.ts) and a builder only hands back the whole log as one string.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Finding, Location, RelatedLocation, SeveritySetting } from '../findings/finding.js';
import type { Suppressed } from '../findings/suppress.js';
import { RULES } from '../rules/index.js';
import { REPOSITORY, ruleDocUrl, ruleListing } from './rules.js';
import { safeJson } from './sanitize.js';
import type { Reporter } from './types.js';

/** The key of `partialFingerprints`: cxlint's stable fingerprint, version 1 (a new way of computing it gets a new key). */
export const FINGERPRINT_KEY = 'cxlint/v1';
export const SRCROOT = '%SRCROOT%';
const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Readonly<Record<SeveritySetting, Sarif.ReportingConfiguration.level>> = { error: 'error', warning: 'warning', info: 'note', off: 'none' };

/**
 * Plan text as a SARIF plain-text message: `[`, `]` and `\` escaped with a backslash, so that no text of the plan reads
 * as an embedded link (`[click](https://…)`, SARIF 3.11.6); GitHub's CodeQL writes and reads messages the same way.
 */
export function sarifText(text: string): string {
  return text.replace(/[\\[\]]/g, '\\$&');
}

// encodeURIComponent throws on a lone surrogate; a file name can hold one only through a bad decoding.
const wellFormed = (text: string): string => text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** A finding's file (relative to the working folder, with `/`) as a URI reference: each segment percent-encoded. */
function artifactLocation(file: string): Sarif.ArtifactLocation {
  // A file on another drive than the working folder (Windows) has no relative path: an absolute file URI.
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: wellFormed(file).split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** The working folder as a `file:` URL ending in `/`, so that relative URIs resolve under it. */
export function rootUri(root: string): string {
  const href = pathToFileURL(root).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function physicalLocation(location: Location): Sarif.PhysicalLocation {
  const { file, line, column, endLine, endColumn } = location;
  return { artifactLocation: artifactLocation(file), region: { startLine: line, startColumn: column, endLine, endColumn } };
}

function relatedLocation(related: RelatedLocation, id: number): Sarif.Location {
  return {
    id,
    physicalLocation: { artifactLocation: artifactLocation(related.file), region: { startLine: related.line, startColumn: related.column } },
    message: { text: sarifText(related.message) },
  };
}

function rule(listing: ReturnType<typeof ruleListing>[number], fixable: boolean): Sarif.ReportingDescriptor {
  const { id, category, severity, description } = listing;
  const helpUri = ruleDocUrl(id);
  const setting = `${category} rule, ${severity} in cxlint:recommended${fixable ? ', fixable' : ''}`;
  return {
    id,
    shortDescription: { text: description },
    fullDescription: { text: `${description} (${setting}.)` },
    helpUri,
    help: {
      text: `${description}\n\nCategory: ${category}. Default severity: ${severity}. Documentation: ${helpUri}`,
      markdown: `${description}\n\nCategory: \`${category}\` · default severity: \`${severity}\`\n\n[Documentation of ${id}](${helpUri})`,
    },
    defaultConfiguration: { level: LEVEL[severity as SeveritySetting] },
    properties: { tags: [category] },
  };
}

const RULE_INDEX: ReadonlyMap<string, number> = new Map(RULES.map((meta, index) => [meta.id, index]));

function result(finding: Finding, suppression: Omit<Suppressed, 'finding'> | undefined): Sarif.Result {
  const ruleIndex = RULE_INDEX.get(finding.rule);
  const suppressions: Sarif.Suppression[] = suppression
    ? [{ kind: suppression.kind, status: 'accepted', ...(suppression.justification !== undefined ? { justification: suppression.justification } : {}) }]
    : [];
  return {
    ruleId: finding.rule,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: LEVEL[finding.severity],
    message: { text: sarifText(finding.message) },
    locations: [{ physicalLocation: physicalLocation(finding.location) }],
    ...(finding.related.length > 0 ? { relatedLocations: finding.related.map(relatedLocation) } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    // SARIF: cxlint evaluates suppressions for every result, so an unsuppressed one says so with an empty array.
    suppressions,
    properties: {
      segments: finding.segments,
      ...(finding.at ? { at: finding.at } : {}),
      ...(finding.after ? { after: finding.after } : {}),
    },
  };
}

/** The SARIF log: one run, every rule in `tool.driver.rules`, the findings then the suppressed findings in `results`. */
export const sarif: Reporter = function* ({ version, root, findings, suppressed }) {
  const rules = ruleListing(RULES).map((listing, index) => rule(listing, RULES[index]!.fixable));
  const run: Sarif.Run = {
    tool: { driver: { name: 'cxlint', version, semanticVersion: version, informationUri: REPOSITORY, rules } },
    originalUriBaseIds: { [SRCROOT]: { uri: rootUri(root) } },
    columnKind: 'utf16CodeUnits',
    // last, so that the results can be written one by one where this empty array stands
    results: [],
  };
  const log: Sarif.Log = { $schema: SCHEMA, version: '2.1.0', runs: [run] };
  const text = safeJson(JSON.stringify(log, null, 2));
  const at = text.lastIndexOf('[]');
  if (findings.length + suppressed.length === 0) {
    yield `${text}\n`;
    return;
  }
  yield `${text.slice(0, at)}[`;
  const indent = '        ';
  let separator = '\n';
  const write = (finding: Finding, suppression?: Omit<Suppressed, 'finding'>): string => {
    const json = safeJson(JSON.stringify(result(finding, suppression), null, 2)).replace(/\n/g, `\n${indent}`);
    const piece = `${separator}${indent}${json}`;
    separator = ',\n';
    return piece;
  };
  for (const finding of findings) yield write(finding);
  for (const { finding, ...suppression } of suppressed) yield write(finding, suppression);
  yield `\n      ]${text.slice(at + 2)}\n`;
};
