import { Duration } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import {
  AUTOMATION_MAX_SESSION_SECONDS,
  HUMAN_MAX_SESSION_DEFAULT_SECONDS,
  MFA_MAX_AGE_DEFAULT_SECONDS,
  MFA_MAX_AGE_LIMIT_SECONDS,
} from '../contracts/limits';

/**
 * Secure defaults of the segment constructs, kept apart from the code that builds resources.
 * Precedence: these defaults < user props < values the construct forces (noted per value).
 */
export const SEGMENT_DEFAULTS = {
  /** Forced for automation: the server role never holds a session longer than an hour. */
  automationMaxSession: Duration.seconds(AUTOMATION_MAX_SESSION_SECONDS),
  humanMaxSession: Duration.seconds(HUMAN_MAX_SESSION_DEFAULT_SECONDS),
  maxMfaAge: Duration.seconds(MFA_MAX_AGE_DEFAULT_SECONDS),
  /** Largest MFA age a human trust policy may accept (the IAM maximum session length). */
  maxMfaAgeLimit: Duration.seconds(MFA_MAX_AGE_LIMIT_SECONDS),
  logRetention: logs.RetentionDays.ONE_YEAR,
  /** Waiting period before a segment key scheduled for deletion is gone. */
  keyPendingWindow: Duration.days(30),
} as const;

/**
 * Key-management actions the account keeps on every segment key. Decrypt, ReEncrypt and
 * CreateGrant are absent on purpose: only the segment's own principals may decrypt.
 */
export const KEY_ADMIN_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:RevokeGrant',
  'kms:RotateKeyOnDemand',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
];
