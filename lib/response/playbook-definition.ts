import * as logs from 'aws-cdk-lib/aws-logs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rolesanywhere from 'aws-cdk-lib/aws-rolesanywhere';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { PlaybookTargets } from './playbook';

export interface PlaybookDefinitionProps {
  readonly playbookFunction: lambda.IFunction;
  readonly targets: PlaybookTargets;
  readonly auditLogGroup: logs.ILogGroup;
  readonly alertTopic: sns.ITopic;
  /** @default - no Roles Anywhere step */
  readonly rolesAnywhereProfile?: rolesanywhere.CfnProfile;
}

const error = (path: string) =>
  sfn.JsonPath.format(
    '{}: {}',
    sfn.JsonPath.stringAt(`${path}.Error`),
    sfn.JsonPath.stringAt(`${path}.Cause`),
  );

/**
 * The playbook as a state machine: the device step (Roles Anywhere, through the Step Functions
 * AWS SDK integration), then every other step in one function run, then the audit record and
 * the notification. Each of the last two catches its own failure so the other still happens,
 * and the run's output names what failed.
 */
export function playbookDefinition(
  scope: Construct,
  props: PlaybookDefinitionProps,
): sfn.IChainable {
  const request = new sfn.Pass(scope, 'Request', {
    parameters: { 'request.$': '$', rolesAnywhere: { status: 'not-applicable' } },
  });

  const steps = new tasks.LambdaInvoke(scope, 'Run playbook steps', {
    lambdaFunction: props.playbookFunction,
    payload: sfn.TaskInput.fromObject({
      'request.$': '$.request',
      targets: props.targets,
      'executionArn.$': '$$.Execution.Id',
      'rolesAnywhere.$': '$.rolesAnywhere',
    }),
    resultSelector: { 'result.$': '$.Payload' },
    resultPath: '$.playbook',
    retryOnServiceExceptions: true,
  });

  // Without the function there is no report to audit: say so on the alert channel and fail.
  const functionFailed = new tasks.SnsPublish(scope, 'Notify playbook function failed', {
    topic: props.alertTopic,
    subject: 'BrokerGuard incident playbook could not run',
    message: sfn.TaskInput.fromText(
      sfn.JsonPath.format(
        'BrokerGuard incident playbook could not run: {}. Start it again; if it fails again, follow the runbook by hand (docs/runbooks.md#runbook-incident).',
        sfn.JsonPath.stringAt('$.playbookError.Cause'),
      ),
    ),
    resultPath: sfn.JsonPath.DISCARD,
  }).next(new sfn.Fail(scope, 'Playbook function failed', { error: 'PlaybookFunctionFailed' }));
  steps.addCatch(functionFailed, { resultPath: '$.playbookError' });

  const auditStream = new tasks.CallAwsService(scope, 'Audit: create stream', {
    service: 'cloudwatchlogs',
    action: 'createLogStream',
    iamAction: 'logs:CreateLogStream',
    iamResources: [props.auditLogGroup.logGroupArn],
    parameters: {
      LogGroupName: props.auditLogGroup.logGroupName,
      'LogStreamName.$': '$$.Execution.Name',
    },
    resultPath: sfn.JsonPath.DISCARD,
  });
  const auditPut = new tasks.CallAwsService(scope, 'Audit: put record', {
    service: 'cloudwatchlogs',
    action: 'putLogEvents',
    iamAction: 'logs:PutLogEvents',
    iamResources: [props.auditLogGroup.logGroupArn],
    parameters: {
      LogGroupName: props.auditLogGroup.logGroupName,
      'LogStreamName.$': '$$.Execution.Name',
      LogEvents: [
        {
          'Timestamp.$': '$.playbook.result.audit.timestamp',
          'Message.$': '$.playbook.result.audit.message',
        },
      ],
    },
    resultSelector: { status: 'done' },
    resultPath: '$.audit',
  });
  const auditFailed = new sfn.Pass(scope, 'Audit failed', {
    parameters: { status: 'failed', cause: error('$.auditError') },
    resultPath: '$.audit',
  });

  const notify = new tasks.SnsPublish(scope, 'Notify alert channel', {
    topic: props.alertTopic,
    subject: sfn.JsonPath.stringAt('$.playbook.result.notification.subject'),
    message: sfn.TaskInput.fromJsonPathAt('$.playbook.result.notification.message'),
    resultSelector: { status: 'done' },
    resultPath: '$.notification',
  });
  const notifyFailed = new sfn.Pass(scope, 'Notification failed', {
    parameters: { status: 'failed', cause: error('$.notifyError') },
    resultPath: '$.notification',
  });
  const report = new sfn.Pass(scope, 'Report', {
    parameters: {
      'outcome.$': '$.playbook.result.outcome',
      'text.$': '$.playbook.result.text',
      'audit.$': '$.audit',
      'notification.$': '$.notification',
    },
  });

  notify.addCatch(notifyFailed, { resultPath: '$.notifyError' });
  notifyFailed.next(report);
  notify.next(report);
  auditStream.addCatch(auditFailed, { resultPath: '$.auditError' });
  auditPut.addCatch(auditFailed, { resultPath: '$.auditError' });
  auditFailed.next(notify);
  auditStream.next(auditPut).next(notify);
  steps.next(auditStream);

  if (!props.rolesAnywhereProfile) return request.next(steps);

  // The device step runs only for lost-device on automation or all. Each test is its own
  // Choice so a malformed input (no playbook, a number for scope) reaches the function, which
  // refuses it with a clear reason, instead of failing the run on a path error.
  const profile = props.rolesAnywhereProfile;
  const disable = new tasks.CallAwsService(scope, 'Disable Roles Anywhere profile', {
    service: 'rolesanywhere',
    action: 'disableProfile',
    iamAction: 'rolesanywhere:DisableProfile',
    iamResources: [profile.attrProfileArn],
    parameters: { ProfileId: profile.attrProfileId },
    resultSelector: { status: 'done' },
    resultPath: '$.rolesAnywhere',
  });
  const disableFailed = new sfn.Pass(scope, 'Roles Anywhere failed', {
    parameters: { status: 'failed', error: error('$.rolesAnywhereError') },
    resultPath: '$.rolesAnywhere',
  });
  disable.addCatch(disableFailed, { resultPath: '$.rolesAnywhereError' });
  disable.next(steps);
  disableFailed.next(steps);
  const isLostDevice = new sfn.Choice(scope, 'Lost device?')
    .when(
      sfn.Condition.and(
        sfn.Condition.isString('$.request.playbook'),
        sfn.Condition.isString('$.request.scope'),
      ),
      new sfn.Choice(scope, 'Device step applies?')
        .when(
          sfn.Condition.and(
            sfn.Condition.stringEquals('$.request.playbook', 'lost-device'),
            sfn.Condition.or(
              sfn.Condition.stringEquals('$.request.scope', 'automation'),
              sfn.Condition.stringEquals('$.request.scope', 'all'),
            ),
          ),
          disable,
        )
        .otherwise(steps),
    )
    .otherwise(steps);
  const present = new sfn.Choice(scope, 'Request has playbook and scope?')
    .when(
      sfn.Condition.and(
        sfn.Condition.isPresent('$.request.playbook'),
        sfn.Condition.isPresent('$.request.scope'),
      ),
      isLostDevice,
    )
    .otherwise(steps);
  return request.next(present);
}
