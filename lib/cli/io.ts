import { statSync, writeFileSync } from 'node:fs';
import { BrokerGuardError } from '../errors';

/** What a CLI verb may touch: its output streams and, where it reads piped input, stdin. */
export interface CliIO {
  /** Throws OutputClosed once the reader of standard output has gone. */
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdin: NodeJS.ReadableStream;
  /** Environment the verb reads (AWS region, profile); tests pass their own. */
  readonly env: NodeJS.ProcessEnv;
}

/** Exit codes shared by every verb. */
export const EXIT_OK = 0;
/** Findings at error level (check), or an incident step that failed. */
export const EXIT_FINDINGS = 1;
/** Unreadable input or a usage error. */
export const EXIT_USAGE = 2;

/** A CLI verb: parses its own arguments and returns the exit code. */
export type CliVerb = (args: string[], io: CliIO) => Promise<number>;

/**
 * Thrown by `CliIO.stdout` when standard output can take no more: the reader of a pipe has
 * gone (`brokerguard diagnose big.log | head -1`), or the disk is full. A verb lets it pass;
 * the command then ends at once, quietly when the reader simply stopped reading.
 */
export class OutputClosed extends Error {
  constructor(readonly code: string) {
    super(`cannot write to standard output (${code})`);
    this.name = 'OutputClosed';
  }
}

/** The process's own CliIO, and a way to learn whether standard output took everything. */
export interface ProcessIO extends CliIO {
  /**
   * Resolves once what was written to standard output has been handed over, with the error
   * code that stopped it (`EPIPE` for a reader that has gone, `ENOSPC` for a full disk), or
   * undefined when all went well.
   */
  readonly finish: () => Promise<string | undefined>;
}

function errorCode(err: unknown): string | undefined {
  return err ? ((err as NodeJS.ErrnoException).code ?? 'EIO') : undefined;
}

/** The real process streams, with a closed pipe turned from a crash into OutputClosed. */
export function processIO(): ProcessIO {
  let stdoutError: string | undefined;
  let stderrClosed = false;
  // Without a listener, a write to a closed pipe is an unhandled 'error' event: a stack trace.
  process.stdout.on('error', (err) => {
    stdoutError ??= errorCode(err);
  });
  process.stderr.on('error', () => {
    stderrClosed = true;
  });
  // A failed write marks the stream errored at once; its 'error' event comes a tick later.
  const failure = () => stdoutError ?? errorCode(process.stdout.errored);
  return {
    stdout: (text) => {
      const code = failure();
      if (code !== undefined) throw new OutputClosed(code);
      process.stdout.write(text);
    },
    stderr: (text) => {
      // Nobody reads the messages any more; the exit code still tells.
      if (!stderrClosed && !process.stderr.destroyed) process.stderr.write(text);
    },
    stdin: process.stdin,
    env: process.env,
    finish: () =>
      new Promise((resolve) => {
        if (failure() !== undefined || process.stdout.destroyed) return resolve(failure());
        // Callbacks run in order: this one runs after every earlier write has succeeded or failed.
        process.stdout.write('', (err) => resolve(failure() ?? errorCode(err)));
      }),
  };
}

/**
 * One line for the terminal: the first non-empty line of `text` (a YAML error's code frame
 * follows it), with control characters shown as escapes, so that bytes quoted from a binary
 * file cannot move the cursor or change colours.
 */
export function oneLine(text: string): string {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return (
    first
      // eslint-disable-next-line no-control-regex -- exactly these are what is replaced
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) =>
        c === '\r' ? '' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
      )
      .replace(/:\s*$/, '')
      .trim()
  );
}

/**
 * Reports a usage error or bad input as the one line every verb writes —
 * `brokerguard <verb>: <what is wrong>` — and returns EXIT_USAGE. `helpHint` adds where the
 * usage is explained, for mistakes in the arguments themselves.
 */
export function reportUsage(
  io: CliIO,
  command: string,
  message: string,
  options: { helpHint?: boolean } = {},
): number {
  const hint = options.helpHint ? ` (see ${command} --help)` : '';
  io.stderr(`${command}: ${oneLine(message)}${hint}\n`);
  return EXIT_USAGE;
}

/** Why a file operation failed, in words: `no such file` rather than `ENOENT`. */
export function fileErrorReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'a directory, not a file';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return code ?? oneLine(err instanceof Error ? err.message : String(err));
  }
}

/**
 * What a path named on the command line is. Throws BrokerGuardError INPUT_UNREADABLE
 * `cannot read <path>: <reason>` when it is neither a file nor a directory one can list.
 */
export function inputKind(path: string): 'file' | 'directory' {
  let info;
  try {
    info = statSync(path);
  } catch (err) {
    throw new BrokerGuardError('INPUT_UNREADABLE', `cannot read ${path}: ${fileErrorReason(err)}`);
  }
  if (info.isDirectory()) return 'directory';
  if (!info.isFile()) {
    throw new BrokerGuardError('INPUT_UNREADABLE', `cannot read ${path}: not a regular file`);
  }
  if (info.size === 0) {
    throw new BrokerGuardError('INPUT_UNREADABLE', `${path}: the file is empty`);
  }
  return 'file';
}

/** Writes `--output FILE`; throws BrokerGuardError OUTPUT_UNWRITABLE naming the file. */
export function writeOutputFile(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (err) {
    throw new BrokerGuardError(
      'OUTPUT_UNWRITABLE',
      `--output ${path}: cannot write (${fileErrorReason(err)})`,
    );
  }
}
