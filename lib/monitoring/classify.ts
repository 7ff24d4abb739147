import { CLASSIFIER_RULES, ClassifierRule } from './classifier-table';
import {
  LOGIN_EVENT_SCHEMA,
  LoginCategory,
  LoginEvent,
  LoginEventName,
  LoginSource,
  categoryOf,
  parseLoginEvent,
} from '../contracts/login-event';

/** What the table says about one line. */
export interface LineClassification {
  /** The rule that matched, or `login-event` for a line that already is a login event. */
  readonly ruleId: string;
  readonly event: LoginEventName;
  readonly category: LoginCategory;
  readonly source: LoginSource;
  /** The text that matched: the stable part of the line, never the whole line. */
  readonly matched: string;
  /** The line's own timestamp (ISO-8601), when it starts with one. */
  readonly time?: string;
  /** Set when the line is a `brokerguard.login/1` event (a bot's emitter wrote it). */
  readonly loginEvent?: LoginEvent;
}

// IBC: `2026-01-05 09:30:01:123 IBC: ...`; IBeam: `2026-01-05 09:30:01,123|I| ...`.
const LEADING_TIME =
  /^\s*(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:[.,:](\d{1,3}))?(Z|[+-]\d{2}:?\d{2})?/;

/**
 * The timestamp a line starts with, as ISO-8601. The tools log local time without an
 * offset; containers run in UTC, so a time without an offset is read as UTC.
 */
export function lineTime(line: string): string | undefined {
  const m = LEADING_TIME.exec(line);
  if (!m) return undefined;
  const offset = m[4] ? (m[4] === 'Z' ? 'Z' : m[4].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : 'Z';
  const ms = (m[3] ?? '0').padEnd(3, '0');
  const date = new Date(`${m[1]}T${m[2]}.${ms}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function fromRule(rule: ClassifierRule, matched: string, line: string): LineClassification {
  const time = lineTime(line);
  return {
    ruleId: rule.id,
    event: rule.event,
    category: categoryOf(rule.event),
    source: rule.source,
    matched,
    ...(time ? { time } : {}),
  };
}

function fromLoginEvent(line: string): LineClassification | undefined {
  const start = line.indexOf('{');
  if (start < 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line.slice(start));
  } catch {
    return undefined;
  }
  // A line that claims the schema but breaks it is not guessed at: it counts as unmatched.
  let event: LoginEvent;
  try {
    event = parseLoginEvent(parsed);
  } catch {
    return undefined;
  }
  return {
    ruleId: 'login-event',
    event: event.event,
    category: event.category,
    source: event.source,
    matched: event.event,
    time: event.time,
    loginEvent: event,
  };
}

// A rule's capture group, when it has one, is the stable part; otherwise the whole match.
// A few patterns span a line (`live_session_token ... 401`): past this length the span may
// carry a response body, so the rule's literal stands in for it. Login event details stay
// short and free of whatever a bot logged in between.
const MAX_MATCHED = 120;

function stablePart(rule: ClassifierRule, match: string): string {
  const text = match.replace(/^\|\s*/, '');
  return text.length <= MAX_MATCHED ? text : rule.literal;
}

// One scan finds every rule literal a line contains, instead of one `includes` per rule: most
// log lines contain none, and a table of a hundred rules would otherwise cost a hundred
// substring searches per line. The alternation lists longer literals first, so at each
// position the longest literal is reported; every literal contained in a reported one is
// then present too (`containedIn`), and scanning on from the next position finds the rest.
const LITERALS = [...new Set(CLASSIFIER_RULES.map((r) => r.literal))].sort(
  (a, b) => b.length - a.length,
);
const ANY_LITERAL = new RegExp(
  LITERALS.map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
  'g',
);
const RULES_BY_LITERAL = new Map<string, number[]>(
  LITERALS.map((l) => [
    l,
    LITERALS.filter((other) => l.includes(other)).flatMap((other) =>
      CLASSIFIER_RULES.flatMap((r, i) => (r.literal === other ? [i] : [])),
    ),
  ]),
);

/** Indexes of the rules whose literal the line contains, in table order. */
function candidateRules(line: string): number[] {
  ANY_LITERAL.lastIndex = 0;
  let m = ANY_LITERAL.exec(line);
  if (!m) return [];
  const found = new Set<number>();
  while (m) {
    for (const i of RULES_BY_LITERAL.get(m[0])!) found.add(i);
    ANY_LITERAL.lastIndex = m.index + 1;
    m = ANY_LITERAL.exec(line);
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * Classifies one raw log line with the classifier table: the first rule whose literal the
 * line contains and whose pattern matches. Returns undefined when no rule matches: a line
 * is never guessed at.
 */
export function classifyLine(line: string): LineClassification | undefined {
  if (line.includes(LOGIN_EVENT_SCHEMA)) return fromLoginEvent(line);
  for (const i of candidateRules(line)) {
    const rule = CLASSIFIER_RULES[i];
    const m = rule.pattern.exec(line);
    if (m) return fromRule(rule, stablePart(rule, m[1] ?? m[0]), line);
  }
  return undefined;
}

// Words a login, session or entitlement message uses; cheap enough for every unmatched line.
const LOGIN_WORDS =
  /\b(?:log(?:ged|ging)?[ -]?(?:in|on|out)s?|re-?log(?:in|on)|(?:un|re|de)?auth(?:n|z|entic\w*|ori[sz](?:ation|ed|e))?|session|2fa|two-factor|second factor|competing|disconnect\w*|connectivity|credentials?|password|lock(?:ed)?[ -]?out|entitlements?|subscri\w*|permissions?|client ?id)\b/i;

/**
 * Whether a line that no rule matched still reads like a login, session or entitlement
 * message: `diagnose --unmatched` prints such lines so a user can report a gap in the table.
 * A heuristic on words, never used to classify.
 */
export function looksLoginRelated(line: string): boolean {
  return LOGIN_WORDS.test(line);
}
