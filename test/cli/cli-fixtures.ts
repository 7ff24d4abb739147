import { CliIO } from '../../lib/cli/io';

/** A CliIO that records what a verb prints. */
export function recordingIO(
  env: NodeJS.ProcessEnv = {},
): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    stdin: process.stdin,
    env,
    out: () => out,
    err: () => err,
  };
}
