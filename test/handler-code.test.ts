import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BrokerGuardError } from '../lib/errors';
import { HANDLER_RUNTIME, HandlerBundleCode, handlerCode } from '../lib/handler-code';

const BUNDLE = join(__dirname, '..', 'dist', 'handlers', 'credential-age-check');

/** One function per stack: the kit's handler code in one, aws-cdk-lib's asset code in the other. */
function synthBoth(context: Record<string, unknown> = {}) {
  const app = new App({ builtinCloudFormationValidation: false, context });
  const kit = new Stack(app, 'Kit');
  const reference = new Stack(app, 'Reference');
  for (const [stack, code] of [
    [kit, handlerCode('credential-age-check')],
    [reference, lambda.Code.fromAsset(BUNDLE)],
  ] as const) {
    new lambda.Function(stack, 'Fn', { runtime: HANDLER_RUNTIME, handler: 'index.handler', code });
  }
  const assembly = app.synth();
  const read = (name: string) => {
    const artifact = assembly.getStackByName(name);
    const fn = Object.values(artifact.template.Resources as Record<string, any>).find(
      (r) => r.Type === 'AWS::Lambda::Function',
    );
    const manifest = JSON.parse(
      readFileSync(join(assembly.directory, `${name}.assets.json`), 'utf8'),
    );
    return { fn, files: manifest.files as Record<string, any> };
  };
  return { assembly, kit: read('Kit'), reference: read('Reference') };
}

describe('handlerCode', () => {
  test('produces the same Code property and file asset as lambda.Code.fromAsset', () => {
    const { assembly, kit, reference } = synthBoth();
    expect(kit.fn.Properties.Code).toEqual(reference.fn.Properties.Code);
    expect(kit.fn.Properties.Code.S3Key).toMatch(/^[0-9a-f]{64}\.zip$/);

    const [hash, asset] = Object.entries(kit.files)[0];
    expect(Object.keys(kit.files)).toEqual(Object.keys(reference.files));
    expect(asset.source).toEqual({ path: `asset.${hash}`, packaging: 'zip' });
    expect(asset.source).toEqual(reference.files[hash].source);
    expect(asset.displayName).toBe('Fn/Code');
    expect(reference.files[hash].displayName).toBe('Fn/Code');
    // The bundle is staged into the cloud assembly, so cdk.out deploys on its own.
    expect(existsSync(join(assembly.directory, `asset.${hash}`, 'index.js'))).toBe(true);
  });

  test('adds the same asset metadata as asset code when the CLI asks for it', () => {
    const { kit, reference } = synthBoth({ 'aws:cdk:enable-asset-metadata': true });
    expect(kit.fn.Metadata['aws:asset:path']).toMatch(/^asset\.[0-9a-f]{64}$/);
    expect(kit.fn.Metadata['aws:asset:property']).toBe('Code');
    expect(kit.fn.Metadata).toEqual(reference.fn.Metadata);
  });

  test('adds no asset metadata by default', () => {
    const { kit } = synthBoth();
    expect(kit.fn.Metadata?.['aws:asset:path']).toBeUndefined();
  });

  test('refuses to stage one code object into two stacks', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const code = handlerCode('credential-age-check');
    const props = { runtime: HANDLER_RUNTIME, handler: 'index.handler', code };
    new lambda.Function(new Stack(app, 'One'), 'Fn', props);
    expect(() => new lambda.Function(new Stack(app, 'Two'), 'Fn', props)).toThrow(
      expect.objectContaining({ code: 'HANDLER_CODE_REUSED' }),
    );
  });

  test('names the missing bundle and the fix', () => {
    let error: unknown;
    try {
      handlerCode('no-such-handler');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BrokerGuardError);
    expect((error as BrokerGuardError).code).toBe('HANDLER_NOT_BUILT');
    expect((error as Error).message).toMatch(/"no-such-handler" not found .*run npm run build/);
  });

  test('refuses a file where a bundle directory belongs', () => {
    const stack = new Stack(new App({ builtinCloudFormationValidation: false }), 'S');
    const code = new HandlerBundleCode(join(BUNDLE, 'index.js'));
    expect(() => code.bind(stack)).toThrow(
      expect.objectContaining({ code: 'HANDLER_NOT_DIRECTORY' }),
    );
    // Nothing half-made: the refused code added no construct.
    expect(stack.node.children).toHaveLength(0);
  });
});
