/** Tag keys that the policy pack reads; resources the kit did not make can carry them too. */
export const TAG_SEGMENT = 'brokerguard:segment';
export const TAG_CREDENTIAL_CLASS = 'brokerguard:credential-class';
export const TAG_DEPLOYMENT = 'brokerguard:deployment';
export const TAG_TRADING_MODE = 'brokerguard:trading-mode';
/** On roles: `segment` for a segment's own role, `function` for a role of a function it owns. */
export const TAG_ROLE_KIND = 'brokerguard:role-kind';
/** Set by the incident playbook on a manual credential that must be replaced. */
export const TAG_COMPROMISED = 'brokerguard:compromised';
/** Every tag key above starts with it: policies protect the kit's tags by this prefix. */
export const TAG_KEY_PREFIX = 'brokerguard:';
