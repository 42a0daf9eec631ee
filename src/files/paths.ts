import path from 'node:path';

/** A path as findings show it: relative to the working folder, with `/` separators. */
export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  return (relative === '' ? '.' : relative).split(path.sep).join('/');
}
