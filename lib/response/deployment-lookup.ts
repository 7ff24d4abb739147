import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { BrokerGuardError } from '../errors';

import { OUTPUT_STATE_MACHINE_ARN, OUTPUT_SWITCH_PARAMETER } from './stack-outputs';
import { DEPLOYMENT_NAME_PATTERN, stackName } from '../contracts/names';

/**
 * The deployment a CLI verb acts on: `--deployment`, else the embedded config's
 * `deployment.name` in ./cdk.json, else the schema default `paper`.
 *
 * @throws BrokerGuardError `DEPLOYMENT_NAME` for a name no deployment can have
 */
export function resolveDeploymentName(flag: string | undefined, cwd: string): string {
  let name = flag;
  let from = '--deployment';
  if (name === undefined) {
    from = 'cdk.json context brokerguard.deployment.name';
    try {
      const cdkJson = JSON.parse(readFileSync(join(cwd, 'cdk.json'), 'utf8'));
      name = cdkJson?.context?.brokerguard?.deployment?.name;
    } catch {
      // No readable cdk.json here: fall back to the schema default.
    }
    if (name === undefined) {
      name = 'paper';
      from = 'the default';
    }
  }
  if (typeof name !== 'string' || !DEPLOYMENT_NAME_PATTERN.test(name)) {
    throw new BrokerGuardError(
      'DEPLOYMENT_NAME',
      `${from}: got ${JSON.stringify(name)}; a deployment name is 2-24 lowercase letters, digits and dashes, starting with a letter`,
    );
  }
  return name;
}

/**
 * Turns the AWS SDK's errors about the caller's own setup into one clear sentence; any other
 * error is returned unchanged.
 */
export function explainAwsError(err: unknown, deployment: string): Error {
  const e = err instanceof Error ? err : new Error(String(err));
  if (e.name === 'CredentialsProviderError' || /could not load credentials/i.test(e.message)) {
    return new BrokerGuardError(
      'AWS_CREDENTIALS',
      'no AWS credentials found: sign in to your admin profile with MFA (e.g. AWS_PROFILE=brokerguard-admin) and try again',
    );
  }
  if (/region is missing/i.test(e.message)) {
    return new BrokerGuardError(
      'AWS_REGION',
      `no AWS region set: pass --region or set AWS_REGION to the region deployment ${deployment} is in`,
    );
  }
  if (
    [
      'ExpiredToken',
      'ExpiredTokenException',
      'InvalidClientTokenId',
      'UnrecognizedClientException',
    ].includes(e.name)
  ) {
    return new BrokerGuardError(
      'AWS_CREDENTIALS',
      `your AWS credentials were refused (${e.name}): sign in again with MFA and try again`,
    );
  }
  return e;
}

/** What the CLI needs from a deployed stack. */
export interface IncidentOutputs {
  readonly stackName: string;
  readonly stateMachineArn: string;
  readonly switchParameterName: string;
}

/**
 * Reads the IncidentResponse outputs of a deployment's stack.
 *
 * @throws BrokerGuardError `DEPLOYMENT_NOT_FOUND` when the stack does not exist in the region,
 *   `DEPLOYMENT_OUTPUTS` when it has no incident outputs, `AWS_CREDENTIALS` / `AWS_REGION`
 */
export async function findIncidentOutputs(
  cfn: CloudFormationClient,
  deployment: string,
): Promise<IncidentOutputs> {
  const name = stackName(deployment);
  let outputs: ReadonlyMap<string, string> | undefined;
  try {
    outputs = await readStackOutputs(cfn, name);
  } catch (err) {
    throw explainAwsError(err, deployment);
  }
  if (!outputs) {
    const region = await cfn.config.region().catch(() => 'the configured region');
    throw new BrokerGuardError(
      'DEPLOYMENT_NOT_FOUND',
      `deployment "${deployment}" does not exist in ${region} (no stack ${name}): check --deployment and --region, or deploy it first`,
    );
  }
  const get = (key: string): string => {
    const value = outputs.get(key);
    if (!value) {
      throw new BrokerGuardError(
        'DEPLOYMENT_OUTPUTS',
        `stack ${name} has no output ${key}: deploy it with a brokerguard version that has incident response`,
      );
    }
    return value;
  };
  return {
    stackName: name,
    stateMachineArn: get(OUTPUT_STATE_MACHINE_ARN),
    switchParameterName: get(OUTPUT_SWITCH_PARAMETER),
  };
}

/**
 * A stack's outputs by key, or undefined when the stack does not exist in the client's region.
 * Any other error is thrown as the SDK raised it.
 */
export async function readStackOutputs(
  cfn: CloudFormationClient,
  name: string,
): Promise<ReadonlyMap<string, string> | undefined> {
  try {
    const out = await cfn.send(new DescribeStacksCommand({ StackName: name }));
    const outputs = new Map<string, string>();
    for (const o of out.Stacks?.[0]?.Outputs ?? []) {
      if (o.OutputKey && o.OutputValue !== undefined) outputs.set(o.OutputKey, o.OutputValue);
    }
    return outputs;
  } catch (err) {
    if (err instanceof Error && /does not exist/i.test(err.message)) return undefined;
    throw err;
  }
}
