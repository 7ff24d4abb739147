import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { originalPosition } from '../../../lib/policy/sarif/source-map';

describe('originalPosition', () => {
  const root = mkdtempSync(join(tmpdir(), 'bg-map-'));
  mkdirSync(join(root, 'dist'));
  const js = join(root, 'dist/a.js');
  writeFileSync(js, 'x;\n  y;\n');
  // line 1: col 0 → a.ts 1:1; line 2: col 0 → a.ts 3:1, col 2 → a.ts 3:3
  writeFileSync(
    `${js}.map`,
    JSON.stringify({ version: 3, sources: ['../src/a.ts'], mappings: 'AAAA;AAEA,EAAE' }),
  );

  test('maps a generated line and column to the source, relative to the map', () => {
    expect(originalPosition(js, 2, 3)).toEqual({
      file: join(root, 'src/a.ts'),
      line: 3,
      column: 3,
    });
    expect(originalPosition(js, 2, 1)).toEqual({
      file: join(root, 'src/a.ts'),
      line: 3,
      column: 1,
    });
    expect(originalPosition(js, 1, 1)).toEqual({
      file: join(root, 'src/a.ts'),
      line: 1,
      column: 1,
    });
  });

  test('undefined without a map or a mapping', () => {
    expect(originalPosition(join(root, 'dist/none.js'), 1, 1)).toBeUndefined();
    expect(originalPosition(js, 9, 1)).toBeUndefined();
  });
});
