import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { defineRule, findings } from '../../rule';
import { isLiteralSecretValue } from './literal-value';

/** Variable names that hold a secret value, not a pointer to one. */
const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL/i;
/** Suffixes of names that point at secrets (ARNs, names, ids, paths) or describe them. */
const POINTER_SUFFIX =
  /_(?:ARN|ID|NAME|PATH|PARAM|PARAMETER|REGION|URL|URI|ENDPOINT|HEADER|FIELD|TTL|SECONDS|MINUTES|HOURS|DAYS|STAGE|VERSION|TYPE|LENGTH|ENABLED)S?$/i;

/** Lambda functions read secrets at run time; the template carries no secret value. */
export default defineRule({
  id: 'BG-SEC-2',
  name: 'NoPlaintextSecretInEnvironment',
  level: NagMessageLevel.ERROR,
  info: 'A Lambda function has an environment variable named like a secret (PASSWORD, SECRET, TOKEN, API_KEY, ...) with a literal value written in the template.',
  explanation:
    'Environment variables are plain text in the template, in GetFunctionConfiguration for anyone with lambda:Get*, and in every copy of the template: a secret there is readable far outside its segment.',
  fix: 'Store the value in Secrets Manager and pass the secret ARN (e.g. SECRET_ARN) for the function to read at run time; rotate the leaked value.',
  resourceTypes: ['AWS::Lambda::Function', 'AWS::Serverless::Function'],
  evaluate(fn, model) {
    const env = fn.properties.Environment as { Variables?: unknown } | undefined;
    const vars = env?.Variables;
    if (!vars || typeof vars !== 'object') return NagRuleCompliance.NOT_APPLICABLE;
    const out: string[] = [];
    for (const [name, value] of Object.entries(vars as Record<string, unknown>)) {
      if (!SECRET_NAME.test(name) || POINTER_SUFFIX.test(name)) continue;
      if (typeof value !== 'string' && typeof value !== 'object') continue;
      const flat = model.flatten(value);
      if (!isLiteralSecretValue(flat)) continue;
      // An ARN or a boolean/number says where or whether, not what.
      if (/^arn:|^(?:true|false|\d+)$/i.test(flat!.trim())) continue;
      out.push(`Variable::${name}`);
    }
    return findings(out);
  },
});
