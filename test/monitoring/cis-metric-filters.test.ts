import { CIS_FILTERS } from '../../lib/monitoring/cis-metric-filters';
import { alarmsByName, monitoringStack } from './monitoring-fixture';
import { resourcesOf } from '../helpers/stack';

describe('CIS metric filters (option)', () => {
  test('off unless a CloudTrail log group is configured', () => {
    monitoringStack().template().resourceCountIs('AWS::Logs::MetricFilter', 0);
  });

  test('each CIS control gets its exact pattern and an alarm at >= 1 to the alert channel', () => {
    // GIVEN / WHEN
    const t = monitoringStack({
      monitoring: { cloudTrailLogGroup: 'CloudTrail/management' },
    }).template();
    // THEN
    const filters = resourcesOf(t, 'AWS::Logs::MetricFilter').map(([, r]) => r.Properties);
    expect(filters.map((p) => p.FilterPattern)).toEqual([
      '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
      '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
      '{($.eventName="ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type="IAMUser") && ($.responseElements.ConsoleLogin="Success")}',
      '{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}',
      '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
      '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}',
    ]);
    expect(filters.every((p) => p.LogGroupName === 'CloudTrail/management')).toBe(true);
    const alarms = alarmsByName(t);
    for (const f of CIS_FILTERS) {
      expect(alarms[`paper-cis-${f.key}`]).toMatchObject({
        Namespace: 'BrokerGuard/CIS',
        MetricName: f.metricName,
        Statistic: 'Sum',
        Period: 60,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [{ Ref: expect.stringMatching(/^AlertsTopic/) }],
      });
    }
  });

  test('the IAM policy filter names the 16 CIS event names', () => {
    const iam = CIS_FILTERS.find((f) => f.control === 'CloudWatch.4')!;
    expect(iam.pattern.match(/\$\.eventName=/g)).toHaveLength(16);
  });
});
