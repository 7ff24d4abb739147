export * from './errors';
export * from './segment-names';
export * from './config';
export * from './segments';
export * from './stacks';
export * from './policy';
export * from './response';
