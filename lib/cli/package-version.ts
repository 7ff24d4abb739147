import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BrokerGuardError } from '../errors';

const PACKAGE_NAME = 'brokerguard';

/**
 * The version in brokerguard's own package.json, read when asked. The file is found by walking
 * up from this module, so the answer is right from the repository (`lib/cli` under ts-jest,
 * `dist/lib/cli` once built) and from an installed package
 * (`node_modules/brokerguard/dist/lib/cli`); a package.json of another name on the way (the
 * user's own project) is passed by.
 */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    let text: string | undefined;
    try {
      text = readFileSync(join(dir, 'package.json'), 'utf8');
    } catch {
      // None here: look one level up.
    }
    if (text !== undefined) {
      let pkg: { name?: unknown; version?: unknown } | undefined;
      try {
        pkg = JSON.parse(text);
      } catch {
        // Not ours if it does not parse.
      }
      if (pkg?.name === PACKAGE_NAME && typeof pkg.version === 'string') return pkg.version;
    }
    if (dirname(dir) === dir) break;
  }
  throw new BrokerGuardError(
    'PACKAGE_NOT_FOUND',
    `no package.json named "${PACKAGE_NAME}" with a version above ${from}`,
  );
}
