import { PolicyStatement } from '../model/policy-document';

/**
 * An Allow pinned to an encryption context that is not a secret's (an SNS topic, a log group):
 * ciphertext of a secret carries `SecretARN` in its context, so this grant cannot open it.
 */
export function isBoundToOtherData(s: PolicyStatement): boolean {
  return Object.entries(s.conditions).some(
    ([op, body]) =>
      /^(StringEquals|StringLike|ArnLike|ArnEquals)$/.test(op) &&
      Object.keys(body).some(
        (k) => /^kms:EncryptionContext:/i.test(k) && !/SecretARN|SecretVersionId/i.test(k),
      ),
  );
}
