import { RotateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { SegmentName } from '../../contracts';
import { SecretTarget, StepResult } from '../playbook';
import { PlaybookClients, describeError } from './step';

// Secrets Manager's answer when a rotation is already under way; a re-run of the playbook
// meets it when the first run's rotation has not finished, which is the outcome it wanted.
const ROTATION_IN_PROGRESS = /previous rotation isn.t complete|rotation is already in progress/i;

/**
 * Starts an immediate rotation of a rotating credential with its configured rotation function.
 * Rotation is asynchronous: `done` means Secrets Manager accepted it; the rotation alarm
 * reports the outcome.
 */
export async function rotateCredential(
  segment: SegmentName,
  secret: SecretTarget,
  clients: Pick<PlaybookClients, 'secretsManager'>,
): Promise<StepResult> {
  const base = { step: 'rotate-credential', segment, target: secret.name } as const;
  try {
    const out = await clients.secretsManager.send(
      new RotateSecretCommand({ SecretId: secret.arn, RotateImmediately: true }),
    );
    return {
      ...base,
      status: 'done',
      detail: `rotation of ${secret.name} started (new version ${out.VersionId ?? 'pending'})`,
    };
  } catch (err) {
    if (err instanceof Error && ROTATION_IN_PROGRESS.test(err.message)) {
      return {
        ...base,
        status: 'skipped',
        detail: `a rotation of ${secret.name} is already in progress; Secrets Manager finishes it`,
      };
    }
    return { ...base, status: 'failed', detail: describeError(err) };
  }
}
