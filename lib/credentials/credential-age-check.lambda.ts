/**
 * Hourly: for every credential in SECRET_IDS, publish days since its value last changed
 * (the AWSCURRENT version's creation time) as BrokerGuard/CredentialAgeDays through EMF. It
 * reads metadata only — never a secret value — so it needs no key and no GetSecretValue.
 */
import {
  DescribeSecretCommand,
  ListSecretVersionIdsCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { TAG_COMPROMISED } from '../contracts';
import { credentialAgeDays, credentialAgeEmf } from './credential-age';

let client: SecretsManagerClient | undefined;

export async function handler(): Promise<{ checked: number }> {
  client ??= new SecretsManagerClient({});
  const ids = JSON.parse(process.env.SECRET_IDS ?? '[]') as string[];
  const now = Date.now();
  const failed: string[] = [];
  await Promise.all(
    ids.map(async (id) => {
      try {
        const described = await client!.send(new DescribeSecretCommand({ SecretId: id }));
        const versions = await client!.send(new ListSecretVersionIdsCommand({ SecretId: id }));
        const current = versions.Versions?.find((v) => v.VersionStages?.includes('AWSCURRENT'));
        const changed = current?.CreatedDate ?? described.LastChangedDate ?? described.CreatedDate;
        const flagged = described.Tags?.find((t) => t.Key === TAG_COMPROMISED)?.Value;
        const age = credentialAgeDays(changed ? changed.getTime() : 0, now, flagged);
        console.log(credentialAgeEmf(described.Name ?? id, age, now));
      } catch (e) {
        failed.push(id);
        const err = e as { name?: string; message?: string };
        console.log(
          JSON.stringify({ level: 'error', credential: id, code: err.name, message: err.message }),
        );
      }
    }),
  );
  if (failed.length > 0) {
    // A failed check must show up as a Lambda error, not as a quietly missing age.
    throw new Error(
      `could not check the age of ${failed.length} credential(s): ${failed.join(', ')}`,
    );
  }
  return { checked: ids.length };
}
