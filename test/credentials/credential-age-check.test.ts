import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { CredentialAgeCheck } from '../../lib/credentials/credential-age-check';
import { SegmentSecret } from '../../lib/segments/segment-secret';
import { template } from '../helpers/stack';
import { segmentsStack } from './credential-fixtures';
import { CredentialClass } from '../../lib/contracts';

test('metricAge is the daily maximum of CredentialAgeDays for one credential', () => {
  // GIVEN
  const { stack, admin } = segmentsStack();
  const check = new CredentialAgeCheck(stack, 'Check', { logSegment: admin });
  // WHEN
  const m = check.metricAge('paper/admin/broker-key');
  // THEN
  expect(m.namespace).toBe('BrokerGuard');
  expect(m.metricName).toBe('CredentialAgeDays');
  expect(m.dimensions).toEqual({ Credential: 'paper/admin/broker-key' });
  expect(m.statistic).toBe('Maximum');
  expect(m.period.toDays()).toBe(1);
});

test('the schedule can be changed', () => {
  // GIVEN
  const { stack, automation, admin } = segmentsStack();
  const check = new CredentialAgeCheck(stack, 'Check', {
    logSegment: admin,
    schedule: events.Schedule.rate(Duration.hours(6)),
  });
  const secret = new SegmentSecret(stack, 'S', {
    segment: automation,
    name: 'login',
    credentialClass: CredentialClass.PASSWORD,
  });
  // WHEN
  check.watch(stack, secret, { key: 'login', maxAge: Duration.days(90), runbook: 'Change it.' });
  // THEN
  template(stack).hasResourceProperties('AWS::Events::Rule', {
    ScheduleExpression: 'rate(6 hours)',
  });
});

test('a check that watches nothing fails synthesis', () => {
  // GIVEN
  const { stack, admin } = segmentsStack();
  new CredentialAgeCheck(stack, 'Check', { logSegment: admin });
  // WHEN / THEN
  expect(() => template(stack)).toThrow(/CredentialAgeCheck watches no credential/);
});

test('its role carries the segment it logs to', () => {
  // GIVEN
  const { stack, automation, admin } = segmentsStack();
  const check = new CredentialAgeCheck(stack, 'Check', { logSegment: admin });
  const secret = new SegmentSecret(stack, 'S', {
    segment: automation,
    name: 'login',
    credentialClass: CredentialClass.PASSWORD,
  });
  // WHEN
  check.watch(stack, secret, { key: 'login', maxAge: Duration.days(90), runbook: 'Change it.' });
  // THEN
  const roles = template(stack).findResources('AWS::IAM::Role');
  const role = Object.entries(roles).find(([id]) => id.startsWith('CheckRole'))![1] as any;
  expect(role.Properties.Tags).toEqual(
    expect.arrayContaining([
      { Key: 'brokerguard:segment', Value: 'admin' },
      { Key: 'brokerguard:role-kind', Value: 'function' },
    ]),
  );
});
