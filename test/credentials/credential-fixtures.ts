import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Stack } from 'aws-cdk-lib';
import { AlertChannel } from '../../lib/alerts/alert-channel';
import { RotationHandler } from '../../lib/credentials/rotating-credential';
import { AccessSegment } from '../../lib/segments/access-segment';
import { SegmentTrust } from '../../lib/segments/segment-trust';
import { testStack } from '../helpers/stack';
import { Segment } from '../../lib/contracts';

/** A stack with the automation and admin segments of deployment `paper`. */
export function segmentsStack(): { stack: Stack; automation: AccessSegment; admin: AccessSegment } {
  const stack = testStack();
  const automation = new AccessSegment(stack, 'Automation', {
    segment: Segment.AUTOMATION,
    deploymentName: 'paper',
    trust: SegmentTrust.server({ ec2: true }),
  });
  const admin = new AccessSegment(stack, 'Admin', {
    segment: Segment.ADMIN,
    deploymentName: 'paper',
    trust: SegmentTrust.humans({ principals: [new iam.AccountRootPrincipal()] }),
  });
  return { stack, automation, admin };
}

/** An alert channel of the admin segment, for the alarms of credentials under test. */
export function alertsOf(admin: AccessSegment): AlertChannel {
  return new AlertChannel(admin.stack, 'Alerts', {
    segment: admin,
    subscriptions: { email: ['trader@example.com'] },
  });
}

/** A rotation handler that needs no bundle, for tests about everything but the code. */
export const inlineHandler = () =>
  RotationHandler.fromCode(lambda.Code.fromInline('exports.handler = async () => {}'));

/** Statements of every IAM policy attached to the role with logical id `roleId`. */
export function roleStatements(
  t: { findResources(type: string): Record<string, any> },
  roleId: string,
): any[] {
  return Object.values(t.findResources('AWS::IAM::Policy'))
    .filter((p: any) => (p.Properties.Roles ?? []).some((r: any) => r.Ref === roleId))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}
