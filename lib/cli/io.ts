/** What a CLI verb may touch: its output streams and, where it reads piped input, stdin. */
export interface CliIO {
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

export function processIO(): CliIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdin: process.stdin,
    env: process.env,
  };
}
