/**
 * CloudFormation output keys the IncidentResponse construct adds and the CLI reads. A module of
 * their own so that synth never loads the CLI's CloudFormation client.
 */
export const OUTPUT_STATE_MACHINE_ARN = 'BrokerGuardIncidentStateMachineArn';
export const OUTPUT_SWITCH_PARAMETER = 'BrokerGuardAutomationSwitchParameter';
/** The gateway host's ECS cluster and service names, and its login secret's name. */
export const OUTPUT_GATEWAY_CLUSTER = 'BrokerGuardGatewayCluster';
export const OUTPUT_GATEWAY_SERVICE = 'BrokerGuardGatewayService';
export const OUTPUT_GATEWAY_LOGIN_SECRET = 'BrokerGuardGatewayLoginSecret';
