import { BrokerGuardRule } from '../rule';
import { ECS_RULES } from './ecs';
import { IAM_RULES } from './iam';
import { KMS_RULES } from './kms';
import { LOG_RULES } from './log';
import { MON_RULES } from './mon';
import { NET_RULES } from './net';
import { ROT_RULES } from './rot';
import { SEC_RULES } from './sec';
import { SEG_RULES } from './seg';

/** Every rule of BrokerGuardChecks, in report order. */
export const BROKERGUARD_RULES: readonly BrokerGuardRule[] = [
  ...SEG_RULES,
  ...IAM_RULES,
  ...ROT_RULES,
  ...SEC_RULES,
  ...KMS_RULES,
  ...MON_RULES,
  ...LOG_RULES,
  ...NET_RULES,
  ...ECS_RULES,
];
