import { TemplateModel } from '../../model/template-model';
import { isLiteralSecretValue } from './literal-value';

/** Variable names that hold a secret value, not a pointer to one. */
const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL/i;
/** Suffixes of names that point at secrets (ARNs, names, ids, paths) or describe them. */
const POINTER_SUFFIX =
  /_(?:ARN|ID|NAME|PATH|PARAM|PARAMETER|REGION|URL|URI|ENDPOINT|HEADER|FIELD|TTL|SECONDS|MINUTES|HOURS|DAYS|STAGE|VERSION|TYPE|LENGTH|ENABLED|FILE)S?$/i;

/**
 * Whether an environment variable writes a secret into the template: named like a secret (and
 * not like a pointer to one), with a value spelled out rather than referenced.
 */
export function isPlaintextSecretVariable(
  model: TemplateModel,
  name: string,
  value: unknown,
): boolean {
  if (!SECRET_NAME.test(name) || POINTER_SUFFIX.test(name)) return false;
  if (typeof value !== 'string' && typeof value !== 'object') return false;
  const flat = model.flatten(value);
  if (!isLiteralSecretValue(flat)) return false;
  // An ARN or a boolean/number says where or whether, not what.
  return !/^arn:|^(?:true|false|\d+)$/i.test(flat!.trim());
}
