import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { parseConfig } from '../../lib/config/parse';
import { ROLE_GUARD_ACTIONS, Segment, SEGMENT_NAMES, TAG_SEGMENT } from '../../lib/contracts';
import { accessMatrix, AccessMatrixRow } from '../../lib/policy/access/access-matrix';
import { coversAction, readPolicyDocument } from '../../lib/policy/model/policy-document';
import { TemplateModel } from '../../lib/policy/model/template-model';
import { SegmentBoundary } from '../../lib/segments/segment-boundary';
import { BrokerGuardStack } from '../../lib/stacks/brokerguard-stack';
import { DEFAULT_CONFIG, EVERY_OPTION_CONFIG } from '../helpers/default-config';
import { testStack } from '../helpers/stack';

function kit(raw: unknown = DEFAULT_CONFIG, change?: (stack: BrokerGuardStack) => void) {
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new BrokerGuardStack(app, 'Kit', { config: parseConfig(raw) });
  change?.(stack);
  const template = app.synth().getStackByName(stack.stackName).template;
  return { stack, template };
}

const roleId = (stack: Stack, role: iam.Role) =>
  stack.getLogicalId(role.node.defaultChild as iam.CfnRole);

/**
 * What the incident playbook could put with its `iam:PutRolePolicy`: read every secret and
 * decrypt with every key.
 */
function putReadEverything(stack: BrokerGuardStack, segment: Segment) {
  new iam.Policy(stack, `Put${segment}`, {
    statements: [
      new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: ['*'] }),
      new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: ['*'] }),
    ],
  }).attachToRole(stack.segments[segment].role);
}

/**
 * The allow and conditional cells of principals of `segment` on other segments' targets. The
 * admin's boundary lets it decrypt any of the deployment's secrets through Secrets Manager
 * (PutSecretValue needs kms:Decrypt); what keeps its reads out is GetSecretValue, which the
 * boundary holds to its own segment, so for admin that column is left out.
 */
function crossSegmentAccess(rows: readonly AccessMatrixRow[], segment: string): string[] {
  return rows
    .filter((r) => r.principalSegment === segment && r.targetSegment !== segment)
    .flatMap((r) =>
      Object.entries(r.verdicts)
        .filter(([p]) => !(segment === 'admin' && p === 'decryptViaSecretsManager'))
        .filter(([, v]) => v === 'allow' || v === 'conditional')
        .map(([p, v]) => `${r.principal} ${p} ${r.target}: ${v}`),
    )
    .sort();
}

describe('SegmentBoundary', () => {
  test('every segment role of the kit has a permissions boundary', () => {
    const { stack, template } = kit();
    for (const s of SEGMENT_NAMES) {
      const role = template.Resources[roleId(stack, stack.segments[s].role)];
      expect(role.Properties.PermissionsBoundary).toEqual({
        Ref: stack.getLogicalId(
          stack.segments[s].boundary.node.defaultChild as iam.CfnManagedPolicy,
        ),
      });
    }
  });

  test.each(SEGMENT_NAMES.map((s) => [s]))(
    'the %s boundary explicitly denies every role, boundary and resource-policy change',
    (segment) => {
      const { stack, template } = kit();
      const id = stack.getLogicalId(
        stack.segments[segment].boundary.node.defaultChild as iam.CfnManagedPolicy,
      );
      const denies = template.Resources[id].Properties.PolicyDocument.Statement.filter(
        (s: any) => s.Effect === 'Deny',
      );
      expect(denies).toHaveLength(1);
      expect(denies[0].Resource).toBe('*');
      expect([].concat(denies[0].Action).sort()).toEqual([...ROLE_GUARD_ACTIONS].sort());
      expect(ROLE_GUARD_ACTIONS).toEqual(
        expect.arrayContaining([
          'iam:PutRolePolicy',
          'iam:DeleteRolePermissionsBoundary',
          'iam:PutRolePermissionsBoundary',
          'iam:TagRole',
        ]),
      );
    },
  );

  test('every action the kit grants a segment role fits inside its boundary', () => {
    // GIVEN the kit with every option that adds roles or grants
    const { stack, template } = kit(EVERY_OPTION_CONFIG);
    const model = TemplateModel.fromTemplate(template);
    for (const s of SEGMENT_NAMES) {
      const id = roleId(stack, stack.segments[s].role);
      const boundaryId = template.Resources[id].Properties.PermissionsBoundary.Ref;
      const boundary = readPolicyDocument(
        model,
        template.Resources[boundaryId].Properties.PolicyDocument,
      );
      const granted = Object.values<any>(template.Resources)
        .filter(
          (r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((x: any) => x.Ref === id),
        )
        .flatMap((r) => readPolicyDocument(model, r.Properties.PolicyDocument))
        .flatMap((st) => st.actions ?? []);
      expect(granted.length).toBeGreaterThan(0);
      // WHEN / THEN: an action outside the boundary would silently fail in AWS
      const outside = granted.filter(
        (a) =>
          !boundary.some((b) => b.effect === 'Allow' && coversAction(b, a)) ||
          boundary.some((b) => b.effect === 'Deny' && coversAction(b, a)),
      );
      expect({ segment: s, outside }).toEqual({ segment: s, outside: [] });
    }
  });

  test('a policy the playbook could put cannot widen a bounded role; without the boundary it does', () => {
    // GIVEN the default kit, and the same kit where every human role got "read everything"
    const before = accessMatrix(TemplateModel.fromTemplate(kit().template));
    const humans = [Segment.EXECUTION, Segment.APPROVALS, Segment.ADMIN];
    const put = accessMatrix(
      TemplateModel.fromTemplate(
        kit(undefined, (stack) => humans.forEach((s) => putReadEverything(stack, s))).template,
      ),
    );
    // THEN no human role reaches anything of another segment it did not reach before
    for (const s of humans) {
      expect(crossSegmentAccess(put.rows, s)).toEqual(crossSegmentAccess(before.rows, s));
    }
    // the put grant shows up, taken away by the boundary
    const execOnSession = put.rows.find(
      (r) => r.principalSegment === 'execution' && r.name === 'paper/automation/ibkr-session',
    )!;
    expect(execOnSession.verdicts.decryptViaSecretsManager).toBe('deny');
    expect(execOnSession.because?.decryptViaSecretsManager).toBe(
      'outside the permissions boundary',
    );

    // WHEN the execution role has no boundary (the variant that shows the test can fail)
    const unbounded = accessMatrix(
      TemplateModel.fromTemplate(
        kit(undefined, (stack) => {
          putReadEverything(stack, Segment.EXECUTION);
          (
            stack.segments.execution.role.node.defaultChild as iam.CfnRole
          ).addPropertyDeletionOverride('PermissionsBoundary');
        }).template,
      ),
    );
    // THEN the same put reaches the automation secrets through Secrets Manager
    expect(crossSegmentAccess(unbounded.rows, 'execution')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^ExecutionRole\w+ decryptViaSecretsManager \w*SessionSecret\w*: allow$/,
        ),
      ]),
    );
    expect(crossSegmentAccess(unbounded.rows, 'execution')).not.toEqual(
      crossSegmentAccess(before.rows, 'execution'),
    );
  });

  test('the automation role cannot decrypt the issuer secret: the key policy denies it', () => {
    const m = accessMatrix(TemplateModel.fromTemplate(kit().template));
    const row = m.rows.find(
      (r) =>
        r.principalSegment === 'automation' &&
        r.principal.startsWith('AutomationRole') &&
        r.name === 'paper/automation/ibkr-session-issuer',
    )!;
    expect(row.verdicts).toMatchObject({
      read: 'none',
      decryptViaSecretsManager: 'deny',
      decryptDirect: 'deny',
    });
    expect(row.because?.decryptViaSecretsManager).toMatch(
      /^explicit deny in the key policy of AutomationKey/,
    );
  });

  test('every role of the kit is tagged with its segment', () => {
    const { template } = kit(EVERY_OPTION_CONFIG);
    const roles = Object.entries<any>(template.Resources).filter(
      ([, r]) => r.Type === 'AWS::IAM::Role',
    );
    expect(roles.length).toBeGreaterThan(5);
    const untagged = roles
      .filter(
        ([, r]) =>
          !(r.Properties.Tags ?? []).some(
            (t: any) => t.Key === TAG_SEGMENT && SEGMENT_NAMES.includes(t.Value),
          ),
      )
      .map(([id]) => id);
    expect(untagged).toEqual([]);
  });

  test('refuses the automation segment, which has AutomationBoundary', () => {
    expect(
      () =>
        new SegmentBoundary(testStack(), 'B', {
          deploymentName: 'paper',
          segment: Segment.AUTOMATION,
        }),
    ).toThrow(/SegmentBoundary segment: got "automation"; allowed: execution, approvals, admin/);
  });
});
