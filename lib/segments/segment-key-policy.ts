import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { KEY_ADMIN_ACTIONS } from './segment-defaults';

/**
 * The base policy of a segment key. Decryption is granted in two ways only:
 * - directly to the segment's own principals (added by AccessSegment), and
 * - to the account's principals *through Secrets Manager*, because Secrets Manager calls
 *   Decrypt on behalf of whoever creates or changes a secret value (CloudFormation at deploy,
 *   the admin putting a manual credential). Reading a value still needs GetSecretValue, which
 *   every segment secret's resource policy denies outside the segment: the two layers together
 *   keep the plaintext inside the segment.
 */
export function buildSegmentKeyPolicy(): iam.PolicyDocument {
  return new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({
        sid: 'KeyAdministrationWithoutDecrypt',
        principals: [new iam.AccountRootPrincipal()],
        actions: KEY_ADMIN_ACTIONS,
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'WriteSecretsThroughSecretsManager',
        principals: [new iam.AccountRootPrincipal()],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: {
          StringEquals: {
            'kms:ViaService': `secretsmanager.${Aws.REGION}.amazonaws.com`,
            'kms:CallerAccount': Aws.ACCOUNT_ID,
          },
        },
      }),
    ],
  });
}

/** The segment's own role: decrypt only (it reads, it never writes). */
export function segmentRoleKeyStatement(role: iam.IRole): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'SegmentRoleDecrypt',
    principals: [new iam.ArnPrincipal(role.roleArn)],
    actions: ['kms:Decrypt', 'kms:DescribeKey'],
    resources: ['*'],
  });
}

/**
 * The secrets a member may use the key for, by name (`<deployment>/<segment>/<name>`): the key
 * policy cannot refer to the secrets themselves (each secret refers to the key).
 */
export interface MemberSecretScope {
  readonly secretNames: string[];
}

/**
 * A function the segment owns (rotation, classification): reads and writes its data. With a
 * `scope`, it may use the key only through Secrets Manager and only for the named secrets
 * (a rotation function: its own secret and its issuer), plus DescribeKey.
 */
export function memberKeyStatement(
  role: iam.IRole,
  scope?: MemberSecretScope,
): iam.PolicyStatement[] {
  const principals = [new iam.ArnPrincipal(role.roleArn)];
  if (!scope) {
    return [
      new iam.PolicyStatement({
        principals,
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: ['*'],
      }),
    ];
  }
  return [
    new iam.PolicyStatement({
      principals,
      actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'kms:ViaService': `secretsmanager.${Aws.REGION}.amazonaws.com` },
        // Secrets Manager's context carries the ARN with its random 6-character suffix.
        StringLike: {
          'kms:EncryptionContext:SecretARN': scope.secretNames.map(
            (n) =>
              `arn:${Aws.PARTITION}:secretsmanager:${Aws.REGION}:${Aws.ACCOUNT_ID}:secret:${n}-??????`,
          ),
        },
      },
    }),
    new iam.PolicyStatement({
      principals,
      actions: ['kms:DescribeKey'],
      resources: ['*'],
    }),
  ];
}

/** CloudWatch Logs may use the key for the segment's own log groups only. */
export function logsServiceKeyStatement(
  deploymentName: string,
  segment: string,
): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'LogsForSegmentLogGroups',
    principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
    actions: [
      'kms:Encrypt',
      'kms:Decrypt',
      'kms:ReEncryptFrom',
      'kms:ReEncryptTo',
      'kms:GenerateDataKey',
      'kms:DescribeKey',
    ],
    resources: ['*'],
    conditions: {
      ArnLike: {
        'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:/brokerguard/${deploymentName}/${segment}/*`,
      },
    },
  });
}
