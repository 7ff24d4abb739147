import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BrokerGuardError } from './errors';

/**
 * The pre-built bundle of `lib/**\/<name>.lambda.ts` (scripts/bundle-handlers.mjs). Handlers
 * are bundled at build time, so a user's synth never bundles and never needs Docker.
 */
export function handlerCode(name: string): lambda.Code {
  const candidates = [
    // dist/lib -> dist/handlers (the published package)
    join(__dirname, '..', 'handlers', name),
    // lib -> dist/handlers (the TypeScript sources under ts-jest)
    join(__dirname, '..', 'dist', 'handlers', name),
  ];
  const dir = candidates.find((d) => existsSync(join(d, 'index.js')));
  if (!dir) {
    throw new BrokerGuardError(
      'HANDLER_NOT_BUILT',
      `handler bundle "${name}" not found (looked in ${candidates.join(', ')}): run npm run build`,
    );
  }
  return lambda.Code.fromAsset(dir);
}

/** The newest Node.js runtime this aws-cdk-lib knows: AwsSolutions-L1 asks for it. */
export const HANDLER_RUNTIME = lambda.Runtime.NODEJS_24_X;
