import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRulesMarkdown } from '../../lib/policy/rules-doc';
import { BROKERGUARD_RULES } from '../../lib/policy/rules';

const ROOT = join(__dirname, '../..');
const RULES_MD = join(ROOT, 'RULES.md');

/** Table padding is prettier's business: compare cells, not spaces. */
function normalize(md: string): string {
  return md
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split(/(?<!\\)\|/)
            .map((c) => (/^\s*-+\s*$/.test(c) ? '---' : c.trim()))
            .join('|')
        : line.trimEnd(),
    )
    .join('\n')
    .trim();
}

describe('RULES.md', () => {
  test('says exactly what the rule metadata says', () => {
    // GIVEN
    const rendered = renderRulesMarkdown();
    if (process.env.UPDATE_RULES_MD) {
      writeFileSync(RULES_MD, rendered);
      execFileSync(join(ROOT, 'node_modules/.bin/prettier'), ['--write', RULES_MD]);
    }
    // WHEN
    const committed = readFileSync(RULES_MD, 'utf8');
    // THEN: if this fails, run UPDATE_RULES_MD=1 npx jest test/policy/rules-doc.test.ts
    expect(normalize(committed)).toBe(normalize(rendered));
  });

  test('lists every rule of the pack once, under its level', () => {
    const md = renderRulesMarkdown();
    for (const rule of BROKERGUARD_RULES) {
      expect(md.split(`| ${rule.id} | ${rule.name} |`).length).toBe(2);
    }
    expect(md.indexOf('| BG-SEG-4 |')).toBeGreaterThan(md.indexOf('## Warnings'));
  });
});
