import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { defineRule, findings } from '../../rule';
import { isPlaintextSecretVariable } from './secret-variable';

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
      if (isPlaintextSecretVariable(model, name, value)) out.push(`Variable::${name}`);
    }
    return findings(out);
  },
});
