import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { BrokerGuardError } from '../errors';
import { SEGMENT_DEFAULTS } from './segment-defaults';

/** Subject fields an IAM Roles Anywhere certificate must carry to assume the server role. */
export interface CertificateSubject {
  /** The subject's common name (CN). @default - not required */
  readonly commonName?: string;
  /** The subject's organization (O). @default - not required */
  readonly organization?: string;
  /** The subject's organizational unit (OU). @default - not required */
  readonly organizationalUnit?: string;
}

/** Trust for a trading server outside AWS through IAM Roles Anywhere. */
export interface RolesAnywhereTrustOptions {
  /** PEM bundle of the CA that issues the server's certificate (no ACM PCA needed). */
  readonly caCertificateBundlePem: string;
  /** The certificate subject the role's trust policy requires. At least one field. */
  readonly certificateSubject: CertificateSubject;
}

/** Where the trading server runs. */
export interface ServerTrustOptions {
  /**
   * EC2: an instance profile and an IMDSv2-only launch template are created.
   * @default false
   */
  readonly ec2?: boolean;
  /**
   * The IMDSv2 hop limit of the launch template: 2 only when containers on the instance need
   * the instance's credentials.
   * @default 1
   */
  readonly ec2MetadataHopLimit?: number;
  /**
   * ECS tasks of this account may assume the role as their task role.
   * @default false
   */
  readonly ecs?: boolean;
  /**
   * An off-AWS server through IAM Roles Anywhere.
   * @default - no Roles Anywhere trust
   */
  readonly rolesAnywhere?: RolesAnywhereTrustOptions;
}

/** People who may assume a human segment's role, always with MFA. */
export interface HumanTrustOptions {
  /** Account root (any principal of the account that is allowed to) or named roles. */
  readonly principals: iam.IPrincipal[];
  /**
   * The largest `aws:MultiFactorAuthAge` the trust policy accepts.
   * @default Duration.hours(1)
   */
  readonly maxMfaAge?: Duration;
}

/**
 * Who may assume a segment's role. Servers and people never share a trust: the automation
 * segment takes `SegmentTrust.server()`, the others `SegmentTrust.humans()`.
 */
export abstract class SegmentTrust {
  /** The trading server: service principals only, never a person. */
  public static server(options: ServerTrustOptions): SegmentTrust {
    const { ec2, ecs, rolesAnywhere } = options;
    if (!ec2 && !ecs && !rolesAnywhere) {
      throw new BrokerGuardError(
        'TRUST_EMPTY',
        'SegmentTrust.server: name at least one compute (ec2, ecs or rolesAnywhere); got none',
      );
    }
    const hop = options.ec2MetadataHopLimit ?? 1;
    if (!Number.isInteger(hop) || hop < 1 || hop > 2) {
      throw new BrokerGuardError(
        'TRUST_INVALID',
        `SegmentTrust.server: ec2MetadataHopLimit must be 1 or 2, got ${hop}`,
      );
    }
    if (rolesAnywhere && Object.values(rolesAnywhere.certificateSubject).every((v) => !v)) {
      throw new BrokerGuardError(
        'TRUST_INVALID',
        'SegmentTrust.server: rolesAnywhere.certificateSubject must name at least one of commonName (CN), organization (O), organizationalUnit (OU); an empty subject would trust every certificate of the CA',
      );
    }
    return new ServerTrust({ ...options, ec2MetadataHopLimit: hop });
  }

  /** People: every principal must present MFA no older than `maxMfaAge`. */
  public static humans(options: HumanTrustOptions): SegmentTrust {
    if (options.principals.length === 0) {
      throw new BrokerGuardError(
        'TRUST_EMPTY',
        'SegmentTrust.humans: principals must not be empty',
      );
    }
    const age = options.maxMfaAge ?? SEGMENT_DEFAULTS.maxMfaAge;
    const limit = SEGMENT_DEFAULTS.maxMfaAgeLimit;
    if (age.toSeconds() < 60 || age.toSeconds() > limit.toSeconds()) {
      throw new BrokerGuardError(
        'TRUST_INVALID',
        `SegmentTrust.humans: maxMfaAge must be between 60 seconds and ${limit.toHumanString()}, got ${age.toHumanString()}`,
      );
    }
    return new HumanTrust(options.principals, age);
  }

  /** `server` for the trading server, `humans` for people. */
  public abstract readonly kind: 'server' | 'humans';
}

/** @internal */
export class ServerTrust extends SegmentTrust {
  public readonly kind = 'server' as const;
  constructor(public readonly options: ServerTrustOptions & { ec2MetadataHopLimit: number }) {
    super();
  }
}

/** @internal */
export class HumanTrust extends SegmentTrust {
  public readonly kind = 'humans' as const;
  constructor(
    public readonly principals: iam.IPrincipal[],
    public readonly maxMfaAge: Duration,
  ) {
    super();
  }

  /** The conditions every human trust statement carries. */
  public mfaConditions(): Record<string, Record<string, unknown>> {
    return {
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      NumericLessThan: { 'aws:MultiFactorAuthAge': String(this.maxMfaAge.toSeconds()) },
    };
  }
}
