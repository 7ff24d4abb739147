// `npm run docs` (after the build): rewrites every generated block of the docs from its
// source — the config reference from the schema, the alarm and detection tables from the
// alarm catalog — RULES.md from the rule metadata, and rules/brokerguard.guard (the Guard hook's
// rules) from the Guard twins. test/docs/generated-tables.test.ts and
// test/policy/rules-doc.test.ts fail while a committed copy differs.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const { DOCS_WITH_BLOCKS, renderDocsBlock } = require(`${root}dist/lib/docs-blocks.js`);
const { renderGeneratedBlocks } = require(`${root}dist/lib/contracts/alarm-catalog-doc.js`);
const { renderRulesMarkdown } = require(`${root}dist/lib/policy/rules-doc.js`);
const { HOOK_RULES_FILE, renderHookRules } = require(`${root}dist/lib/policy/guard/hook-rules.js`);

for (const file of DOCS_WITH_BLOCKS) {
  const before = readFileSync(`${root}${file}`, 'utf8');
  const after = renderGeneratedBlocks(before, renderDocsBlock);
  writeFileSync(`${root}${file}`, after);
  console.log(`${file}: ${after === before ? 'unchanged' : 'regenerated'}`);
}
writeFileSync(`${root}RULES.md`, renderRulesMarkdown());
execFileSync(`${root}node_modules/.bin/prettier`, ['--write', '--log-level', 'warn', 'RULES.md'], {
  cwd: root,
  stdio: 'inherit',
});
console.log('RULES.md: regenerated from the rule metadata');
writeFileSync(`${root}${HOOK_RULES_FILE}`, renderHookRules());
console.log(`${HOOK_RULES_FILE}: regenerated from the Guard twins`);
