/**
 * CloudFormation output keys the IncidentResponse construct adds and the CLI reads. A module of
 * their own so that synth never loads the CLI's CloudFormation client.
 */
export const OUTPUT_STATE_MACHINE_ARN = 'BrokerGuardIncidentStateMachineArn';
export const OUTPUT_SWITCH_PARAMETER = 'BrokerGuardAutomationSwitchParameter';
