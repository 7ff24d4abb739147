export * from './brokerguard-checks';
export * from './rule';
export * from './model/template-model';
export * from './access/access-analysis';
