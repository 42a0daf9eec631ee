import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_FILE_NAMES, findConfigFile, readConfigChain } from '../../src/config/load.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { lintTexts, loadConfig } from '../../src/engine/lint.js';
import { usageErrorOf } from '../usage-error.js';
import { completeRuleSettings } from '../../src/engine/rule-settings.js';
import { UsageError } from '../../src/errors.js';
import { tempFolder as tree } from '../temp-folders.js';
import { PRESETS } from '../../src/engine/presets.js';


/** The UsageError a promise rejects with (fails the test when it resolves or throws something else). */
async function usageError(promise: Promise<unknown>): Promise<UsageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return error as UsageError;
}

async function resolved(file: string, cwd = path.dirname(file)) {
  return resolveConfig(await readConfigChain(file, cwd, PRESETS), file);
}

describe('config discovery', () => {
  it('finds a config in a parent folder from a nested working folder', async () => {
    const root = tree({ 'cxlint.config.yaml': 'timezone: Europe/Paris\n', 'plans/2026/q3/.keep': '' });
    expect(await findConfigFile(path.join(root, 'plans', '2026', 'q3'))).toBe(path.join(root, 'cxlint.config.yaml'));
  });

  it('prefers the nearest folder: a config in the working folder beats one in a parent', async () => {
    const root = tree({ 'cxlint.config.yaml': '', 'team/.cxlintrc.json': '{}' });
    expect(await findConfigFile(path.join(root, 'team'))).toBe(path.join(root, 'team', '.cxlintrc.json'));
  });

  it('in one folder the order is cxlint.config.yaml, then .cxlintrc.yaml, then .cxlintrc.json', async () => {
    expect(CONFIG_FILE_NAMES).toEqual(['cxlint.config.yaml', '.cxlintrc.yaml', '.cxlintrc.json']);
    const all = tree({ 'cxlint.config.yaml': '', '.cxlintrc.yaml': '', '.cxlintrc.json': '{}' });
    expect(await findConfigFile(all)).toBe(path.join(all, 'cxlint.config.yaml'));
    const rcs = tree({ '.cxlintrc.yaml': '', '.cxlintrc.json': '{}' });
    expect(await findConfigFile(rcs)).toBe(path.join(rcs, '.cxlintrc.yaml'));
    const json = tree({ '.cxlintrc.json': '{"timezone": "Asia/Tokyo"}' });
    expect(await findConfigFile(json)).toBe(path.join(json, '.cxlintrc.json'));
    expect((await resolved(path.join(json, '.cxlintrc.json'))).timezone).toBe('Asia/Tokyo');
  });

  it('ignores a folder named like a config file', async () => {
    const root = tree({ 'cxlint.config.yaml/.keep': '', '.cxlintrc.yaml': 'timezone: Asia/Tokyo\n' });
    expect(await findConfigFile(root)).toBe(path.join(root, '.cxlintrc.yaml'));
  });

  it('loadConfig uses the discovered file, --config FILE (relative to cwd), or the preset alone with --no-config', async () => {
    const root = tree({
      'cxlint.config.yaml': 'timezone: Europe/Paris\n',
      'other/custom.yaml': 'timezone: Asia/Shanghai\n',
      'sub/.keep': '',
    });
    const { config: found, files } = await loadConfig({ cwd: path.join(root, 'sub'), paths: [] });
    expect(files).toEqual([path.join(root, 'cxlint.config.yaml')]);
    expect(found.file).toBe(path.join(root, 'cxlint.config.yaml'));
    expect(found.timezone).toBe('Europe/Paris');

    const { config: picked } = await loadConfig({ cwd: root, paths: [], configFile: 'other/custom.yaml' });
    expect(picked.file).toBe(path.join(root, 'other', 'custom.yaml'));
    expect(picked.timezone).toBe('Asia/Shanghai');

    const { config: none, files: noFiles } = await loadConfig({ cwd: root, paths: [], noConfig: true });
    expect(noFiles).toEqual([]);
    expect(none.file).toBeUndefined();
    expect(none.timezone).toBe('UTC');
    expect(none.vocabulary.channels.get('wechat')).toEqual({ owned: false });
  });

  it('--config naming a file that does not exist is a usage error', async () => {
    const root = tree();
    const error = await usageError(loadConfig({ cwd: root, paths: [], configFile: 'missing.yaml' }));
    expect(error.message).toContain('No such config file: missing.yaml');
  });

  it('a config without extends builds on cxlint:recommended', async () => {
    const root = tree({ 'cxlint.config.yaml': 'timezone: Europe/Paris\n' });
    const chain = await readConfigChain(path.join(root, 'cxlint.config.yaml'), root, PRESETS);
    expect(chain.map((layer) => layer.source)).toEqual(['cxlint:recommended', 'cxlint.config.yaml']);
    const config = resolveConfig(chain);
    expect(config.vocabulary.intents.get('promotion')?.forbids).toEqual({ service_case: ['open'] });
    expect(config.vocabulary.lifecycle.get('lease_end')).toEqual({ sets: { lease: 'ended' } });
  });
});

describe('extends', () => {
  it('extends a relative file: later layers win key by key, vocabulary maps merge per key', async () => {
    const root = tree({
      'shared/base.yaml': [
        'timezone: Europe/Paris',
        'defaultSendTime: "08:00"',
        'ignore: ["archive/**"]',
        'channels: {tmall: {owned: false}, line: {owned: false}}',
        'intents: {lease_end: {marketing: true}}',
        'lifecycle: {trial_end: {sets: {trial: ended}}}',
        '',
      ].join('\n'),
      'team/cxlint.config.yaml': [
        'extends: ../shared/base.yaml',
        'timezone: Asia/Shanghai',
        'channels: {line: {owned: true}}',
        '',
      ].join('\n'),
    });
    const file = path.join(root, 'team', 'cxlint.config.yaml');
    const chain = await readConfigChain(file, root, PRESETS);
    expect(chain.map((layer) => layer.source)).toEqual(['cxlint:recommended', 'shared/base.yaml', 'team/cxlint.config.yaml']);
    const config = resolveConfig(chain, file);
    expect(config.timezone).toBe('Asia/Shanghai');
    expect(config.defaultSendTime).toBe('08:00');
    expect(config.ignore).toEqual(['archive/**']);
    expect(config.vocabulary.channels.get('tmall')).toEqual({ owned: false });
    expect(config.vocabulary.channels.get('line')).toEqual({ owned: true });
    expect(config.vocabulary.channels.get('email')).toEqual({ owned: true });
    expect(config.vocabulary.intents.get('lease_end')?.marketing).toBe(true);
    expect(config.vocabulary.lifecycle.get('trial_end')).toEqual({ sets: { trial: 'ended' } });
    expect(config.vocabulary.lifecycle.get('signup')).toEqual({ sets: { member: 'active' } });
  });

  it('extends a list: the later entry wins, and keys only the earlier one sets survive', async () => {
    const root = tree({
      'a.yaml': 'timezone: Europe/Paris\ndefaultSendTime: "08:00"\nchannels: {alibaba: {owned: true}, tmall: {owned: false}}\n',
      'b.yaml': 'defaultSendTime: "10:30"\nchannels: {tmall: {owned: true}}\n',
      'cxlint.config.yaml': 'extends: [./a.yaml, ./b.yaml]\n',
    });
    const config = await resolved(path.join(root, 'cxlint.config.yaml'));
    expect(config.defaultSendTime).toBe('10:30');
    expect(config.vocabulary.channels.get('tmall')).toEqual({ owned: true });
    // b.yaml says nothing about these: a.yaml's values must not be reset to the preset's by b's implicit base.
    expect(config.timezone).toBe('Europe/Paris');
    expect(config.vocabulary.channels.get('alibaba')).toEqual({ owned: true });
  });

  it('extends the preset names cxlint:recommended and cxlint:strict', async () => {
    const root = tree({
      'rec.yaml': 'extends: cxlint:recommended\n',
      'strict.yaml': 'extends: cxlint:strict\n',
      'both.yaml': 'extends: [cxlint:strict, ./team.yaml]\n',
      'team.yaml': 'timezone: Europe/Paris\n',
    });
    expect((await readConfigChain(path.join(root, 'rec.yaml'), root, PRESETS)).map((l) => l.source)).toEqual(['cxlint:recommended', 'rec.yaml']);
    expect((await readConfigChain(path.join(root, 'strict.yaml'), root, PRESETS)).map((l) => l.source)).toEqual(['cxlint:strict', 'strict.yaml']);
    // cxlint:strict stays the base: team.yaml (no extends of its own) must not bring cxlint:recommended back on top of it.
    const both = await readConfigChain(path.join(root, 'both.yaml'), root, PRESETS);
    expect(both.map((l) => l.source)).toEqual(['cxlint:strict', 'team.yaml', 'both.yaml']);
    expect(resolveConfig(both).timezone).toBe('Europe/Paris');
  });

  it('an unknown preset is a usage error naming the presets, with its position', async () => {
    const root = tree({ 'cxlint.config.yaml': 'timezone: UTC\nextends: [cxlint:recommended, cxlint:strickt]\n' });
    const error = await usageError(readConfigChain(path.join(root, 'cxlint.config.yaml'), root, PRESETS));
    expect(error.message).toMatch(/^cxlint\.config\.yaml:2:31: unknown preset "cxlint:strickt"/);
    expect(error.message).toContain('cxlint:recommended, cxlint:strict');
  });

  it('an extends cycle is a usage error that shows the circle', async () => {
    const root = tree({ 'a.yaml': 'extends: ./b.yaml\n', 'b.yaml': 'extends: ./a.yaml\n' });
    const error = await usageError(readConfigChain(path.join(root, 'a.yaml'), root, PRESETS));
    expect(error.message).toContain('circle');
    expect(error.message).toContain('a.yaml → b.yaml → a.yaml');
  });

  it('a config extending itself is a cycle too', async () => {
    const root = tree({ 'cxlint.config.yaml': 'extends: ./cxlint.config.yaml\n' });
    const error = await usageError(readConfigChain(path.join(root, 'cxlint.config.yaml'), root, PRESETS));
    expect(error.message).toContain('circle');
  });

  it('a diamond: a file extended twice is read once, where a depth-first reading first reaches it', async () => {
    const root = tree({
      'cxlint.config.yaml': 'extends: [./b.yaml, ./c.yaml]\n',
      'b.yaml': 'extends: ./d.yaml\ndefaultSendTime: "08:00"\n',
      'c.yaml': 'extends: ./d.yaml\n',
      'd.yaml': 'defaultSendTime: "10:00"\n',
    });
    const chain = await readConfigChain(path.join(root, 'cxlint.config.yaml'), root, PRESETS);
    expect(chain.map((layer) => layer.source)).toEqual(['cxlint:recommended', 'd.yaml', 'b.yaml', 'c.yaml', 'cxlint.config.yaml']);
    // d.yaml is not applied again after b.yaml, so b.yaml's send time stands.
    expect(resolveConfig(chain).defaultSendTime).toBe('08:00');
  });

  it('a preset reached twice is one layer too, so that it does not undo what a layer between them set', async () => {
    const root = tree({
      'cxlint.config.yaml': 'extends: [./b.yaml, ./c.yaml]\n',
      'b.yaml': 'extends: cxlint:strict\nrules: {quiet-hours: off}\n',
      'c.yaml': 'extends: cxlint:strict\n',
    });
    const chain = await readConfigChain(path.join(root, 'cxlint.config.yaml'), root, PRESETS);
    expect(chain.map((layer) => layer.source)).toEqual(['cxlint:strict', 'b.yaml', 'c.yaml', 'cxlint.config.yaml']);
    expect(resolveConfig(chain).rules.get('quiet-hours')?.severity).toBe('off');
  });

  it('a chain where every file extends the next one twice, 16 levels deep, reads each file once', async () => {
    const files: Record<string, string> = { 'level16.yaml': 'timezone: Europe/Paris\n' };
    for (let level = 0; level < 16; level += 1) files[`level${level}.yaml`] = `extends: [./level${level + 1}.yaml, ./level${level + 1}.yaml]\n`;
    const root = tree(files);
    const chain = await readConfigChain(path.join(root, 'level0.yaml'), root, PRESETS);
    const levels = Array.from({ length: 17 }, (_, level) => `level${16 - level}.yaml`);
    expect(chain.map((layer) => layer.source)).toEqual(['cxlint:recommended', ...levels]);
  });

  it('a cycle reached through a diamond is still a circle, named from the file read first', async () => {
    const root = tree({
      'cxlint.config.yaml': 'extends: [./b.yaml, ./c.yaml]\n',
      'b.yaml': 'extends: ./d.yaml\n',
      'c.yaml': 'extends: ./d.yaml\n',
      'd.yaml': 'extends: ./b.yaml\n',
    });
    const error = await usageError(readConfigChain(path.join(root, 'cxlint.config.yaml'), root, PRESETS));
    expect(error.message).toBe('Config files extend each other in a circle: cxlint.config.yaml → b.yaml → d.yaml → b.yaml');
  });

  it('a chain 32 files deep is read; one 33 deep is a usage error naming the chain', async () => {
    const chainOf = (depth: number): Record<string, string> => {
      const files: Record<string, string> = { [`c${depth - 1}.yaml`]: 'timezone: Europe/Paris\n' };
      for (let index = 0; index < depth - 1; index += 1) files[`c${index}.yaml`] = `extends: ./c${index + 1}.yaml\n`;
      return files;
    };
    const deepest = tree(chainOf(32));
    expect(await readConfigChain(path.join(deepest, 'c0.yaml'), deepest, PRESETS)).toHaveLength(33);
    const tooDeep = tree(chainOf(33));
    const error = await usageError(readConfigChain(path.join(tooDeep, 'c0.yaml'), tooDeep, PRESETS));
    expect(error.message).toMatch(/^Config files extend each other more than 32 levels deep: c0\.yaml → c1\.yaml → .* → c31\.yaml → c32\.yaml$/);
  });

  it('extends a file that does not exist, or a folder: a usage error at that base, in the config that names it', async () => {
    const root = tree({ 'cxlint.config.yaml': 'extends: ./team/base.yaml\n', 'team/base.yaml': 'extends: [cxlint:recommended, ./nowhere.yaml]\n' });
    const error = await usageError(readConfigChain(path.join(root, 'cxlint.config.yaml'), root, PRESETS));
    expect(error.message).toBe('team/base.yaml:1:31: extends "./nowhere.yaml", which does not exist (team/nowhere.yaml)');
    const folder = tree({ 'cxlint.config.yaml': 'extends: ./team\n', 'team/base.yaml': 'timezone: UTC\n' });
    const named = await usageError(readConfigChain(path.join(folder, 'cxlint.config.yaml'), folder, PRESETS));
    expect(named.message).toBe('cxlint.config.yaml:1:10: extends "./team", which is a folder, not a config file (team)');
  });
});

describe('bad config files', () => {
  it('bad YAML is a usage error with file:line:col', async () => {
    const root = tree({ 'cxlint.config.yaml': 'timezone: UTC\nrules: {invalid-input: error\n' });
    const error = await usageError(readConfigChain(path.join(root, 'cxlint.config.yaml'), root, PRESETS));
    expect(error.message).toMatch(/^cxlint\.config\.yaml:\d+:\d+: /);
  });

  it('bad JSON in .cxlintrc.json is a usage error with its position', async () => {
    const root = tree({ '.cxlintrc.json': '{"timezone": "UTC",,}\n' });
    const error = await usageError(readConfigChain(path.join(root, '.cxlintrc.json'), root, PRESETS));
    expect(error.message).toMatch(/^\.cxlintrc\.json:1:\d+: /);
  });

  it('a schema violation names the file, line and column of the bad node', async () => {
    const root = tree({ 'cxlint.config.yaml': '# team config\ntimezone: UTC\ndefaultSendTime: "9 am"\n' });
    const error = await usageError(readConfigChain(path.join(root, 'cxlint.config.yaml'), root, PRESETS));
    expect(error.message).toContain('cxlint.config.yaml:3:18: ');
    expect(error.message).toContain('defaultSendTime');
  });

  it('an unknown key is reported at the key, with a did-you-mean', async () => {
    const root = tree({ 'cxlint.config.yaml': 'timezone: UTC\ninclde: ["plan/**"]\n' });
    const error = await usageError(readConfigChain(path.join(root, 'cxlint.config.yaml'), root, PRESETS));
    expect(error.message).toContain('cxlint.config.yaml:2:1: unknown field "inclde"');
    expect(error.message).toContain('did you mean "include"?');
  });

  it('a bad severity in the config is a schema violation at its position', async () => {
    const root = tree({ 'cxlint.config.yaml': 'rules:\n  unknown-reference: eror\n' });
    const error = await usageError(readConfigChain(path.join(root, 'cxlint.config.yaml'), root, PRESETS));
    expect(error.message).toContain('cxlint.config.yaml:2:22: ');
  });

  it('two YAML documents in one config file are refused', async () => {
    const root = tree({ 'cxlint.config.yaml': 'timezone: UTC\n---\ntimezone: Europe/Paris\n' });
    const error = await usageError(readConfigChain(path.join(root, 'cxlint.config.yaml'), root, PRESETS));
    expect(error.message).toContain('one YAML document');
  });

  it('an empty config file is the preset alone', async () => {
    const root = tree({ 'cxlint.config.yaml': '' });
    const config = await resolved(path.join(root, 'cxlint.config.yaml'));
    expect(config.timezone).toBe('UTC');
    expect(config.rules.get('invalid-input')?.severity).toBe('error');
  });

  it('an unknown time zone is a usage error at its position', async () => {
    const root = tree({ 'cxlint.config.yaml': 'timezone: Europe/Pariss\n' });
    const error = await usageError(resolved(path.join(root, 'cxlint.config.yaml')));
    expect(error.message).toMatch(/^cxlint\.config\.yaml:1:11: unknown time zone "Europe\/Pariss"/);
  });

  it('an unknown time zone in inputs[] is a usage error at its position', async () => {
    const root = tree({ 'cxlint.config.yaml': 'inputs:\n  - files: "*.csv"\n    timezone: Mars/Olympus\n' });
    const error = await usageError(resolved(path.join(root, 'cxlint.config.yaml')));
    expect(error.message).toMatch(/^cxlint\.config\.yaml:3:15: unknown time zone "Mars\/Olympus"/);
  });

  it('an unknown rule id in a config file has a did-you-mean and the position of the key', async () => {
    const root = tree({ 'cxlint.config.yaml': 'rules:\n  unknown-referense: error\n' });
    const error = await usageError(resolved(path.join(root, 'cxlint.config.yaml')).then(completeRuleSettings));
    expect(error.message).toMatch(/^cxlint\.config\.yaml:2:3: unknown rule "unknown-referense"; did you mean "unknown-reference"\?/);
  });

  it('turning invalid-input down in a config file is refused', async () => {
    const root = tree({ 'cxlint.config.yaml': 'rules:\n  invalid-input: warn\n' });
    const error = await usageError(resolved(path.join(root, 'cxlint.config.yaml')).then(completeRuleSettings));
    expect(error.message).toContain('cxlint.config.yaml:2:3: ');
    expect(error.message).toContain('cannot be turned down');
  });
});

describe('a config\'s errors, told in one run (not one kind per run)', () => {
  it('lists every bad zone, padding, unknown rule and rule option at once, in the order of the file', async () => {
    const root = tree({
      'cxlint.config.yaml': [
        'timezone: Europe/Pariss',
        'horizonPadding: -P1D',
        'rules:',
        '  frequency-capp: error',
        '  quiet-hours: [warning, {start: "25:00"}]',
        'inputs:',
        '  - {files: "*.csv", timezone: Mars/Base}',
        '',
      ].join('\n'),
    });
    const error = await usageError(loadConfig({ cwd: root, paths: [] }));
    expect(error.message.split('\n')).toEqual([
      'cxlint.config.yaml:1:11: unknown time zone "Europe/Pariss"; use an IANA name such as Europe/Paris',
      'cxlint.config.yaml:2:17: horizonPadding "-P1D" is negative: the padding must be zero or longer, such as P1D',
      'cxlint.config.yaml:4:3: unknown rule "frequency-capp"; did you mean "frequency-cap"? (cxlint rules lists them)',
      'cxlint.config.yaml:5:34: quiet-hours option start "25:00" is not a time HH:mm, such as 21:00',
      'cxlint.config.yaml:7:32: unknown time zone "Mars/Base"; use an IANA name such as Europe/Paris',
    ]);
  });

  it('tells a config given as text (the API) the same way', () => {
    const run = () => lintTexts({ 'plan.yaml': 'segments: [{id: s}]\n' }, { config: 'timezone: Mars/Base\nrules:\n  frequency-capp: error\n' });
    expect(usageErrorOf(run).message.split('\n')).toEqual([
      'cxlint.config.yaml:1:11: unknown time zone "Mars/Base"; use an IANA name such as Europe/Paris',
      'cxlint.config.yaml:3:3: unknown rule "frequency-capp"; did you mean "frequency-cap"? (cxlint rules lists them)',
    ]);
  });

  it('lists the schema\'s errors in the order of the file, an item of a list named as such, a duration said as one', async () => {
    const root = tree({ 'cxlint.config.yaml': 'horizonPadding: P9X\nrules:\n  duplicate-message: [errror]\ninputs:\n  - {files: "*.csv", kind: calendr}\n' });
    const error = await usageError(loadConfig({ cwd: root, paths: [] }));
    expect(error.message.split('\n')).toEqual([
      'Bad config:',
      'cxlint.config.yaml:1:17: "P9X" is not a duration: write P7D, PT36H, -P180D, or 7d, 36h, 30m, 2w',
      'cxlint.config.yaml:3:22: "duplicate-message" is not valid: a severity (off, info, warning, error), or [severity, {options}]',
      'cxlint.config.yaml:3:23: item 1 of "duplicate-message" must be one of off, info, warning, warn, error, but it is "errror"; did you mean "error"?',
      'cxlint.config.yaml:5:28: "kind" must be one of calendar, segments, templates, but it is "calendr"; did you mean "calendar"?',
    ]);
  });
});
