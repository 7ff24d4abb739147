import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { BrokerGuardChecks } from '../../lib/policy/brokerguard-checks';
import { runRules } from '../../lib/policy/check/run-rules';
import { TemplateModel } from '../../lib/policy/model/template-model';
import { Resources } from './world';
import { validateAfterSynth } from '../helpers/validate';

/** Findings of the NagPack on a stack built from plain resources: `RULE logicalId`, sorted. */
export function judgeWithPack(resources: Resources): string[] {
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Judged');
  for (const [id, r] of Object.entries(resources)) {
    new CfnResource(stack, id, { type: r.Type, properties: r.Properties });
  }
  const report = validateAfterSynth(new BrokerGuardChecks(), stack);
  return report.violations
    .flatMap((v) =>
      v.violatingResources.map((r) => `${v.ruleName} ${(r.constructPath ?? '').split('/').pop()}`),
    )
    .sort();
}

/** Findings of `brokerguard check`'s engine on the same resources, in the same form. */
export function judgeWithCheck(resources: Resources): string[] {
  const model = TemplateModel.fromTemplate({ Resources: JSON.parse(JSON.stringify(resources)) });
  return runRules(model)
    .map((f) => `${f.ruleName} ${f.logicalId}`)
    .sort();
}

/**
 * Findings whose rule id starts with `prefix`. Runs both engines and insists they agree,
 * so every rule test also proves that synth and `check` judge alike.
 */
export function judge(resources: Resources, prefix = 'BG-'): string[] {
  const pack = judgeWithPack(resources);
  expect(judgeWithCheck(resources)).toEqual(pack);
  return pack.filter((f) => f.startsWith(prefix));
}
