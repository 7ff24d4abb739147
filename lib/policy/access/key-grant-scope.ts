import { conditionValues, PolicyStatement } from '../model/policy-document';

/** An Allow limited to calls made through an AWS service on the caller's behalf. */
export function isViaService(s: PolicyStatement): boolean {
  return conditionValues(s, ['StringEquals', 'StringLike'], 'kms:ViaService') !== undefined;
}

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
