/**
 * brokerguard: the construct API (jsii), the policy checks and the config loader.
 *
 * The code a trading server runs is in `brokerguard/runtime`, which loads no aws-cdk-lib.
 * Free functions and constants below are TypeScript-only; every class, interface and enum is
 * part of the jsii API (Python, Java, .NET, Go).
 */

// Shared facts: segment and credential names, tag keys, naming.
export { Segment, CredentialClass } from './contracts/segments';
export type { SegmentName, CredentialClassName } from './contracts/segments';
export {
  TAG_COMPROMISED,
  TAG_CREDENTIAL_CLASS,
  TAG_DEPLOYMENT,
  TAG_ROLE_KIND,
  TAG_SEGMENT,
  TAG_TRADING_MODE,
} from './contracts/tags';
export {
  automationSwitchParameterName,
  cdkExecRoleArnPattern,
  DEPLOYMENT_NAME_PATTERN,
  logGroupName,
  secretName,
} from './contracts/names';
// A class extending Error has no jsii form: TypeScript gets the class, other languages see the
// error's message and its stable `code`.
import { BrokerGuardError as BrokerGuardErrorClass } from './errors';
export const BrokerGuardError = BrokerGuardErrorClass;
export type BrokerGuardError = BrokerGuardErrorClass;

// Segments
export { AccessSegment } from './segments/access-segment';
export type { AccessSegmentProps, SegmentLogGroupProps } from './segments/access-segment';
export { SegmentSecret } from './segments/segment-secret';
export type { SegmentSecretProps } from './segments/segment-secret';
export type { MemberSecretScope } from './segments/segment-key-policy';
export { SegmentTrust } from './segments/segment-trust';
export type {
  CertificateSubject,
  HumanTrustOptions,
  RolesAnywhereTrustOptions,
  ServerTrustOptions,
} from './segments/segment-trust';
export { AutomationBoundary } from './segments/automation-boundary';
export type { AutomationBoundaryProps } from './segments/automation-boundary';
export { SegmentBoundary } from './segments/segment-boundary';
export type { SegmentBoundaryProps } from './segments/segment-boundary';
export { RolesAnywherePrincipal } from './segments/roles-anywhere-trust';
export type { SegmentSet } from './segments/segment-set';

// Credentials
export type { ISegmentCredential } from './credentials/segment-credential';
export { RotatingCredential, RotationHandler } from './credentials/rotating-credential';
export type { RotatingCredentialProps } from './credentials/rotating-credential';
export { ManualCredential } from './credentials/manual-credential';
export type { ManualCredentialProps } from './credentials/manual-credential';
export { IbkrSessionToken } from './credentials/ibkr-session-token';
export type { IbkrSessionTokenProps } from './credentials/ibkr-session-token';
export { CredentialAgeCheck } from './credentials/credential-age-check';
export type {
  CredentialAgeCheckProps,
  WatchOptions,
  WatchRotationOptions,
} from './credentials/credential-age-check';

// Alerts and monitoring
export { AlertChannel } from './alerts/alert-channel';
export type { AlertChannelProps, AlertSubscriptions, AlertText } from './alerts/alert-channel';
export { LoginMonitoring } from './monitoring/login-monitoring';
export type { LoginAlarmThresholdProps, LoginMonitoringProps } from './monitoring/login-monitoring';
export { DeviceIdentity, LoginLogFormat } from './monitoring/login-log-source';
export type { LoginLogSource } from './monitoring/login-log-source';
export { LoginClassifier } from './monitoring/login-classifier';
export type { LoginClassifierProps } from './monitoring/login-classifier';
export { AwsDetections } from './monitoring/aws-detections';
export type { AwsDetectionsProps } from './monitoring/aws-detections';
export { LoginDashboard } from './monitoring/login-dashboard';
export type { LoginDashboardProps } from './monitoring/login-dashboard';
export type { LoginWindow, TradingHours } from './monitoring/trading-hours';

// Incident response
export { IncidentResponse } from './response/incident-response';
export type {
  IIncidentAlerts,
  IManualCredentialRef,
  IncidentResponseProps,
  IRotatingCredentialRef,
} from './response/incident-response';
export type { AutomationCompute, EcsServiceRef } from './response/compute-permissions';
export { AutomationSwitchParameter } from './response/automation-switch-parameter';
export { LockoutGuard } from './response/lockout-guard';
export type { LockoutGuardProps } from './response/lockout-guard';
export type { AutomationSwitchParameterProps } from './response/automation-switch-parameter';

// Run-time and deploy-time twins of the pack (opt-in; docs/runtime-checks.md)
export { BrokerGuardConfigRules } from './organization/config-rules';
export type { BrokerGuardConfigRulesProps } from './organization/config-rules';
export { BrokerGuardHook, HookFailureMode } from './organization/guard-hook';
export type { BrokerGuardHookProps } from './organization/guard-hook';
// The gateway host
export { GatewayHost } from './gateway/gateway-host';
export type { GatewayHostProps } from './gateway/gateway-host';
export { GatewayImage } from './gateway/gateway-image';
export { GatewayImageKind, GatewayNetwork, StrategyAccess } from './contracts/gateway';
export { TradingMode } from './contracts/names';
export type { CustomGatewayImageOptions } from './gateway/gateway-image';
export { GatewayRestartWatch } from './gateway/gateway-restart-watch';
export type { GatewayRestartWatchProps } from './gateway/gateway-restart-watch';

// The default deployment
export { BrokerGuardStack } from './stacks/brokerguard-stack';
export type { BrokerGuardStackProps } from './stacks/brokerguard-stack';
export { createDefaultApp } from './stacks/default-app';
export type { DefaultApp, DefaultAppOptions } from './stacks/default-app';

// Several accounts: a Stage per deployment, guardrails for the organization
export { BrokerGuardStage } from './stacks/brokerguard-stage';
export type { BrokerGuardStageProps } from './stacks/brokerguard-stage';
export { OrganizationGuardrails } from './organization/organization-guardrails';
export type {
  OrganizationGuardrailsProps,
  ResourcePerimeterOptions,
} from './organization/organization-guardrails';

// Policy checks
export { BrokerGuardChecks } from './policy/brokerguard-checks';
export { startCloudFormationValidation } from './policy/early-validation';
export { BROKERGUARD_RESOURCE_TYPES } from './stacks/resource-types';
export { renderHookRules } from './policy/guard/hook-rules';

// Configuration
export { loadAppConfig, loadConfigFile } from './config/load';
export { parseConfig } from './config/parse';
export type { BrokerGuardConfig, BrokerGuardConfigInput } from './config/schema';
