/**
 * The four functions access is segmented by. The enum is the typed form for construct props
 * (every language the kit is published to); its values are the names used in tags, secret
 * names and config.
 */
export enum Segment {
  /** The trading server: no human trust, short sessions, a permissions boundary. */
  AUTOMATION = 'automation',
  /** The person at the desktop (TWS / IBKR Desktop). */
  EXECUTION = 'execution',
  /** The phone: the out-of-band channel for alerts and second factors. */
  APPROVALS = 'approvals',
  /** Break-glass: puts hand-kept credentials, starts incident playbooks. */
  ADMIN = 'admin',
}

/** Segment names in their canonical order. */
export const SEGMENT_NAMES = ['automation', 'execution', 'approvals', 'admin'] as const;
export type SegmentName = (typeof SEGMENT_NAMES)[number];

/** Segments whose principals are people (and so must present MFA). */
export const HUMAN_SEGMENTS: readonly SegmentName[] = ['execution', 'approvals', 'admin'];

/** Second-factor material may only live where no automation can reach it. */
export const SECOND_FACTOR_SEGMENTS: readonly SegmentName[] = ['approvals', 'admin'];

/** What a secret holds; policy rules reason about it through the credential-class tag. */
export enum CredentialClass {
  /** A short-lived token minted by a rotation function (IBKR's live session token). */
  SESSION_TOKEN = 'session-token',
  /** A long-lived API key: rotated by a function where an API allows it, else by hand. */
  API_KEY = 'api-key',
  /** A password only a person can change at the broker. */
  PASSWORD = 'password',
  /** Second-factor material (a TOTP seed, say). Never readable by automation. */
  SECOND_FACTOR = 'second-factor',
}

export const CREDENTIAL_CLASSES = [
  'session-token',
  'api-key',
  'password',
  'second-factor',
] as const;
export type CredentialClassName = (typeof CREDENTIAL_CLASSES)[number];

/** Classes a rotation function can renew. */
export const ROTATABLE_CLASSES: readonly CredentialClassName[] = ['session-token', 'api-key'];
/** Classes only a person can renew. */
export const MANUAL_CLASSES: readonly CredentialClassName[] = [
  'password',
  'api-key',
  'second-factor',
];

export function isSegmentName(value: unknown): value is SegmentName {
  return typeof value === 'string' && (SEGMENT_NAMES as readonly string[]).includes(value);
}

/** The enum member of a segment name (the two spell the same string). */
export function segmentOf(name: SegmentName): Segment {
  return name as Segment;
}

/** The enum member of a credential class name. */
export function credentialClassOf(name: CredentialClassName): CredentialClass {
  return name as CredentialClass;
}
