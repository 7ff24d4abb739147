import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const files = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** Markdown without fenced code blocks and inline code: links there are examples, not links. */
function prose(md: string): string {
  return md.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to dashes. */
function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor a markdown file offers: explicit `<a id>` tags and heading slugs. */
function anchorsOf(md: string): Set<string> {
  const anchors = new Set([...md.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
  const seen = new Map<string, number>();
  for (const m of md.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

function relativeLinks(md: string): string[] {
  return [...prose(md).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1])
    .filter((target) => !/^[a-z][a-z+.-]*:/i.test(target));
}

describe('links in README.md, CONTRIBUTING.md and docs/', () => {
  test.each(files)('%s: every relative link points at a file and anchor that exist', (file) => {
    const md = readFileSync(join(root, file), 'utf8');
    const broken: string[] = [];
    for (const link of relativeLinks(md)) {
      const [path, anchor] = link.split('#');
      const target = path === '' ? join(root, file) : join(root, dirname(file), path);
      if (!existsSync(target)) {
        broken.push(`${link}: no file ${relative(root, target)}`);
        continue;
      }
      if (anchor && statSync(target).isFile() && target.endsWith('.md')) {
        if (!anchorsOf(readFileSync(target, 'utf8')).has(anchor)) {
          broken.push(`${link}: no anchor #${anchor} in ${relative(root, target)}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  test('the checker sees headings, explicit anchors and missing targets', () => {
    const md =
      '# Title\n## IBKR live session tokens: two secrets\n## For `x`: y\n<a id="runbook-x"></a>\n';
    expect([...anchorsOf(md)]).toEqual(
      expect.arrayContaining([
        'title',
        'ibkr-live-session-tokens-two-secrets',
        'for-x-y',
        'runbook-x',
      ]),
    );
    expect(relativeLinks('[a](b.md#c) [w](https://x.org) `[no](code.md)`')).toEqual(['b.md#c']);
  });
});
