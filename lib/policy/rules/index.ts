import { BrokerGuardRule } from '../rule';
import { IAM_RULES } from './iam';
import { SEG_RULES } from './seg';

/** Every rule of BrokerGuardChecks, in report order. */
export const BROKERGUARD_RULES: readonly BrokerGuardRule[] = [...SEG_RULES, ...IAM_RULES];
