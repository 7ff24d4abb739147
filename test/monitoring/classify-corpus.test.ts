import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { classifyLine } from '../../lib/monitoring/classify';
import { LOGIN_EVENT_NAMES, LoginEventName, categoryOf } from '../../lib/contracts/login-event';

// Real lines from the tools' sources and public issue threads, each with where it comes from
// and what it should classify as (event null: a near miss that must classify as nothing).
const CORPUS_DIR = join(__dirname, '..', 'fixtures', 'logs', 'corpus');

interface Entry {
  readonly line: string;
  readonly event: LoginEventName | null;
  readonly category: string | null;
  readonly from: string;
}

const corpus: [source: string, entries: Entry[]][] = readdirSync(CORPUS_DIR)
  .filter((f) => f.endsWith('.jsonl'))
  .sort()
  .map((f) => [
    basename(f, '.jsonl'),
    readFileSync(join(CORPUS_DIR, f), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Entry),
  ]);

interface Score {
  signals: number;
  category: number;
  event: number;
  nearMisses: number;
  nearMissHits: string[];
  misses: string[];
}

function score(entries: Entry[]): Score {
  const s: Score = {
    signals: 0,
    category: 0,
    event: 0,
    nearMisses: 0,
    nearMissHits: [],
    misses: [],
  };
  for (const e of entries) {
    const c = classifyLine(e.line);
    if (e.event === null) {
      s.nearMisses += 1;
      if (c) s.nearMissHits.push(`${c.ruleId}: ${e.line}`);
      continue;
    }
    s.signals += 1;
    if (c?.category === e.category) s.category += 1;
    if (c?.event === e.event) s.event += 1;
    else
      s.misses.push(
        `want ${e.event}, got ${c ? `${c.event} (${c.ruleId})` : 'nothing'}: ${e.line}`,
      );
  }
  return s;
}

const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;

describe('classifier corpus', () => {
  test('every entry names its origin, a known event and that event’s category', () => {
    for (const [source, entries] of corpus) {
      expect(entries.length).toBeGreaterThan(0);
      for (const e of entries) {
        const where = `${source}: ${e.line}`;
        expect([where, typeof e.line, e.line.length > 0]).toEqual([where, 'string', true]);
        expect([where, e.from.trim().length > 0]).toEqual([where, true]);
        if (e.event === null) {
          expect([where, e.category]).toEqual([where, null]);
        } else {
          expect([where, LOGIN_EVENT_NAMES.includes(e.event)]).toEqual([where, true]);
          expect([where, e.category]).toEqual([where, categoryOf(e.event)]);
        }
      }
    }
  });

  test('gate: >= 95% category, >= 85% event, 0 near-miss hits (prints per-source rates)', () => {
    // GIVEN every source's corpus
    const scores = corpus.map(([source, entries]) => [source, score(entries)] as const);
    const total = scores.reduce(
      (t, [, s]) => ({
        signals: t.signals + s.signals,
        category: t.category + s.category,
        event: t.event + s.event,
        nearMisses: t.nearMisses + s.nearMisses,
        nearMissHits: [...t.nearMissHits, ...s.nearMissHits],
        misses: [...t.misses, ...s.misses],
      }),
      score([]),
    );
    // WHEN the rates are printed
    const rows = [...scores, ['total', total] as const].map(
      ([source, s]) =>
        `${source.padEnd(18)} ${String(s.signals).padStart(4)} signal lines  category ${pct(s.category, s.signals).padStart(6)}  event ${pct(s.event, s.signals).padStart(6)}  near misses ${String(s.nearMisses).padStart(3)} (${s.nearMissHits.length} hit)`,
    );
    console.log(
      `classifier corpus (${CORPUS_DIR}):\n${rows.join('\n')}\n` +
        (total.misses.length ? `misses:\n  ${total.misses.join('\n  ')}` : 'misses: none'),
    );
    // THEN the gate holds
    expect(total.nearMissHits).toEqual([]);
    expect(total.category / total.signals).toBeGreaterThanOrEqual(0.95);
    expect(total.event / total.signals).toBeGreaterThanOrEqual(0.85);
  });

  test('the gate can fail: a corpus of wrong expectations scores below it', () => {
    // GIVEN every signal line expecting an event of the other categories
    const wrong = corpus.flatMap(([, entries]) =>
      entries
        .filter((e) => e.event !== null)
        .map((e) => {
          const other = LOGIN_EVENT_NAMES.find((n) => categoryOf(n) !== e.category)!;
          return { ...e, event: other, category: categoryOf(other) };
        }),
    );
    // WHEN
    const s = score(wrong);
    // THEN
    expect(s.category).toBe(0);
    expect(s.event).toBe(0);
  });
});
