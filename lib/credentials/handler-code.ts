import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BrokerGuardError } from '../errors';

/**
 * The pre-bundled handler `name` (dist/handlers/<name>), found both from the compiled package
 * (dist/lib/credentials) and from the TypeScript sources under test. A user's synth never
 * bundles: the build did.
 */
export function handlerCode(name: string): lambda.Code {
  const candidates = [
    join(__dirname, '../../handlers', name),
    join(__dirname, '../../dist/handlers', name),
  ];
  const dir = candidates.find((d) => existsSync(join(d, 'index.js')));
  if (!dir) {
    throw new BrokerGuardError(
      'HANDLER_NOT_BUILT',
      `handler bundle "${name}" was not found (looked in ${candidates.join(', ')}): run \`npm run build\``,
    );
  }
  return lambda.Code.fromAsset(dir);
}
