export * from './brokerguard-checks';
export * from './rule';
export * from './model/template-model';
export * from './access/access-analysis';
export * from './access/access-matrix';
export * from './check/check-templates';
export * from './check/run-rules';
export * from './sarif/from-validation-report';
