import * as iam from 'aws-cdk-lib/aws-iam';
import * as rolesanywhere from 'aws-cdk-lib/aws-rolesanywhere';
import { Construct } from 'constructs';
import { RolesAnywhereTrustOptions } from './segment-trust';
import { resourceName } from '../contracts/names';

/** Roles Anywhere sessions last at most this long (seconds). */
const ROLES_ANYWHERE_SESSION_SECONDS = 3600;

/**
 * The trust of an off-AWS trading server: IAM Roles Anywhere may assume the role only for a
 * certificate issued under this trust anchor and carrying the configured subject.
 */
export class RolesAnywherePrincipal
  extends iam.ServicePrincipal
  implements iam.IAssumeRolePrincipal
{
  constructor(
    private readonly trustAnchorArn: string,
    private readonly subject: RolesAnywhereTrustOptions['certificateSubject'],
  ) {
    super('rolesanywhere.amazonaws.com');
  }

  public addToAssumeRolePolicy(document: iam.PolicyDocument): void {
    // The session tags IAM Roles Anywhere sets from the certificate's subject.
    const fields: Array<[string, string | undefined]> = [
      ['CN', this.subject.commonName],
      ['O', this.subject.organization],
      ['OU', this.subject.organizationalUnit],
    ];
    const subject: Record<string, string> = {};
    for (const [field, value] of fields) {
      if (value) subject[`aws:PrincipalTag/x509Subject/${field}`] = value;
    }
    document.addStatements(
      new iam.PolicyStatement({
        sid: 'RolesAnywhereCertificate',
        principals: [new iam.ServicePrincipal('rolesanywhere.amazonaws.com')],
        actions: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
        conditions: {
          ArnEquals: { 'aws:SourceArn': this.trustAnchorArn },
          StringEquals: subject,
        },
      }),
    );
  }
}

/** The trust anchor on the user's CA bundle (no ACM Private CA needed). */
export function createTrustAnchor(
  scope: Construct,
  options: RolesAnywhereTrustOptions,
  deploymentName: string,
): rolesanywhere.CfnTrustAnchor {
  return new rolesanywhere.CfnTrustAnchor(scope, 'TrustAnchor', {
    name: resourceName(deploymentName, 'automation'),
    enabled: true,
    source: {
      sourceType: 'CERTIFICATE_BUNDLE',
      sourceData: { x509CertificateData: options.caCertificateBundlePem.trim() },
    },
  });
}

/** The profile that hands out sessions of `role`, capped at one hour. */
export function createProfile(
  scope: Construct,
  role: iam.IRole,
  deploymentName: string,
): rolesanywhere.CfnProfile {
  return new rolesanywhere.CfnProfile(scope, 'RolesAnywhereProfile', {
    name: resourceName(deploymentName, 'automation'),
    enabled: true,
    roleArns: [role.roleArn],
    durationSeconds: ROLES_ANYWHERE_SESSION_SECONDS,
  });
}
