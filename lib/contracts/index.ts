/**
 * Facts shared by constructs, policy rules, handlers, the CLI and the config schema: names,
 * tag keys, metric names, limits. No dependencies, so any of them can import it.
 */
export * from './segments';
export * from './tags';
export * from './names';
export * from './metrics';
export * from './limits';
export * from './login-event';
export * from './alert-message';
export * from './alarm-catalog';
export * from './guarded-actions';
export * from './gateway';
