import { CfnElement, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { IConstruct } from 'constructs';

/** What IncidentResponse builds that AwsSolutions-IAM5 looks at. */
export interface IncidentFindingScopes {
  readonly stateMachine: sfn.StateMachine;
  readonly playbookFunction: lambda.Function;
  readonly adminRole: iam.IRole;
  readonly deploymentName: string;
}

const iam5 = (id: string) => `AwsSolutions::AwsSolutions-IAM5[Resource::${id}]`;

/**
 * Publishing to the KMS-encrypted alert topic needs kms:GenerateDataKey* (SNS picks the
 * variant); the key policy holds the grant to SNS and to the alert topic.
 */
export function acknowledgeAlertKeyUse(scope: IConstruct): void {
  Validations.of(scope).acknowledge({
    id: 'AwsSolutions::AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
    reason:
      'SNS asks for a data key of the alert topic key on the publisher behalf; the key policy restricts it to kms:ViaService SNS and the alert topic encryption context.',
  });
}

/**
 * The AwsSolutions-IAM5 findings IncidentResponse accepts, each with its reason. Any other
 * finding fails the synth.
 */
export function acknowledgeIncidentFindings(scopes: IncidentFindingScopes): void {
  const stack = Stack.of(scopes.stateMachine);
  const logicalId = (e: CfnElement) => stack.resolve(e.logicalId) as string;
  const fnId = logicalId(scopes.playbookFunction.node.defaultChild as CfnElement);
  const smId = logicalId(scopes.stateMachine.node.defaultChild as CfnElement);

  Validations.of(scopes.stateMachine).acknowledge(
    {
      id: iam5('*'),
      reason:
        'X-Ray trace writes and CloudWatch Logs vended log delivery (state machine logging) have no resource-level permissions; every other action of this role names its resource.',
    },
    {
      id: iam5(`<${fnId}.Arn>:*`),
      reason:
        'Step Functions invokes the playbook function by qualified ARN (version or alias); the wildcard covers qualifiers of that one function only.',
    },
  );
  acknowledgeAlertKeyUse(scopes.stateMachine);
  // formatArn writes the stack's own region and account when its env names them (a Stage).
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const arn = (service: string) => `arn:<AWS::Partition>:${service}:${region}:${account}`;
  Validations.of(scopes.adminRole).acknowledge(
    {
      id: iam5(`${arn('states')}:execution:<${smId}.Name>:*`),
      reason:
        'Execution ARNs are named at start time; the wildcard covers runs of the incident state machine only, for DescribeExecution (following a run), not for starting one.',
    },
    {
      id: iam5(`${arn('cloudwatch')}:alarm:${scopes.deploymentName}-*`),
      reason:
        'brokerguard automation resume reads which alarms of this deployment are in ALARM; alarm names start with the deployment name, and the grant is read-only.',
    },
  );
}
