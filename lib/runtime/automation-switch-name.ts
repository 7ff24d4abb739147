/**
 * The SSM parameter of a deployment's automation switch: `true` lets the trading server log in
 * and trade, anything else stops it. The incident playbook and the lock-out guard set it to
 * `false`; only an admin sets it back to `true`. Dependency-free: the trading server's helper,
 * the incident constructs and the automation boundary all name it from here.
 */
export function automationSwitchParameterName(deploymentName: string): string {
  return `/brokerguard/${deploymentName}/automation/enabled`;
}
