import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { CIS_NAMESPACE } from '../contracts';
import { LoginAlarmFactory } from './login-alarm-factory';

/**
 * The CIS AWS Foundations metric filters that Security Hub's CloudWatch.1-7 controls look
 * for. Security Hub passes a control only when the pattern is exactly the CIS text, so these
 * strings are copied character for character and never reformatted.
 */
export const CIS_FILTERS = [
  {
    control: 'CloudWatch.1',
    key: 'root-usage',
    metricName: 'RootAccountUsage',
    pattern:
      '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
    title: 'CIS CloudWatch.1: the root user was used',
  },
  {
    control: 'CloudWatch.2',
    key: 'unauthorized-api-calls',
    metricName: 'UnauthorizedAPICalls',
    pattern: '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
    title: 'CIS CloudWatch.2: unauthorized API calls',
  },
  {
    control: 'CloudWatch.3',
    key: 'console-signin-no-mfa',
    metricName: 'ConsoleSigninWithoutMFA',
    pattern:
      '{($.eventName="ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type="IAMUser") && ($.responseElements.ConsoleLogin="Success")}',
    title: 'CIS CloudWatch.3: console sign-in without MFA',
  },
  {
    control: 'CloudWatch.4',
    key: 'iam-policy-changes',
    metricName: 'IAMPolicyChanges',
    pattern:
      '{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}',
    title: 'CIS CloudWatch.4: IAM policy changes',
  },
  {
    control: 'CloudWatch.6',
    key: 'console-auth-failures',
    metricName: 'ConsoleAuthenticationFailures',
    pattern: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
    title: 'CIS CloudWatch.6: console authentication failures',
  },
  {
    control: 'CloudWatch.7',
    key: 'kms-key-disable-or-deletion',
    metricName: 'DisableOrDeleteCMK',
    pattern:
      '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}',
    title: 'CIS CloudWatch.7: a KMS key disabled or scheduled for deletion',
  },
] as const;

export interface CisMetricFiltersProps {
  /** The log group an existing CloudTrail trail writes to. */
  readonly cloudTrailLogGroup: logs.ILogGroup;
  readonly alarms: LoginAlarmFactory;
}

/** Metric filters on an existing trail's log group, each with an alarm at ≥ 1. */
export class CisMetricFilters extends Construct {
  public readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: CisMetricFiltersProps) {
    super(scope, id);
    const logGroup = props.cloudTrailLogGroup;
    for (const f of CIS_FILTERS) {
      const filter = new logs.MetricFilter(this, `Filter-${f.key}`, {
        logGroup,
        filterName: `brokerguard-cis-${f.key}`,
        filterPattern: logs.FilterPattern.literal(f.pattern),
        metricNamespace: CIS_NAMESPACE,
        metricName: f.metricName,
        metricValue: '1',
      });
      this.alarms.push(
        props.alarms.create(`Alarm-${f.key}`, {
          key: `cis-${f.key}`,
          metric: filter.metric({ statistic: cloudwatch.Stats.SUM, period: Duration.minutes(1) }),
          threshold: 1,
          text: {
            title: f.title,
            category: 'aws_account',
            firstStep:
              'open CloudTrail event history for the last minutes and find who made the call.',
            runbookAnchor: 'runbook-cis',
          },
        }),
      );
    }
  }
}
