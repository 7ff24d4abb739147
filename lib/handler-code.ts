import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  AssetStaging,
  CfnResource,
  FileAssetPackaging,
  FileAssetLocation,
  Names,
  Stack,
} from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { BrokerGuardError } from './errors';

/**
 * The pre-built bundle of `lib/**\/<name>.lambda.ts` (scripts/build-handlers.mjs). Handlers
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
  return new HandlerBundleCode(dir);
}

/**
 * A handler bundle as Lambda code: the directory is staged into the cloud assembly and
 * registered with the stack's synthesizer as a zipped file asset, deployed by `cdk deploy`.
 *
 * This is what `lambda.Code.fromAsset` produces (same staging, same asset manifest entry, same
 * `Code` property and asset metadata) without its `s3.IBucket` handle, which the kit never
 * uses: building that handle loads aws-s3 and region-info, about a third of a second of every
 * synth (see the synth benchmark).
 */
export class HandlerBundleCode extends lambda.Code {
  private staged?: {
    readonly scope: Construct;
    readonly path: string;
    readonly location: FileAssetLocation;
  };

  constructor(private readonly directory: string) {
    super();
  }

  public bind(scope: Construct): lambda.CodeConfig {
    const stack = Stack.of(scope);
    if (!this.staged) {
      if (!statSync(this.directory, { throwIfNoEntry: false })?.isDirectory()) {
        throw new BrokerGuardError(
          'HANDLER_NOT_DIRECTORY',
          `handler bundle ${this.directory} is not a directory: Lambda code is a zipped directory`,
        );
      }
      const code = new Construct(scope, 'Code');
      const staging = new AssetStaging(code, 'Stage', { sourcePath: this.directory });
      const path = staging.relativeStagedPath(stack);
      const location = stack.synthesizer.addFileAsset({
        packaging: FileAssetPackaging.ZIP_DIRECTORY,
        sourceHash: staging.assetHash,
        fileName: path,
        deployTime: true,
        displayName: Names.stackRelativeConstructPath(code),
      });
      this.staged = { scope: code, path, location };
    } else if (Stack.of(this.staged.scope) !== stack) {
      throw new BrokerGuardError(
        'HANDLER_CODE_REUSED',
        `handler bundle ${this.directory} is already staged in stack ${Stack.of(this.staged.scope).stackName}; make one handlerCode() per stack`,
      );
    }
    return {
      s3Location: {
        bucketName: this.staged.location.bucketName,
        objectKey: this.staged.location.objectKey,
      },
    };
  }

  /** Points local tools (SAM) at the staged directory, as asset code does. */
  public bindToResource(resource: CfnResource, options: lambda.ResourceBindOptions = {}): void {
    if (!this.staged) {
      throw new BrokerGuardError(
        'HANDLER_NOT_BOUND',
        'bindToResource() must be called after bind()',
      );
    }
    if (!resource.node.tryGetContext(cxapi.ASSET_RESOURCE_METADATA_ENABLED_CONTEXT)) {
      return;
    }
    resource.cfnOptions.metadata = {
      ...resource.cfnOptions.metadata,
      [cxapi.ASSET_RESOURCE_METADATA_PATH_KEY]: this.staged.path,
      [cxapi.ASSET_RESOURCE_METADATA_IS_BUNDLED_KEY]: false,
      [cxapi.ASSET_RESOURCE_METADATA_PROPERTY_KEY]: options.resourceProperty ?? 'Code',
    };
  }
}

/** The newest Node.js runtime this aws-cdk-lib knows: AwsSolutions-L1 asks for it. */
export const HANDLER_RUNTIME = lambda.Runtime.NODEJS_24_X;
