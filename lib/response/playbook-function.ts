import { Duration, Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import {
  BOUNDARY_MUTATION_ACTIONS,
  SEGMENT_NAMES,
  SegmentName,
  TAG_COMPROMISED,
  TAG_ROLE_KIND,
  TAG_SEGMENT,
} from '../contracts';
import { AccessSegment } from '../segments/access-segment';
import { AutomationSwitchParameter } from './automation-switch-parameter';
import { AutomationCompute, computeStopStatements } from './compute-permissions';
import { HANDLER_RUNTIME, handlerCode } from '../handler-code';
import type { IManualCredentialRef, IRotatingCredentialRef } from './incident-response';

export interface PlaybookFunctionProps {
  readonly segments: Record<SegmentName, AccessSegment>;
  readonly rotating: IRotatingCredentialRef[];
  readonly manual: IManualCredentialRef[];
  readonly compute: AutomationCompute;
  readonly automationSwitch: AutomationSwitchParameter;
}

/**
 * The function that runs the playbook steps, and its role: exactly the steps' calls on exactly
 * the deployment's segment roles, credentials, switch and compute; never a secret value.
 */
export function createPlaybookFunction(
  scope: Construct,
  props: PlaybookFunctionProps,
): lambda.Function {
  const { rotating, manual, compute } = props;
  const admin = props.segments.admin;
  const role = new iam.Role(scope, 'PlaybookRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description:
      'brokerguard incident playbook steps: exactly these calls on exactly the segment resources',
  });
  Tags.of(role).add(TAG_SEGMENT, 'admin');
  Tags.of(role).add(TAG_ROLE_KIND, 'function');
  const logGroup = admin.createLogGroup('PlaybookFunctionLog', { purpose: 'incident-playbook' });
  const fn = new lambda.Function(scope, 'PlaybookFunction', {
    runtime: HANDLER_RUNTIME,
    handler: 'index.handler',
    code: handlerCode('incident-playbook'),
    role,
    timeout: Duration.minutes(2),
    memorySize: 512,
    logGroup,
    description: 'brokerguard incident playbook steps',
  });
  logGroup.grantWrite(role);
  const allow = (
    sid: string,
    actions: string[],
    resources: string[],
    conditions?: Record<string, unknown>,
  ) => {
    if (resources.length > 0)
      role.addToPrincipalPolicy(new iam.PolicyStatement({ sid, actions, resources, conditions }));
  };
  // The revoke step puts one deny-all policy (revoke-policy.ts). IAM has no condition key on
  // a put policy's name or content, so the permission cannot be narrowed to that document;
  // what it can require is that the target role still carries its kit boundary
  // (iam:PermissionsBoundary), which caps whatever the put policy says.
  allow(
    'RevokeSegmentSessions',
    ['iam:PutRolePolicy'],
    SEGMENT_NAMES.map((s) => props.segments[s].role.roleArn),
    {
      StringEquals: {
        'iam:PermissionsBoundary': SEGMENT_NAMES.map(
          (s) => props.segments[s].boundary.managedPolicyArn,
        ),
      },
    },
  );
  // Only CloudFormation (the deployer) sets or removes a segment boundary.
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'NeverChangeSegmentBoundaries',
      effect: iam.Effect.DENY,
      actions: [...BOUNDARY_MUTATION_ACTIONS],
      resources: SEGMENT_NAMES.map((s) => props.segments[s].role.roleArn),
    }),
  );
  allow(
    'RotateNow',
    ['secretsmanager:RotateSecret'],
    rotating.map((c) => c.secret.secretArn),
  );
  allow(
    'InvokeRotationOnRotateSecret',
    ['lambda:InvokeFunction'],
    rotating.flatMap((c) => (c.rotationFunction ? [c.rotationFunction.functionArn] : [])),
  );
  allow(
    'ReadManualCredentialTags',
    ['secretsmanager:DescribeSecret'],
    manual.map((c) => c.secret.secretArn),
  );
  allow(
    'FlagManualCredential',
    ['secretsmanager:TagResource'],
    manual.map((c) => c.secret.secretArn),
    {
      'ForAllValues:StringEquals': { 'aws:TagKeys': [TAG_COMPROMISED] },
    },
  );
  props.automationSwitch.grantWrite(role);
  for (const s of computeStopStatements(scope, compute)) role.addToPrincipalPolicy(s);
  return fn;
}
