import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnTemplate, TemplateModel } from '../model/template-model';
import { loadTemplate } from './load-template';
import { acknowledgement, Finding, runRules } from './run-rules';

/** What `brokerguard check` found in one template. */
export interface TemplateReport {
  readonly file: string;
  readonly findings: readonly Finding[];
  /** References and values that could not be resolved offline: judged without them. */
  readonly unresolved: readonly string[];
  /** Things the check could not do (an extra pack that could not load the template). */
  readonly notes: readonly string[];
}

export interface CheckOptions {
  /**
   * Also run cdk-nag's AwsSolutions pack (through CfnInclude).
   * @default false
   */
  readonly awsSolutions?: boolean;
}

/**
 * Checks one plain CloudFormation template with BrokerGuardChecks (and optionally
 * AwsSolutions). Throws BrokerGuardError TEMPLATE_UNREADABLE when the file cannot be read.
 */
export function checkTemplate(file: string, options: CheckOptions = {}): TemplateReport {
  const template = loadTemplate(file);
  const model = TemplateModel.fromTemplate(template, file);
  const findings = runRules(model);
  const notes: string[] = transformNotes(template);
  if (options.awsSolutions) {
    try {
      findings.push(...awsSolutionsFindings(template, model));
    } catch (err) {
      notes.push(
        `AwsSolutions could not load the template: ${(err as Error).message.split('\n')[0]}`,
      );
    }
  }
  return { file, findings, unresolved: model.unresolved, notes };
}

/**
 * The template's transforms (SAM, macros) by name. `check` judges the template as written,
 * not as CloudFormation expands it: resources a transform creates (a SAM function's role and
 * policies) are not judged, and the report says so.
 */
function transformNotes(template: CfnTemplate): string[] {
  const t = template.Transform;
  if (t === undefined || t === null) return [];
  const names = (Array.isArray(t) ? t : [t]).map((x) =>
    typeof x === 'string'
      ? x
      : x && typeof x === 'object' && typeof (x as { Name?: unknown }).Name === 'string'
        ? (x as { Name: string }).Name
        : JSON.stringify(x),
  );
  return names.map(
    (name) =>
      `Transform ${name} was not expanded: resources it creates (${name === 'AWS::Serverless-2016-10-31' ? 'the roles and policies of AWS::Serverless::* resources' : 'whatever the macro adds'}) were not judged; check the processed template too (aws cloudformation get-template --template-stage Processed)`,
  );
}

/** AwsSolutions needs constructs: the template is brought in with CfnInclude. */
function awsSolutionsFindings(template: object, model: TemplateModel): Finding[] {
  // Loaded on demand: `check` without --aws-solutions never pays for the construct library.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { App, Stack } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
  const { CfnInclude } =
    require('aws-cdk-lib/cloudformation-include') as typeof import('aws-cdk-lib/cloudformation-include');
  const { AwsSolutionsChecks } = require('cdk-nag') as typeof import('cdk-nag');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const dir = mkdtempSync(join(tmpdir(), 'brokerguard-check-'));
  try {
    // CfnInclude reads a file; the parsed JSON spares it the YAML short forms.
    const templateFile = join(dir, 'template.json');
    writeFileSync(templateFile, JSON.stringify(template));
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'Check');
    const included = new CfnInclude(stack, 'Template', { templateFile });
    const report = new AwsSolutionsChecks().validateScope(stack);
    const out: Finding[] = [];
    for (const v of report.violations) {
      for (const r of v.violatingResources) {
        const logicalId = (r.constructPath ?? '').split('/').pop() ?? '';
        let resourceType = '';
        try {
          resourceType = included.getResource(logicalId).cfnResourceType;
        } catch {
          // not a resource of the template (a generated construct): keep the path
        }
        const resource = model.get(logicalId);
        const acknowledged = resource && acknowledgement(resource, 'AwsSolutions', v.ruleName);
        out.push({
          ruleName: v.ruleName,
          ruleId: v.ruleName.replace(/\[.*\]$/s, ''),
          pack: 'AwsSolutions',
          level: v.severity === 'error' ? 'error' : 'warning',
          message: v.description,
          logicalId,
          resourceType,
          source: model.source,
          ...(acknowledged !== undefined ? { acknowledged } : {}),
        });
      }
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
