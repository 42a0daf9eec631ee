import path from 'node:path';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { readConfigChain } from '../../src/config/load.js';
import { UsageError } from '../../src/errors.js';
import { tempFolder as tree } from '../temp-folders.js';
import { PRESETS } from '../../src/engine/presets.js';


/** The message of the usage error reading `config` (as cxlint.config.yaml) fails with. */
async function configError(config: string): Promise<string> {
  const root = tree({ 'cxlint.config.yaml': config });
  const error = await readConfigChain(path.join(root, 'cxlint.config.yaml'), root, PRESETS).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return (error as UsageError).message;
}

describe('fast-glob walks wherever a pattern starts (why the config must not point outside)', () => {
  const folders = { 'root/a.yaml': '', 'outside/b.yaml': '' };
  const search = (patterns: string[], root: string): Promise<string[]> =>
    fg(patterns, { cwd: path.join(root, 'root'), absolute: true, onlyFiles: true, followSymbolicLinks: false, suppressErrors: true });

  it('a pattern that climbs with .. reads the folder above', async () => {
    const root = tree(folders);
    expect((await search(['../**/*.yaml'], root)).sort()).toEqual([path.join(root, 'outside', 'b.yaml'), path.join(root, 'root', 'a.yaml')]);
  });

  it('an absolute pattern reads where it points, whatever the cwd', async () => {
    const root = tree(folders);
    expect(await search([`${root}/outside/*.yaml`], root)).toEqual([path.join(root, 'outside', 'b.yaml')]);
  });

  it('braces can hide either: .{.,}/ is ../ and ./, {/x,y} is /x and y', async () => {
    const root = tree(folders);
    expect(await search(['.{.,}/outside/*.yaml'], root)).toEqual([path.join(root, 'outside', 'b.yaml')]);
    expect(await search([`{${root}/outside,nowhere}/*.yaml`], root)).toEqual([path.join(root, 'outside', 'b.yaml')]);
  });
});

describe('config patterns stay inside their folder', () => {
  it('an absolute include is a usage error at the pattern', async () => {
    expect(await configError('timezone: UTC\ninclude: ["plan/*.yaml", "/**"]\n')).toBe(
      'cxlint.config.yaml:2:26: include pattern "/**" leaves the folder being checked: write it relative to that folder, without a leading "/" or ".."',
    );
  });

  it('an include that climbs out with .., even after a folder or inside braces, is a usage error', async () => {
    expect(await configError('include: ["../**/*.yaml"]\n')).toMatch(/^cxlint\.config\.yaml:1:11: include pattern "\.\.\/\*\*\/\*\.yaml" leaves the folder being checked/);
    expect(await configError('include: ["plan/../../x/*.yaml"]\n')).toMatch(/^cxlint\.config\.yaml:1:11: include pattern/);
    expect(await configError('include: [".{.,}/x/*.yaml"]\n')).toMatch(/^cxlint\.config\.yaml:1:11: include pattern/);
    expect(await configError('include: ["{/etc,plan}/*.yaml"]\n')).toMatch(/^cxlint\.config\.yaml:1:11: include pattern/);
  });

  it('a Windows drive path is absolute too', async () => {
    expect(await configError('include: ["C:/**"]\n')).toMatch(/^cxlint\.config\.yaml:1:11: include pattern "C:\/\*\*" leaves/);
  });

  it('an ignore pattern follows the same rule', async () => {
    expect(await configError('ignore:\n  - archive/**\n  - /tmp/**\n')).toMatch(/^cxlint\.config\.yaml:3:5: ignore pattern "\/tmp\/\*\*" leaves the folder being checked/);
  });

  it('inputs[].files may not leave the config file\'s folder, as one pattern or in a list', async () => {
    expect(await configError('inputs:\n  - files: /**/*.csv\n')).toBe(
      'cxlint.config.yaml:2:12: inputs[].files pattern "/**/*.csv" leaves the config file\'s folder: write it relative to that folder, without a leading "/" or ".."',
    );
    expect(await configError('inputs:\n  - files: ["exports/*.csv", "../x/*.csv"]\n')).toMatch(/^cxlint\.config\.yaml:2:30: inputs\[\]\.files pattern "\.\.\/x\/\*\.csv"/);
  });

  it('a pattern in an extended file is reported in that file', async () => {
    const root = tree({ 'cxlint.config.yaml': 'extends: ./shared/base.yaml\n', 'shared/base.yaml': 'include: ["../../**"]\n' });
    const error = await readConfigChain(path.join(root, 'cxlint.config.yaml'), root, PRESETS).catch((e: unknown) => e);
    expect((error as UsageError).message).toMatch(/^shared\/base\.yaml:1:11: include pattern "\.\.\/\.\.\/\*\*"/);
  });

  it('relative patterns, ./ and .. inside a name are fine', async () => {
    const root = tree({
      'cxlint.config.yaml': 'include: ["plan/**/*.yaml", "./exports/*.csv", "notes..v2/*.yaml", "**/*.{yaml,csv}"]\nignore: ["archive/**"]\ninputs:\n  - files: "exports/*.csv"\n',
    });
    const chain = await readConfigChain(path.join(root, 'cxlint.config.yaml'), root, PRESETS);
    expect(chain.map((layer) => layer.source)).toEqual(['cxlint:recommended', 'cxlint.config.yaml']);
  });
});
