import { PassThrough } from 'node:stream';
import { CliIO, CliVerb } from '../../lib/cli/io';

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

/** Runs a verb with no stdin and an empty environment; returns its exit code and output. */
export async function runVerb(
  verb: CliVerb,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = { ...recordingIO(), stdin: new PassThrough() };
  const code = await verb(args, io);
  return { code, stdout: io.out(), stderr: io.err() };
}
