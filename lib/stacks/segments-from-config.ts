import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { BrokerGuardConfig } from '../config/schema';
import { HUMAN_SEGMENTS, Segment, SegmentName, segmentOf } from '../contracts';
import { AccessSegment } from '../segments/access-segment';
import { SegmentTrust } from '../segments/segment-trust';
import { SegmentSet } from '../segments/segment-set';

/** Builds the four segments a configuration describes. */
export function segmentsFromConfig(scope: Construct, config: BrokerGuardConfig): SegmentSet {
  const deploymentName = config.deployment.name;
  const a = config.segments.automation;
  const automation = new AccessSegment(scope, 'Automation', {
    segment: Segment.AUTOMATION,
    deploymentName,
    trust: SegmentTrust.server({
      ec2: a.compute.includes('ec2'),
      ec2MetadataHopLimit: a.ec2MetadataHopLimit,
      // The gateway host runs as the automation role.
      ecs: a.compute.includes('ecs') || config.gateway.enabled,
      rolesAnywhere: a.rolesAnywhere && {
        caCertificateBundlePem: a.rolesAnywhere.caCertificateBundlePem,
        certificateSubject: {
          commonName: a.rolesAnywhere.certificateSubject.CN,
          organization: a.rolesAnywhere.certificateSubject.O,
          organizationalUnit: a.rolesAnywhere.certificateSubject.OU,
        },
      },
    }),
    boundaryExtensions: a.boundaryExtensions.map(
      (e, i) =>
        new iam.PolicyStatement({
          sid: `ConfiguredExtension${i}`,
          actions: e.actions,
          resources: e.resources,
        }),
    ),
  });
  const human = {} as Record<SegmentName, AccessSegment>;
  for (const name of HUMAN_SEGMENTS) {
    const h = config.segments[name as Exclude<SegmentName, 'automation'>];
    human[name] = new AccessSegment(scope, name.charAt(0).toUpperCase() + name.slice(1), {
      segment: segmentOf(name),
      deploymentName,
      trust: SegmentTrust.humans({
        principals: h.trustedPrincipals.map((p) =>
          p === 'account-root' ? new iam.AccountRootPrincipal() : new iam.ArnPrincipal(p),
        ),
        maxMfaAge: Duration.seconds(h.maxMfaAgeSeconds),
      }),
      maxSessionDuration: Duration.seconds(h.maxSessionSeconds),
    });
  }
  return { ...human, automation };
}
