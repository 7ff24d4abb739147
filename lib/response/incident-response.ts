import { ArnFormat, CfnOutput, Duration, Stack, Tags } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { BrokerGuardError } from '../errors';
import { SEGMENT_NAMES, SegmentName, TAG_ROLE_KIND, TAG_SEGMENT } from '../contracts';
import { AccessSegment } from '../segments/access-segment';
import { SegmentSecret } from '../segments/segment-secret';
import { SegmentSet } from '../segments/segment-set';
import { AutomationSwitchParameter } from './automation-switch-parameter';
import { AutomationCompute } from './compute-permissions';
import { OUTPUT_STATE_MACHINE_ARN, OUTPUT_SWITCH_PARAMETER } from './stack-outputs';
import { LockoutGuard } from './lockout-guard';
import { PlaybookTargets, SegmentTargets } from './playbook';
import { playbookDefinition } from './playbook-definition';
import { createPlaybookFunction } from './playbook-function';
import { acknowledgeIncidentFindings } from './incident-acknowledgements';
import { incidentStateMachineName } from '../contracts/names';

/** A credential the playbook rotates now (RotatingCredential fits). */
export interface IRotatingCredentialRef {
  readonly secret: SegmentSecret;
  /** Needed to start a rotation: RotateSecret checks the caller may invoke it. @default - none */
  readonly rotationFunction?: lambda.IFunction;
}

/** A credential only a person can replace (ManualCredential fits). */
export interface IManualCredentialRef {
  readonly secret: SegmentSecret;
}

/** Where reports go (AlertChannel fits): its topic, and a grant that also opens its key. */
export interface IIncidentAlerts {
  readonly topic: sns.ITopic;
  grantPublish(grantee: iam.IGrantable): iam.Grant;
}

export interface IncidentResponseProps {
  /** The deployment's four segments; the playbook acts on their roles and secrets. */
  readonly segments: SegmentSet;
  /** The alert channel the report goes to. */
  readonly alerts: IIncidentAlerts;
  /** @default - none */
  readonly rotatingCredentials?: IRotatingCredentialRef[];
  /** @default - none */
  readonly manualCredentials?: IManualCredentialRef[];
  /**
   * Alarms that pause automation when they fire (lock-out risk, failed-login burst).
   * @default - no lock-out guard
   */
  readonly lockoutAlarms?: cloudwatch.IAlarm[];
  /**
   * Rules that match a segment secret read from outside its segment; with `autoContainment`,
   * each starts suspected-exposure for its segment.
   * @default - none
   */
  readonly foreignReadRules?: { [segment: string]: events.Rule };
  /** @default false */
  readonly autoContainment?: boolean;
  /** @default - the switch only; no compute is stopped */
  readonly compute?: AutomationCompute;
  /** Whether automation is on right after the first deploy. @default false */
  readonly automationInitiallyEnabled?: boolean;
}

/**
 * The incident playbooks (lost-device, suspected-exposure) as a Step Functions state machine
 * only the admin segment can start (with MFA), the automation switch, and the lock-out guard.
 */
export class IncidentResponse extends Construct {
  public readonly stateMachine: sfn.StateMachine;
  public readonly playbookFunction: lambda.Function;
  public readonly automationSwitch: AutomationSwitchParameter;
  public readonly auditLogGroup: logs.LogGroup;
  public readonly lockoutGuard?: LockoutGuard;

  constructor(scope: Construct, id: string, props: IncidentResponseProps) {
    super(scope, id);
    validate(this, props);
    const admin = props.segments.admin;
    const deployment = admin.deploymentName;
    const compute = props.compute ?? {};
    const rotating = props.rotatingCredentials ?? [];
    const manual = props.manualCredentials ?? [];

    this.automationSwitch = new AutomationSwitchParameter(this, 'AutomationSwitch', {
      deploymentName: deployment,
      initiallyEnabled: props.automationInitiallyEnabled,
    });
    this.automationSwitch.grantRead(props.segments.automation.role);

    this.auditLogGroup = admin.createLogGroup('IncidentAudit', { purpose: 'incident-audit' });
    this.playbookFunction = createPlaybookFunction(this, {
      segments: props.segments,
      rotating,
      manual,
      compute,
      automationSwitch: this.automationSwitch,
    });

    const profile = props.segments.automation.rolesAnywhereProfile;
    const targetsOf = (s: SegmentName): SegmentTargets => ({
      roleName: props.segments[s].role.roleName,
      rotatingSecrets: rotating
        .filter((c) => c.secret.segment.segmentName === s)
        .map((c) => secretTarget(c.secret)),
      manualSecrets: manual
        .filter((c) => c.secret.segment.segmentName === s)
        .map((c) => secretTarget(c.secret)),
    });
    const playbookTargets: PlaybookTargets = {
      deploymentName: deployment,
      segments: Object.fromEntries(SEGMENT_NAMES.map((s) => [s, targetsOf(s)])),
      automation: { switchParameterName: this.automationSwitch.parameterName, ...compute },
      ...(profile ? { rolesAnywhereProfileArn: profile.attrProfileArn } : {}),
    };

    this.stateMachine = new sfn.StateMachine(this, 'Playbook', {
      stateMachineName: incidentStateMachineName(deployment),
      comment: 'brokerguard incident playbooks: lost-device and suspected-exposure',
      definitionBody: sfn.DefinitionBody.fromChainable(
        playbookDefinition(this, {
          playbookFunction: this.playbookFunction,
          targets: playbookTargets,
          auditLogGroup: this.auditLogGroup,
          alertTopic: props.alerts.topic,
          rolesAnywhereProfile: profile,
        }),
      ),
      timeout: Duration.minutes(15),
      tracingEnabled: true,
      logs: {
        destination: admin.createLogGroup('PlaybookExecutions', { purpose: 'incident-executions' }),
        level: sfn.LogLevel.ALL,
        // The run carries the request and the report, never a secret value: no step reads one.
        includeExecutionData: true,
      },
    });
    Tags.of(this.stateMachine.role).add(TAG_SEGMENT, 'admin');
    Tags.of(this.stateMachine.role).add(TAG_ROLE_KIND, 'function');
    props.alerts.grantPublish(this.stateMachine);

    this.grantAdmin(admin);

    if (props.lockoutAlarms && props.lockoutAlarms.length > 0) {
      this.lockoutGuard = new LockoutGuard(this, 'LockoutGuard', {
        alarms: props.lockoutAlarms,
        automationSwitch: this.automationSwitch,
        alerts: props.alerts,
        adminSegment: admin,
        compute,
      });
    }
    if (props.autoContainment && Object.keys(props.foreignReadRules ?? {}).length > 0) {
      // Given explicitly (the target would make one untagged): it starts the admin's playbook.
      const eventsRole = new iam.Role(this, 'PlaybookEventsRole', {
        assumedBy: new iam.ServicePrincipal('events.amazonaws.com'),
        description: 'brokerguard auto-containment: EventBridge starts the incident playbook',
      });
      Tags.of(eventsRole).add(TAG_SEGMENT, 'admin');
      Tags.of(eventsRole).add(TAG_ROLE_KIND, 'function');
      for (const [segment, rule] of Object.entries(props.foreignReadRules ?? {})) {
        rule.addTarget(
          new targets.SfnStateMachine(this.stateMachine, {
            role: eventsRole,
            input: events.RuleTargetInput.fromObject({
              playbook: 'suspected-exposure',
              scope: segment,
              requestedBy: `auto-containment: ${events.EventField.fromPath('$.detail.userIdentity.arn')} read a ${segment} secret (event ${events.EventField.eventId})`,
            }),
            retryAttempts: 4,
          }),
        );
      }
    }

    new CfnOutput(this, 'StateMachineArn', {
      value: this.stateMachine.stateMachineArn,
      description: 'brokerguard incident playbooks (npx brokerguard incident)',
    }).overrideLogicalId(OUTPUT_STATE_MACHINE_ARN);
    new CfnOutput(this, 'SwitchParameter', {
      value: this.automationSwitch.parameterName,
      description: 'brokerguard automation switch (npx brokerguard automation)',
    }).overrideLogicalId(OUTPUT_SWITCH_PARAMETER);
    acknowledgeIncidentFindings({
      stateMachine: this.stateMachine,
      playbookFunction: this.playbookFunction,
      adminRole: admin.role,
      deploymentName: deployment,
    });
  }

  /** The execution ARNs of this state machine, for following a run. */
  private executionArns(): string {
    return Stack.of(this).formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${this.stateMachine.stateMachineName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  /** What the admin CLI needs: start (with MFA) and follow a run, read outputs, pause/resume. */
  private grantAdmin(admin: AccessSegment): void {
    const role = admin.role;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'StartIncidentPlaybookWithMfa',
        actions: ['states:StartExecution'],
        resources: [this.stateMachine.stateMachineArn],
        conditions: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'FollowIncidentPlaybook',
        actions: ['states:ListExecutions'],
        resources: [this.stateMachine.stateMachineArn],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadIncidentPlaybookRuns',
        actions: ['states:DescribeExecution'],
        resources: [this.executionArns()],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'FindIncidentOutputs',
        actions: ['cloudformation:DescribeStacks'],
        resources: [Stack.of(this).stackId],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'CheckAlarmsBeforeResume',
        actions: ['cloudwatch:DescribeAlarms'],
        resources: [
          Stack.of(this).formatArn({
            service: 'cloudwatch',
            resource: 'alarm',
            resourceName: `${admin.deploymentName}-*`,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        ],
      }),
    );
    this.automationSwitch.grantRead(role);
    this.automationSwitch.grantWrite(role);
  }
}

/** The secret's ARN and its `<deployment>/<segment>/<name>` name, as given to CloudFormation. */
function secretTarget(secret: SegmentSecret) {
  const cfn = secret.node.defaultChild as secretsmanager.CfnSecret;
  return { arn: secret.secretArn, name: cfn.name ?? secret.node.path };
}

function validate(scope: Construct, props: IncidentResponseProps): void {
  const where = `IncidentResponse ${scope.node.path}`;
  const segments = new Set(Object.values(props.segments));
  const seen = new Set<SegmentSecret>();
  for (const [kind, list] of [
    ['rotatingCredentials', props.rotatingCredentials ?? []],
    ['manualCredentials', props.manualCredentials ?? []],
  ] as const) {
    for (const c of list) {
      if (!segments.has(c.secret.segment)) {
        throw new BrokerGuardError(
          'INCIDENT_SCOPE',
          `${where}: ${kind} includes ${c.secret.node.path}, whose segment is not one of the segments given`,
        );
      }
      if (seen.has(c.secret)) {
        throw new BrokerGuardError(
          'INCIDENT_SCOPE',
          `${where}: ${c.secret.node.path} is listed twice; a credential is rotating or manual, not both`,
        );
      }
      seen.add(c.secret);
    }
  }
  if (props.autoContainment && Object.keys(props.foreignReadRules ?? {}).length === 0) {
    throw new BrokerGuardError(
      'INCIDENT_AUTO_CONTAINMENT',
      `${where}: autoContainment is true but no foreignReadRules were given; there is nothing to start it`,
    );
  }
}
