import { DescribeSecretCommand, TagResourceCommand } from '@aws-sdk/client-secrets-manager';
import { SegmentName, TAG_COMPROMISED } from '../../contracts';
import { SecretTarget, StepResult } from '../playbook';
import { PlaybookClients, neverThrows } from './step';

/**
 * Tags a manual credential `brokerguard:compromised` = now (ISO-8601). Its age metric then
 * reports 100000 days until a value newer than the tag is put, so its alarm stays red until a
 * person replaces it at the broker and in Secrets Manager.
 *
 * Idempotent: an existing flag whose credential has not changed since is kept (a re-run does
 * not move the time); a flag on a credential replaced since is renewed (a new incident).
 */
export function flagManualCredential(
  segment: SegmentName,
  secret: SecretTarget,
  now: Date,
  clients: Pick<PlaybookClients, 'secretsManager'>,
): Promise<StepResult> {
  const base = { step: 'flag-manual-credential', segment, target: secret.name } as const;
  return neverThrows(base, async () => {
    const described = await clients.secretsManager.send(
      new DescribeSecretCommand({ SecretId: secret.arn }),
    );
    const existing = described.Tags?.find((t) => t.Key === TAG_COMPROMISED)?.Value;
    const flaggedAt = existing ? Date.parse(existing) : NaN;
    const changedAt = described.LastChangedDate?.getTime() ?? 0;
    if (!Number.isNaN(flaggedAt) && changedAt <= flaggedAt) {
      return {
        ...base,
        status: 'done',
        detail: `${secret.name} already flagged compromised since ${existing}; put a new value to clear it`,
      };
    }
    await clients.secretsManager.send(
      new TagResourceCommand({
        SecretId: secret.arn,
        Tags: [{ Key: TAG_COMPROMISED, Value: now.toISOString() }],
      }),
    );
    return {
      ...base,
      status: 'done',
      detail: `${secret.name} flagged compromised; its age alarm stays red until a new value is put`,
    };
  });
}
