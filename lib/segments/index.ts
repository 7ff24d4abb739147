export * from './access-segment';
export * from './segment-secret';
export * from './segment-trust';
export * from './automation-boundary';
export { RolesAnywherePrincipal } from './roles-anywhere-trust';
export { SEGMENT_DEFAULTS } from './segment-defaults';
