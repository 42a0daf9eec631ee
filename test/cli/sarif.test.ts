import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaErrors } from '../reporters/sarif-schema.js';
import { REPO, cleanWorkspaces, cxlint, workspace } from './run.js';

afterAll(cleanWorkspaces);

describe('cxlint check -f sarif:FILE on examples/lease-end', () => {
  it('writes a SARIF file the official schema accepts, with the findings at their files, fingerprints and suppressions', () => {
    // A folder whose name needs percent-encoding; one finding suppressed inline (state-conflict of jul-upgrade), one
    // recorded in the suppressions file (conflicting-facts).
    const folder = path.join(workspace(), 'lease end #1');
    fs.cpSync(path.join(REPO, 'examples', 'lease-end'), folder, { recursive: true });
    const calendar = path.join(folder, 'calendar.yaml');
    fs.writeFileSync(calendar, fs.readFileSync(calendar, 'utf8').replace('  - id: jul-upgrade', '  # cxlint-disable-next-line state-conflict -- the upgrade [offer] stands\n  - id: jul-upgrade'));

    const run = cxlint(['check', '--suppress-rule', 'conflicting-facts', '-f', 'sarif:out.sarif', '-f', 'json:out.json'], { cwd: folder });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const text = fs.readFileSync(path.join(folder, 'out.sarif'), 'utf8');
    expect(schemaErrors(text)).toEqual([]);

    const theRun = (JSON.parse(text) as Sarif.Log).runs[0]!;
    expect(theRun.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `${pathToFileURL(folder).href}/` } });
    expect(theRun.originalUriBaseIds!['%SRCROOT%']!.uri).toMatch(/\/lease%20end%20%231\/$/);
    const place = (result: Sarif.Result) => {
      const { artifactLocation, region } = result.locations![0]!.physicalLocation!;
      return `${result.ruleId} ${artifactLocation!.uriBaseId} ${artifactLocation!.uri}:${region!.startLine}:${region!.startColumn} ${result.suppressions!.length}`;
    };
    expect(theRun.results!.map(place)).toEqual([
      'state-conflict %SRCROOT% calendar.yaml:11:5 0',
      'unanswered-reply %SRCROOT% journeys.yaml:13:9 0',
      'state-conflict %SRCROOT% calendar.yaml:7:5 1',
      'conflicting-facts %SRCROOT% journeys.yaml:13:9 1',
    ]);
    expect(theRun.results![2]!.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'the upgrade [offer] stands' }]);
    expect(theRun.results![3]!.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'recorded in the suppressions file' }]);

    // The fingerprints are those of the JSON report (which lists the unsuppressed findings).
    const json = JSON.parse(fs.readFileSync(path.join(folder, 'out.json'), 'utf8')) as { findings: Array<{ fingerprint: string }> };
    expect(theRun.results!.slice(0, 2).map((result) => result.partialFingerprints!['cxlint/v1'])).toEqual(json.findings.map((finding) => finding.fingerprint));
    expect(theRun.results![0]!.relatedLocations).toEqual([
      { id: 0, physicalLocation: { artifactLocation: { uri: 'segments.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 14, startColumn: 25 } }, message: { text: 'vehicle_returned on 2026-07-07' } },
    ]);
  });
});
