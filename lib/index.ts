export * from './errors';
export * from './segment-names';
export * from './config';
export * from './segments';
export * from './stacks';
export * from './policy';
export * from './response';
export * from './monitoring';
export * from './alerts';
export * from './runtime/login-event-emitter';
export * from './credentials';
export * from './runtime/session-token-provider';
export * from './runtime/ibkr-session-secret';
// automationSwitchParameterName is exported by ./segments (the automation boundary's copy).
export { AutomationSwitch } from './runtime/automation-switch';
export type { AutomationSwitchOptions, AutomationSwitchState } from './runtime/automation-switch';
