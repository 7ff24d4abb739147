import { Tags } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { automationSwitchParameterName } from '../contracts/names';
import { TAG_SEGMENT } from '../contracts';

export interface AutomationSwitchParameterProps {
  readonly deploymentName: string;
  /**
   * The value at the first deploy. Off by default: turning automation on is a deliberate admin
   * action, and CloudFormation rewriting this value on a later update can then only ever
   * pause automation, never resume it behind the admin's back.
   * @default false
   */
  readonly initiallyEnabled?: boolean;
}

/**
 * The deployment's automation switch: SSM String parameter
 * `/brokerguard/<deployment>/automation/enabled`, `true` or `false`. The trading server reads it
 * (lib/runtime/automation-switch.ts); playbooks and the lock-out guard write `false`.
 */
export class AutomationSwitchParameter extends Construct {
  public readonly parameter: ssm.StringParameter;
  public readonly parameterName: string;

  constructor(scope: Construct, id: string, props: AutomationSwitchParameterProps) {
    super(scope, id);
    this.parameterName = automationSwitchParameterName(props.deploymentName);
    this.parameter = new ssm.StringParameter(this, 'Parameter', {
      parameterName: this.parameterName,
      stringValue: props.initiallyEnabled ? 'true' : 'false',
      description: `brokerguard ${props.deploymentName}: automation switch (true lets the trading server log in and trade)`,
      allowedPattern: '^(true|false)$',
    });
    Tags.of(this.parameter).add(TAG_SEGMENT, 'automation');
  }

  /** Lets the trading server read the switch: ssm:GetParameter on this parameter only. */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['ssm:GetParameter'],
      resourceArns: [this.parameter.parameterArn],
    });
  }

  /** Lets `grantee` set the switch (pause and resume): ssm:PutParameter on this parameter only. */
  public grantWrite(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['ssm:PutParameter'],
      resourceArns: [this.parameter.parameterArn],
    });
  }
}
