export * from './brokerguard-stack';
export * from './segments-from-config';
export * from './resource-types';
