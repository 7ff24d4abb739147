/**
 * Facts about the gateway host's images, shared by the config schema, the GatewayHost construct
 * and the docs. Versions were read in the images' public repositories (2026-12): gnzsnz/ib-gateway
 * `stable` is IB Gateway 10.45.1j with IBC 3.24.1; IBeam's last release is 0.5.12.
 */

/**
 * The gateway host's choices. Each enum is the typed form for construct props; the tuple beside
 * it is the same values for the config schema (a test keeps the two equal).
 */

/** What drives the login inside the gateway container. */
export enum GatewayImageKind {
  /** IB Gateway driven by IBC (the gnzsnz/ib-gateway image and its forks). */
  IBC = 'ibc',
  /** The Client Portal Gateway driven by IBeam (voyz/ibeam). */
  IBEAM = 'ibeam',
  /** An image of your own. */
  CUSTOM = 'custom',
}
export const GATEWAY_IMAGE_KINDS = ['ibc', 'ibeam', 'custom'] as const;

/** How the gateway reaches IBKR and AWS without any inbound path. docs/gateway.md has the costs. */
export enum GatewayNetwork {
  /**
   * Public subnets, a public IP on the task, a security group with no ingress, no NAT gateway:
   * the cheapest egress (one public IPv4 address while the task runs).
   */
  PUBLIC_SUBNETS = 'public-subnets',
  /** Private subnets behind one NAT gateway: no public IP on the task. */
  PRIVATE_NAT = 'private-nat',
  /**
   * Isolated subnets with interface endpoints for Secrets Manager, CloudWatch Logs and ECR (and
   * the S3 gateway endpoint): AWS is reachable, the internet is not. IBKR and public registries
   * need a route you add (your own VPC, a proxy); mirror the image to ECR.
   */
  PRIVATE_ENDPOINTS = 'private-endpoints',
}
export const GATEWAY_NETWORKS = ['public-subnets', 'private-nat', 'private-endpoints'] as const;

/** How the strategy reaches the gateway's API. */
export enum StrategyAccess {
  /** From tasks or instances that carry the host's strategy security group. */
  SECURITY_GROUP = 'security-group',
  /** From a container you add to the same task, on 127.0.0.1: no port is published at all. */
  SIDECAR = 'sidecar',
}
export const STRATEGY_ACCESS_MODES = ['security-group', 'sidecar'] as const;

/** The default image of each kind, pinned by tag. Pin a digest (`@sha256:...`) for production. */
export const DEFAULT_GATEWAY_IMAGES = {
  ibc: 'ghcr.io/gnzsnz/ib-gateway:10.45.1j',
  ibeam: 'voyz/ibeam:0.5.12',
} as const;

const DIGEST = /@sha256:[0-9a-f]{64}$/;
const TAG = /:([\w][\w.-]{0,127})$/;

/**
 * Whether an image reference is pinned: by digest, or by a tag other than `latest`. A tag can
 * still be moved by its publisher; a digest cannot.
 */
export function isPinnedImage(reference: string): boolean {
  if (/\s/.test(reference) || reference.length === 0) return false;
  // A digest is the whole pin or nothing: `name@sha256:abc` is a typo, not a tag.
  if (reference.includes('@')) return DIGEST.test(reference);
  // The last path segment holds the tag; a colon before a slash is a registry port.
  const last = reference.slice(reference.lastIndexOf('/') + 1);
  const tag = TAG.exec(last)?.[1];
  return tag !== undefined && tag !== 'latest';
}

/** Names a container environment variable may have in `gateway.settings`. */
export const GATEWAY_SETTING_NAME = {
  pattern:
    /^(?![A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL|USERID))[A-Z][A-Z0-9_]{0,63}$/,
  rule: 'must be an upper-case environment variable name (A-Z, 0-9, _), and not a secret (PASSWORD, SECRET, TOKEN, API_KEY, USERID, ...: those come from the login credential)',
} as const;
