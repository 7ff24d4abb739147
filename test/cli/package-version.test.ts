import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageVersion } from '../../lib/cli/package-version';

describe('packageVersion', () => {
  test("is the repository's package.json version when run from the source tree", () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'));
    expect(packageVersion()).toBe(pkg.version);
  });

  test('passes by package.json files of other packages on the way up', () => {
    // GIVEN node_modules/brokerguard/dist/lib/cli inside an app with its own package.json
    const app = mkdtempSync(join(tmpdir(), 'bg-version-'));
    writeFileSync(join(app, 'package.json'), '{"name":"my-app","version":"9.9.9"}');
    const installed = join(app, 'node_modules/brokerguard');
    mkdirSync(join(installed, 'dist/lib/cli'), { recursive: true });
    writeFileSync(join(installed, 'dist/lib/package.json'), 'not json');
    writeFileSync(join(installed, 'package.json'), '{"name":"brokerguard","version":"1.2.3"}');
    // WHEN / THEN
    expect(packageVersion(join(installed, 'dist/lib/cli'))).toBe('1.2.3');
  });

  test('says where it looked when there is none', () => {
    const lone = mkdtempSync(join(tmpdir(), 'bg-version-none-'));
    expect(() => packageVersion(lone)).toThrow(
      new RegExp(`no package.json named "brokerguard" with a version above ${lone}`),
    );
  });
});
