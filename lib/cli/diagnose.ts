import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { classifyLine, looksLoginRelated } from '../monitoring/classify';
import {
  LOGIN_CATEGORIES,
  LOGIN_EVENT_TRIAGE,
  LOGIN_SOURCES,
  LoginCategory,
  LoginSource,
  loginEvent,
} from '../contracts/login-event';
import { SEGMENT_NAMES, SegmentName } from '../contracts';
import { CliIO, CliVerb, EXIT_OK, OutputClosed, reportUsage } from './io';

const USAGE = `usage: brokerguard diagnose <file|-> [--format text|json] [--segment NAME] [--source NAME] [--unmatched]

Classifies IBC, IBeam, gateway and Web API log lines with the same table the classifier
function uses, and prints per line the triage category (identity, entitlement,
device_session), the event, the rule that matched and the next step. Lines that match
nothing are counted, never guessed.

  --format text|json   text (default), or one brokerguard.login/1 event per classified line
  --segment NAME       the segment the log belongs to (${SEGMENT_NAMES.join(', ')}); default automation
  --source NAME        the tool that wrote it (${LOGIN_SOURCES.join(', ')}); default: the tool the matching rule names
  --unmatched          also print lines no rule matches that look login-related (login, auth,
                       session, 2FA, competing, disconnected, ...): report them as gaps in the table
`;

interface Options {
  readonly input: string;
  readonly format: 'text' | 'json';
  readonly segment: SegmentName;
  readonly source?: LoginSource;
  readonly unmatched: boolean;
}

class UsageError extends Error {}

function pick<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined || !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(
      `${flag}: got ${JSON.stringify(value ?? null)}; allowed: ${allowed.join(', ')}`,
    );
  }
  return value as T;
}

function parseArgs(args: string[]): Options {
  let input: string | undefined;
  let format: Options['format'] = 'text';
  let segment: SegmentName = 'automation';
  let source: LoginSource | undefined;
  let unmatched = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--format') format = pick('--format', args[++i], ['text', 'json'] as const);
    else if (arg === '--segment') segment = pick('--segment', args[++i], SEGMENT_NAMES);
    else if (arg === '--source') source = pick('--source', args[++i], LOGIN_SOURCES);
    else if (arg === '--unmatched') unmatched = true;
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else if (input === undefined) input = arg;
    else
      throw new UsageError(
        `one input only, got ${JSON.stringify(input)} and ${JSON.stringify(arg)}`,
      );
  }
  if (input === undefined) throw new UsageError('name a log file, or - for standard input');
  return { input, format, segment, source, unmatched };
}

async function openInput(input: string, io: CliIO): Promise<NodeJS.ReadableStream> {
  if (input === '-') return io.stdin;
  const info = await stat(input).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(
      `cannot read ${input}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`,
    );
  });
  if (!info.isFile()) throw new UsageError(`cannot read ${input}: not a file`);
  return createReadStream(input, { encoding: 'utf8' });
}

const EXCERPT_CHARS = 300;

/** The line as printed for a gap report: trimmed, and cut where a pasted blob would flood. */
function excerpt(line: string): string {
  const t = line.trim();
  return t.length > EXCERPT_CHARS ? `${t.slice(0, EXCERPT_CHARS)}…` : t;
}

/** `brokerguard diagnose`: explains log lines offline with the classifier table. */
export const run: CliVerb = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  let options: Options;
  let stream: NodeJS.ReadableStream;
  try {
    options = parseArgs(args);
    stream = await openInput(options.input, io);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    return reportUsage(io, 'brokerguard diagnose', err.message);
  }

  const perCategory: Record<LoginCategory, number> = {
    identity: 0,
    entitlement: 0,
    device_session: 0,
  };
  let total = 0;
  let unmatched = 0;
  let loginLike = 0;
  const now = new Date().toISOString();
  try {
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    for await (const line of lines) {
      total += 1;
      if (line.trim() === '') {
        unmatched += 1;
        continue;
      }
      const c = classifyLine(line);
      if (!c) {
        unmatched += 1;
        if (options.unmatched && looksLoginRelated(line)) {
          loginLike += 1;
          // In JSON mode stdout carries only events; the gaps go to stderr.
          const say = options.format === 'json' ? io.stderr : io.stdout;
          say(`line ${total}: unmatched, looks login-related\n  text: ${excerpt(line)}\n`);
        }
        continue;
      }
      perCategory[c.category] += 1;
      if (options.format === 'json') {
        const event =
          c.loginEvent ??
          loginEvent({
            time: c.time ?? now,
            segment: options.segment,
            source: options.source ?? c.source,
            event: c.event,
            detail: `${c.ruleId}: ${c.matched}`,
          });
        io.stdout(JSON.stringify(event) + '\n');
      } else {
        io.stdout(
          `line ${total}: ${c.category} / ${c.event} (${c.ruleId})\n` +
            `  next: ${LOGIN_EVENT_TRIAGE[c.event].nextStep}\n`,
        );
      }
    }
  } catch (err) {
    if (err instanceof OutputClosed) throw err;
    return reportUsage(
      io,
      'brokerguard diagnose',
      `cannot read ${options.input}: ${(err as Error).message}`,
    );
  }

  const classified = total - unmatched;
  const summary =
    `summary: ${total} line(s), ${classified} classified (` +
    LOGIN_CATEGORIES.map((k) => `${k} ${perCategory[k]}`).join(', ') +
    `), ${unmatched} unmatched` +
    (options.unmatched ? ` (${loginLike} look login-related)` : '') +
    '\n';
  // In JSON mode stdout carries only events, so a pipe into jq stays clean.
  if (options.format === 'json') io.stderr(summary);
  else io.stdout(summary);
  return EXIT_OK;
};
