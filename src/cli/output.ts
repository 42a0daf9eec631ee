import type { Stats } from 'node:fs';
import { closeSync, fstatSync, openSync, writeSync } from 'node:fs';
import { lstat, mkdir, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { EXIT_USAGE, UsageError } from '../errors.js';
import { didYouMean } from '../shared/did-you-mean.js';

/**
 * Where a report goes, resolved before anything is read: the real path behind any symbolic link, and how to write it.
 * A regular file (or a new one) is replaced atomically; a named pipe or a character device (`/dev/stdout`, `/dev/null`)
 * is written through, since renaming a file over it would replace the device itself.
 */
export interface OutputTarget {
  /** As the user wrote it, for messages. */
  given: string;
  path: string;
  /** `stdout`: the path is this process's own standard output (`/dev/stdout` on a socket cannot be opened again). */
  kind: 'file' | 'stream' | 'stdout';
}

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

const sameFile = (a: Stats, b: Stats): boolean => a.dev === b.dev && a.ino === b.ino;

function kindOf(info: Stats, given: string): OutputTarget['kind'] {
  // First: `-o /dev/stdout >> ci.log` names the file stdout is open on; replacing it would unlink what the shell appends to.
  if (sameFile(info, fstatSync(1))) return 'stdout';
  if (info.isFile()) return 'file';
  if (info.isFIFO() || info.isCharacterDevice()) return 'stream';
  if (info.isDirectory()) throw new UsageError(`Cannot write the report to ${given}: it is a folder`);
  throw new UsageError(`Cannot write the report to ${given}: it is neither a regular file, a named pipe nor a terminal`);
}

/** One report a command writes: a format, and its file (standard output when none). */
export interface OutputSpec<Format extends string = string> {
  format: Format;
  file?: string;
}

/**
 * The reports of `-f NAME[:FILE]` (repeatable) and `-o FILE`, the same for every command: at most one to standard
 * output, `-o` naming the file of that one.
 */
export function outputSpecs<Format extends string>(formats: string[] | undefined, output: string | undefined, known: readonly Format[], fallback: Format): Array<OutputSpec<Format>> {
  const isKnown = (name: string): name is Format => (known as readonly string[]).includes(name);
  const specs = (formats?.length ? formats : [fallback]).map((spec): OutputSpec<Format> => {
    const separator = spec.indexOf(':');
    const format = separator === -1 ? spec : spec.slice(0, separator);
    const file = separator === -1 ? undefined : spec.slice(separator + 1);
    if (!isKnown(format)) {
      const hint = didYouMean(format, known);
      throw new UsageError(`Unknown format "${format}"${hint ? `; did you mean "${hint}"?` : ''} (formats: ${known.join(', ')})`);
    }
    if (file === '') throw new UsageError(`-f ${spec}: give a file after the colon, or leave the colon out`);
    return { format, file };
  });
  const toStdout = specs.filter((spec) => spec.file === undefined);
  if (output !== undefined) {
    if (toStdout.length !== 1) throw new UsageError('-o names the file of one format; with several, write -f NAME:FILE for each');
    toStdout[0]!.file = output;
  } else if (toStdout.length > 1) {
    throw new UsageError('Only one format can go to standard output; give the others a file, e.g. -f json:report.json');
  }
  return specs;
}

export async function targetsOf(specs: OutputSpec[], cwd: string): Promise<Array<OutputTarget | undefined>> {
  return Promise.all(specs.map((spec) => (spec.file === undefined ? undefined : resolveTarget(spec.file, cwd))));
}

/** Resolves one output path; a missing folder, a folder or a block device is a usage error now, not after the run. */
export async function resolveTarget(given: string, cwd: string): Promise<OutputTarget> {
  const absolute = path.resolve(cwd, given);
  const info = await stat(absolute).catch(() => undefined);
  if (info) {
    // `/dev/stdout` on a pipe resolves to `pipe:[…]`, which is no path: a stream is then written where it was named.
    const real = await realpath(absolute).catch(() => absolute);
    return { given, path: real, kind: kindOf(info, given) };
  }
  if (await lstat(absolute).catch(() => undefined)) throw new UsageError(`Cannot write the report to ${given}: it is a symbolic link to nothing`);
  return { given, path: path.join(await folderToCreate(path.dirname(absolute), given), path.basename(absolute)), kind: 'file' };
}

/**
 * The real path of a report's folder, which the write creates when it is missing (`-o reports/cxlint.sarif` in a fresh
 * clone): below the nearest folder that exists, nothing exists yet, not even a symbolic link to nothing.
 */
async function folderToCreate(folder: string, given: string): Promise<string> {
  const missing: string[] = [];
  let existing = folder;
  while (!(await lstat(existing).catch(() => undefined))) {
    missing.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  const info = await stat(existing).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`Cannot write the report to ${given}: ${existing} is not a folder`);
  return path.join(await realpath(existing), ...missing);
}

/**
 * A report never replaces what the run reads (an input, the config or a file it extends) nor the suppressions file, the
 * suppressions file is none of what the run reads, and two reports never share a file (the second would silently
 * replace the first): all usage errors, raised before anything is written.
 */
export function refuseClashes(targets: OutputTarget[], readFiles: string[], suppressions?: OutputTarget): void {
  const read = new Set(readFiles);
  if (suppressions && read.has(suppressions.path)) {
    throw new UsageError(`--suppressions may not name ${suppressions.given}: cxlint reads that file in this run (a plan file or the config)`);
  }
  const claimed = new Map<string, OutputTarget>();
  for (const target of targets) {
    if (read.has(target.path)) throw new UsageError(`Refusing to write the report to ${target.given}: cxlint reads that file in this run`);
    if (target.path === suppressions?.path) throw new UsageError(`Refusing to write the report to ${target.given}: it is the suppressions file`);
    const earlier = claimed.get(target.path);
    // Two reports to standard output follow each other; to a file, the second would replace the first; to a named
    // pipe, the reader stops at the first one's end and the second blocks for ever.
    if (earlier && target.kind !== 'stdout') {
      throw new UsageError(`Two reports would be written to one file (${earlier.given} and ${target.given}); give each format its own file`);
    }
    claimed.set(target.path, target);
  }
}

/** About 1 MiB: reports are written in chunks this size, not one write per piece (a round trip each). */
export const CHUNK_BYTES = 1 << 20;

/**
 * A report's pieces encoded into chunks of about `CHUNK_BYTES` bytes. A report of 300,000 findings is that many
 * pieces: one write each costs a thread-pool round trip (30 s for 460 MiB), one per chunk costs 1.6 s. Each piece is
 * encoded straight into the chunk: joining them into one string first made V8 flatten a rope of thousands of pieces
 * before encoding it (3.7 s of 730 MB). Every chunk is a new buffer: a stream may still hold the last one.
 */
export function* inChunks(pieces: Iterable<string>, size = CHUNK_BYTES): Generator<Buffer> {
  let chunk = Buffer.allocUnsafe(size);
  let used = 0;
  for (const piece of pieces) {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit: a piece that may not fit closes the chunk.
    if (used + piece.length * 3 > size) {
      if (used > 0) yield chunk.subarray(0, used);
      chunk = Buffer.allocUnsafe(size);
      used = 0;
      if (piece.length * 3 > size) {
        // Written into a buffer of its own: Buffer.from(piece) encodes a megabyte ~30 times slower than write().
        const own = Buffer.allocUnsafe(piece.length * 3);
        yield own.subarray(0, own.write(piece));
        continue;
      }
    }
    used += chunk.write(piece, used);
  }
  if (used > 0) yield chunk.subarray(0, used);
}

/** Writes a report so that no reader ever sees half of it: a temporary file beside it, written piece by piece, then a rename. */
async function replaceAtomically(file: string, pieces: Iterable<string>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  // 'wx': a file already there under that name is someone else's, and stays (the open fails, nothing is removed).
  const fd = openSync(temporary, 'wx');
  try {
    try {
      // Synchronous writes: a regular file never blocks for long, and nothing else runs meanwhile; each awaited write
      // was a round trip through the thread pool (2.5 s of 500 MB of JSON, against under 1 s).
      for (const chunk of inChunks(pieces)) writeAll(fd, chunk);
    } finally {
      closeSync(fd);
    }
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** Writes the whole chunk: a write may take only part of it (a full disk fails on the next). */
function writeAll(fd: number, bytes: Buffer): void {
  for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
}

async function writeThrough(file: string, pieces: Iterable<string>): Promise<void> {
  const handle = await open(file, 'w');
  try {
    for (const chunk of inChunks(pieces)) await handle.write(chunk);
  } finally {
    await handle.close();
  }
}

const WRITERS: Record<OutputTarget['kind'], (file: string, pieces: Iterable<string>) => Promise<void>> = {
  file: replaceAtomically,
  stream: writeThrough,
  stdout: (_, pieces) => writeToStdout(pieces),
};

/** Writes one output where it goes: its file (`-f NAME:FILE`, `-o`), or standard output when it has none. */
export async function writeOutput(target: OutputTarget | undefined, pieces: Iterable<string>): Promise<void> {
  if (target === undefined) await writeToStdout(pieces);
  else await writeReport(target, pieces);
}

export async function writeReport(target: OutputTarget, pieces: Iterable<string>): Promise<void> {
  try {
    await WRITERS[target.kind](target.path, pieces);
  } catch (error) {
    throw new UsageError(`Cannot write ${target.given}: ${errorCode(error)}`);
  }
}

/** Waits until standard output can take more, or is gone. */
function drained(): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.stdout.off('drain', done).off('close', done);
      resolve();
    };
    process.stdout.on('drain', done).on('close', done);
  });
}

/**
 * Writes pieces of text to standard output, waiting when the reader is slower, so that memory stays flat. A reader that
 * leaves early (`cxlint check | head`) closes the pipe: the rest is not written, and the exit code is still the run's.
 */
export async function writeToStdout(pieces: Iterable<string>): Promise<void> {
  for (const chunk of inChunks(pieces)) {
    if (process.stdout.destroyed) return;
    if (!process.stdout.write(chunk)) await drained();
  }
}

/** Why standard output could not be written (a full disk, a device error), once it could not. */
let stdoutFailure: string | undefined;

/**
 * Watches standard output for the run. A closed pipe is the reader's choice, not a fault: the rest is not written, and
 * the exit code is still the run's. Any other failure is the run's (exit 2, SPEC 8): said once on standard error,
 * and nothing more is written. Without a listener, Node throws the error as an uncaught exception, with a stack trace.
 */
export function watchStdout(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return;
    if (stdoutFailure === undefined) {
      stdoutFailure = errorCode(error);
      process.stderr.write(`cxlint: Cannot write to standard output: ${stdoutFailure}\n`);
    }
    process.stdout.destroy();
    process.exitCode = EXIT_USAGE;
  });
}

/** The run's exit code, unless standard output failed: then the run could not be done. */
export function exitCodeAfterOutput(code: number): number {
  return stdoutFailure === undefined ? code : EXIT_USAGE;
}
