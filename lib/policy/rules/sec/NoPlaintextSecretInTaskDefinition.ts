import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { containersOf } from '../../model/tasks';
import { defineRule, findings } from '../../rule';
import { isPlaintextSecretVariable } from './secret-variable';

/** Containers get secrets from Secrets Manager references; the template carries no value. */
export default defineRule({
  id: 'BG-SEC-3',
  name: 'NoPlaintextSecretInTaskDefinition',
  level: NagMessageLevel.ERROR,
  info: 'An ECS task definition has a container environment variable named like a secret (PASSWORD, SECRET, TOKEN, API_KEY, ...) with a literal value written in the template.',
  explanation:
    'Container environment is plain text in the template and in DescribeTaskDefinition for anyone with ecs:Describe*: a broker password there is readable far outside its segment, in every revision, forever.',
  fix: 'Move the value to a Secrets Manager secret of the segment and pass it in the container `Secrets` (ecs.Secret.fromSecretsManager(secret, field)); change the leaked password at the broker.',
  resourceTypes: ['AWS::ECS::TaskDefinition'],
  evaluate(td, model) {
    const containers = containersOf(td);
    if (containers.length === 0) return NagRuleCompliance.NOT_APPLICABLE;
    const out: string[] = [];
    for (const c of containers) {
      for (const v of (Array.isArray(c.Environment) ? c.Environment : []) as Record<
        string,
        unknown
      >[]) {
        const name = typeof v?.Name === 'string' ? v.Name : undefined;
        if (name && isPlaintextSecretVariable(model, name, v.Value)) {
          out.push(`Variable::${name}`);
        }
      }
    }
    return findings(out);
  },
});
