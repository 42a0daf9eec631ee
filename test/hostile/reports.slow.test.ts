import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/api/index.js';
import { resolveTarget, writeReport } from '../../src/cli/output.js';
import type { Finding } from '../../src/findings/finding.js';
import { FORMAT_NAMES, REPORTERS } from '../../src/reporters/index.js';
import type { Report } from '../../src/reporters/types.js';
import { REPO } from '../cli/run.js';

const MILLION = 1_000_000;
const MEGABYTE = 1024 * 1024;

/**
 * A million findings, each written out in full by every format (the Markdown summary cuts itself at 1 MiB): the lease-end
 * example's four, repeated. The objects are shared, so the findings themselves weigh 8 MB: what grows while a report
 * is written is the report's text, and it must not grow with the report.
 */
async function millionFindings(): Promise<Report> {
  const report = await lint([path.join(REPO, 'examples', 'lease-end')], { html: true });
  const four: Finding[] = report.findings;
  const findings = Array.from({ length: MILLION }, (_, index) => four[index % four.length]!);
  return { ...report, findings, summary: { ...report.summary, errors: MILLION } };
}

/** The pieces of a report, with the highest resident memory seen while they were made and written. */
function* sampled(pieces: Iterable<string>, peak: { rss: number; bytes: number }): Generator<string> {
  for (const piece of pieces) {
    peak.bytes += piece.length;
    peak.rss = Math.max(peak.rss, process.memoryUsage.rss());
    yield piece;
  }
}

describe('hostile (slow): reports of a million findings are written in bounded memory', () => {
  it.each(FORMAT_NAMES.filter((name) => name !== 'text'))('%s', async (format) => {
    const report = await millionFindings();
    const target = await resolveTarget(os.devNull, process.cwd());
    const before = process.memoryUsage.rss();
    const peak = { rss: before, bytes: 0 };
    await writeReport(target, sampled(REPORTERS[format](report, { color: false }), peak));
    if (format !== 'markdown') expect(peak.bytes).toBeGreaterThan(100 * MEGABYTE);
    // A report held whole would add its own size (hundreds of MB, twice that in UTF-16) to the process.
    expect((peak.rss - before) / MEGABYTE).toBeLessThan(200);
  });
});
