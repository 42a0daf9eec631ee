import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { UsageError } from '../errors.js';
import { displayPath } from './paths.js';

export interface InputFile {
  absolutePath: string;
  /** Relative to the working folder, with `/`: what findings show. */
  file: string;
  /** Named on the command line (rather than found in a folder). */
  explicit: boolean;
}

export interface DiscoverOptions {
  cwd: string;
  include: string[];
  ignore: string[];
  /** Files never read as input (the config file). */
  exclude: string[];
}

export const DEFAULT_INCLUDE = ['**/*.{yaml,yml,json,csv,ics,xlsx}'];
/** Dependencies, git's own files, and package managers' lock files (large JSON/YAML that is never a plan). */
export const DEFAULT_IGNORE = ['node_modules/**', '.git/**', '**/package-lock.json', '**/npm-shrinkwrap.json', '**/pnpm-lock.yaml'];

/**
 * Whether fast-glob would walk outside the folder it is given for this pattern. It starts each pattern (after
 * expanding braces) at the pattern's fixed leading part, whatever its `cwd`: `/**` walks the whole disk, `../**` the
 * folder above, and so do `{/etc,x}/**` and `.{.,}/**`. A drive letter (`C:/`) counts too, so a config means the
 * same on every system.
 */
export function leavesFolder(pattern: string): boolean {
  return fg.generateTasks([pattern]).some(({ base }) => {
    const start = path.posix.normalize(base);
    return path.posix.isAbsolute(start) || /^[A-Za-z]:/.test(start) || start === '..' || start.startsWith('../');
  });
}

function isInside(child: string, root: string): boolean {
  const relative = path.relative(root, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

async function regularFileWithin(candidate: string, root: string): Promise<string | undefined> {
  try {
    const real = await realpath(candidate);
    if (!isInside(real, root)) return undefined;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

async function searchFolder(folder: string, options: DiscoverOptions): Promise<string[]> {
  const root = await realpath(folder);
  // Relative matches, joined to the root here: fast-glob's absolute paths turn every `\` into `/`, so that a file named
  // `a\b.yaml` became `a/b.yaml`, which does not exist, and was dropped without a word.
  const matches = await fg(options.include, {
    cwd: root,
    ignore: options.ignore,
    onlyFiles: true,
    dot: false,
    followSymbolicLinks: false,
    suppressErrors: true,
  });
  const files = await Promise.all(matches.map((match) => regularFileWithin(path.join(root, match), root)));
  return files.filter((file): file is string => file !== undefined);
}

/** Finds the input files under the given paths: folders through the include/ignore globs, files as named. */
export async function discoverFiles(paths: string[], options: DiscoverOptions): Promise<InputFile[]> {
  const excluded = new Set(options.exclude.map((file) => path.resolve(file)));
  const found = new Map<string, InputFile>();
  for (const given of paths) {
    const absolute = path.resolve(options.cwd, given);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new UsageError(`No such file or folder: ${given}`);
    const explicit = !info.isDirectory();
    // Only regular files are read: a named pipe or a device would block the run or never end.
    if (explicit && !info.isFile()) throw new UsageError(`Not a regular file or a folder: ${given}`);
    const files = explicit ? [await realpath(absolute)] : await searchFolder(absolute, options);
    for (const file of files) {
      if (excluded.has(file)) continue;
      const seen = found.get(file);
      // A file named on the command line stays explicit even when a folder given before it holds it too.
      if (seen) seen.explicit ||= explicit;
      else found.set(file, { absolutePath: file, file: displayPath(file, options.cwd), explicit });
    }
  }
  if (found.size === 0) {
    throw new UsageError(
      `No input files found in ${paths.join(', ')} (looked for ${options.include.join(', ')}). ` +
        'Point cxlint at a folder of plan files, or set "include" in cxlint.config.yaml.',
    );
  }
  return [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
