export * from './schema';
export * from './parse';
export * from './load';
export type {
  HumanSegmentConfig,
  AutomationSegmentConfig,
  RolesAnywhereConfig,
  BoundaryExtension,
} from './segments-section';
export type { CredentialConfig, CredentialRotationConfig } from './credentials-section';
export type { AlertsConfig } from './alerts-section';
export type { MonitoringConfig } from './monitoring-section';
export type { IncidentConfig } from './incident-section';
export * from './reference';
