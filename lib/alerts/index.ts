export * from './alert-message';
export * from './alert-channel';
