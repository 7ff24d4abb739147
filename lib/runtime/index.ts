/**
 * `brokerguard/runtime`: the code a trading server runs next to its broker session. It loads
 * no aws-cdk-lib, constructs, cdk-nag or zod (test/package/entry-points.test.ts proves it), and
 * the published package ships it as one bundle with its AWS SDK clients
 * (scripts/bundle-entries.mjs), so a server needs nothing else installed.
 */
export { BrokerGuardError } from '../errors';
export { SEGMENT_NAMES } from '../contracts/segments';
export type { SegmentName } from '../contracts/segments';
export { SessionTokenProvider } from './session-token-provider';
export type { SessionTokenProviderProps } from './session-token-provider';
export { parseSessionSecret } from './ibkr-session-secret';
export type { IbkrSessionSecret } from './ibkr-session-secret';
export type { IbkrResponse } from './ibkr-http';
export { LoginEventEmitter } from './login-event-emitter';
export type { LoginEventEmitterProps } from './login-event-emitter';
export { LOGIN_EVENT_NAMES, LOGIN_SOURCES } from '../contracts/login-event';
export type { LoginEvent, LoginEventName, LoginSource } from '../contracts/login-event';
export { AutomationSwitch, automationSwitchParameterName } from './automation-switch';
export type { AutomationSwitchOptions, AutomationSwitchState } from './automation-switch';
