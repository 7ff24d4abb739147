/** The four functions access is segmented by. */
export const SEGMENT_NAMES = ['automation', 'execution', 'approvals', 'admin'] as const;
export type SegmentName = (typeof SEGMENT_NAMES)[number];

/** Segments whose principals are people (and so must present MFA). */
export const HUMAN_SEGMENTS: readonly SegmentName[] = ['execution', 'approvals', 'admin'];

/** What a secret holds; policy rules reason about it through the credential-class tag. */
export const CREDENTIAL_CLASSES = [
  'session-token',
  'api-key',
  'password',
  'second-factor',
] as const;
export type CredentialClass = (typeof CREDENTIAL_CLASSES)[number];

/** Second-factor material may only live where no automation can reach it. */
export const SECOND_FACTOR_SEGMENTS: readonly SegmentName[] = ['approvals', 'admin'];

/** Tag keys that the policy pack reads; resources the kit did not make can carry them too. */
export const TAG_SEGMENT = 'brokerguard:segment';
export const TAG_CREDENTIAL_CLASS = 'brokerguard:credential-class';
export const TAG_DEPLOYMENT = 'brokerguard:deployment';
/** On roles: `segment` for a segment's own role, `function` for a role of a function it owns. */
export const TAG_ROLE_KIND = 'brokerguard:role-kind';
/** Set by the incident playbook on a manual credential that must be replaced. */
export const TAG_COMPROMISED = 'brokerguard:compromised';
