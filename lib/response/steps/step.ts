import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { IAMClient } from '@aws-sdk/client-iam';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SSMClient } from '@aws-sdk/client-ssm';
import { StepResult } from '../playbook';

/** The AWS clients the steps use; tests pass mocked ones. */
export interface PlaybookClients {
  readonly iam: IAMClient;
  readonly secretsManager: SecretsManagerClient;
  readonly ssm: SSMClient;
  readonly ecs: ECSClient;
  readonly ec2: EC2Client;
}

/** A step bound to its one target, ready to run; `run` never rejects. */
export interface PlannedStep {
  readonly step: StepResult['step'];
  readonly segment?: StepResult['segment'];
  readonly target?: string;
  readonly run: (clients: PlaybookClients) => Promise<StepResult>;
}

/**
 * Names an AWS error without echoing request data: the SDK's error name and message carry
 * ARNs and reasons, never secret values (no step sends or reads one).
 */
export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

/**
 * Turns a step's exception into a `failed` result, so one failing step never stops the others
 * and the report always has a line for it.
 */
export async function neverThrows(
  base: Omit<StepResult, 'status' | 'detail'>,
  action: () => Promise<StepResult>,
): Promise<StepResult> {
  try {
    return await action();
  } catch (err) {
    return { ...base, status: 'failed', detail: describeError(err) };
  }
}
