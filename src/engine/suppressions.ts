// The suppressions file (SPEC 10, as ESLint's bulk suppressions): findings accepted as they are, by stable fingerprint.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { Finding } from '../findings/finding.js';
import type { Suppressed } from '../findings/suppress.js';
import type { CxlintSuppressions } from '../generated/suppressions-types.js';
import { suppressions as validateSuppressions } from '../generated/validators.js';
import { decodeText, readFileUpTo } from '../loaders/text.js';

export type SuppressionEntry = CxlintSuppressions['suppressions'][number];

export const SUPPRESSIONS_FILE = 'cxlint-suppressions.json';
const MAX_BYTES = 64 * 1024 * 1024;

/** Where the suppressions file is: `--suppressions FILE`, else in the project's root (the config's folder, else the repository's). */
export function suppressionsPath(given: string | undefined, cwd: string, projectRoot: string): string {
  return given !== undefined ? path.resolve(cwd, given) : path.join(projectRoot, SUPPRESSIONS_FILE);
}

/** The recorded entries; none when the file does not exist. A file that is not one is a usage error, never a guess. */
export async function readSuppressions(file: string, shown: string): Promise<SuppressionEntry[]> {
  if (!existsSync(file)) return [];
  const read = await readFileUpTo(shown, file, MAX_BYTES).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`Cannot read the suppressions file ${shown}: ${error.code ?? error.message}`);
  });
  const decoded = 'problem' in read ? read : decodeText(shown, read.bytes, MAX_BYTES);
  if ('problem' in decoded) throw new UsageError(`Cannot read the suppressions file ${shown}: ${decoded.problem.message}`);
  let data: unknown;
  try {
    data = JSON.parse(decoded.text);
  } catch {
    throw new UsageError(`The suppressions file ${shown} is not JSON: fix it, or delete it and run --suppress-all again`);
  }
  if (!validateSuppressions(data)) {
    const error = validateSuppressions.errors?.[0];
    throw new UsageError(`The suppressions file ${shown} is not a cxlint suppressions file (${error?.instancePath || '/'} ${error?.message ?? ''}): fix it, or delete it and run --suppress-all again`);
  }
  return (data as CxlintSuppressions).suppressions;
}

interface SuppressionContext {
  pathOf: (file: string) => string;
  readFiles: ReadonlySet<string>;
  exists: (file: string) => boolean;
}

/**
 * Takes the recorded findings out of the report. An entry no finding matches is `unmatched` when its file was read in
 * this run (the problem is gone) or no longer exists; entries of files this run did not read are left alone.
 */
export function applySuppressions(
  findings: Finding[],
  entries: readonly SuppressionEntry[],
  context: SuppressionContext,
): { kept: Finding[]; suppressed: Suppressed[]; unmatched: SuppressionEntry[] } {
  if (entries.length === 0) return { kept: findings, suppressed: [], unmatched: [] };
  const recorded = new Set(entries.map((entry) => entry.fingerprint));
  const kept: Finding[] = [];
  const suppressed: Suppressed[] = [];
  const seen = new Set<string>();
  for (const finding of findings) {
    seen.add(finding.fingerprint);
    if (finding.category !== 'input' && recorded.has(finding.fingerprint)) suppressed.push({ finding, kind: 'external', justification: 'recorded in the suppressions file' });
    else kept.push(finding);
  }
  const unmatched = entries.filter((entry) => !seen.has(entry.fingerprint) && (context.readFiles.has(entry.file) || !context.exists(entry.file)));
  return { kept, suppressed, unmatched };
}

/** What `applySuppressions` needs to know of a run: how it names files, which it read, which exist. */
export function recordedContext(read: { fingerprintPath: (file: string) => string; planFiles: readonly string[]; projectRoot: string }): SuppressionContext {
  return {
    pathOf: read.fingerprintPath,
    readFiles: new Set(read.planFiles.map(read.fingerprintPath)),
    exists: (file: string) => existsSync(path.join(read.projectRoot, file)),
  };
}

/** The entries for findings, with what a reviewer needs to read the file: the rule, the file and what the finding said. */
export function entriesFor(findings: Finding[], pathOf: (file: string) => string): SuppressionEntry[] {
  return findings
    .filter((finding) => finding.category !== 'input')
    .map((finding) => ({ fingerprint: finding.fingerprint, rule: finding.rule, file: pathOf(finding.location.file), message: finding.message }));
}
