/**
 * The `ibkr-oauth` issuer: mints IBKR live session tokens from the long-lived OAuth material in
 * the issuer secret (DESIGN.md contracts) and tests them with one signed call.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { BrokerGuardError } from '../errors';
import { ibkrRequest } from '../runtime/ibkr-http';
import {
  decryptAccessTokenSecret,
  liveSessionTokenFrom,
  liveSessionTokenMatches,
  oauthAuthorizationHeader,
  oauthBaseString,
  oauthNonce,
  quotePlus,
  rsaSha256Signature,
  signedAuthorizationHeader,
  startDhExchange,
} from '../runtime/ibkr-oauth';
import { IbkrSessionSecret, parseSessionSecret } from '../runtime/ibkr-session-secret';
import { parseIssuerSecret, IbkrIssuerSecret } from './ibkr-issuer-secret';
import { RotationContext, RotationIssuer } from './rotation-protocol';

export interface IbkrOAuthIssuerOptions {
  /** @default - the ISSUER_SECRET_ID environment variable */
  readonly issuerSecretId?: string;
  /** Per-request limit for IBKR calls. @default - IBKR_TIMEOUT_MS, else 15000 */
  readonly timeoutMs?: number;
  /**
   * A pending token stored by an earlier attempt is kept only while it has this much life
   * left; an older one is discarded rather than promoted.
   * @default 12 hours
   */
  readonly minPendingLifetimeMs?: number;
}

interface LoadedIssuer {
  readonly versionId: string;
  readonly material: IbkrIssuerSecret;
  /** The decrypted access-token secret; fixed until the user regenerates the token. */
  readonly prepend: string;
}

const REFUSED = new Set(['IBKR_UNAUTHORIZED', 'IBKR_GONE', 'SESSION_SECRET_INVALID']);

export function ibkrOAuthIssuer(options: IbkrOAuthIssuerOptions = {}): RotationIssuer {
  let cached: LoadedIssuer | undefined;
  const timeoutMs = () => options.timeoutMs ?? (Number(process.env.IBKR_TIMEOUT_MS) || 15000);
  const minLifetime = options.minPendingLifetimeMs ?? 12 * 3600 * 1000;

  async function load(client: SecretsManagerClient): Promise<LoadedIssuer> {
    const id = options.issuerSecretId ?? process.env.ISSUER_SECRET_ID;
    if (!id) {
      throw new BrokerGuardError(
        'ISSUER_SECRET_UNSET',
        'ISSUER_SECRET_ID is not set: the function does not know its issuer secret',
      );
    }
    const got = await client.send(new GetSecretValueCommand({ SecretId: id }));
    // Decrypting the prepend is the slow part; redo it only when the user put new material.
    if (cached === undefined || cached.versionId !== got.VersionId) {
      const material = parseIssuerSecret(got.SecretString, id);
      const prepend = decryptAccessTokenSecret(
        material.accessTokenSecret,
        material.encryptionPrivateKeyPem,
      );
      cached = { versionId: got.VersionId ?? '', material, prepend };
    }
    return cached;
  }

  return {
    name: 'ibkr-oauth',
    async create(ctx: RotationContext): Promise<string> {
      const { material, prepend } = await load(ctx.client);
      const { liveSessionToken, expiresAt } = await mintLiveSessionToken(
        material,
        prepend,
        timeoutMs(),
      );
      ctx.log.info('minted a live session token', { expiresAt });
      const session: IbkrSessionSecret = {
        liveSessionToken,
        expiresAt,
        consumerKey: material.consumerKey,
        accessToken: material.accessToken,
        realm: material.realm,
        baseUrl: material.baseUrl,
      };
      return JSON.stringify(session);
    },
    async test(pending: string, ctx: RotationContext): Promise<void> {
      const session = parseSessionSecret(pending, ctx.secretId);
      const url = `${session.baseUrl}/iserver/auth/status`;
      const res = await ibkrRequest({
        method: 'POST',
        url,
        authorization: signedAuthorizationHeader(session, 'POST', url),
        timeoutMs: timeoutMs(),
      });
      if (res.status !== 200) {
        throw new BrokerGuardError(
          'IBKR_HTTP_ERROR',
          `IBKR POST /iserver/auth/status answered ${res.status}, expected 200`,
        );
      }
    },
    isReusable(pending: string): boolean {
      try {
        return parseSessionSecret(pending, '').expiresAt - Date.now() >= minLifetime;
      } catch {
        return false;
      }
    },
    discardsPending: (e: unknown) => REFUSED.has((e as { code?: string })?.code ?? ''),
  };
}

/** One LST mint exactly as IBKR's OAuth 1.0a Extended flow defines it. */
export async function mintLiveSessionToken(
  m: IbkrIssuerSecret,
  prepend: string,
  timeoutMs: number,
): Promise<{ liveSessionToken: string; expiresAt: number }> {
  const dh = startDhExchange(m.dhPrime, m.dhGenerator);
  const url = `${m.baseUrl}/oauth/live_session_token`;
  const params: Record<string, string> = {
    diffie_hellman_challenge: dh.challengeHex,
    oauth_consumer_key: m.consumerKey,
    oauth_nonce: oauthNonce(),
    oauth_signature_method: 'RSA-SHA256',
    oauth_timestamp: String(Math.floor(Date.now() / 1000)),
    oauth_token: m.accessToken,
  };
  const signature = rsaSha256Signature(
    oauthBaseString({ method: 'POST', url, params, prepend }),
    m.signaturePrivateKeyPem,
  );
  const res = await ibkrRequest({
    method: 'POST',
    url,
    authorization: oauthAuthorizationHeader(m.realm, {
      ...params,
      oauth_signature: quotePlus(signature),
    }),
    timeoutMs,
  });
  const body = (res.json ?? {}) as Record<string, unknown>;
  const response = body.diffie_hellman_response;
  const lstSignature = body.live_session_token_signature;
  const expiresAt = body.live_session_token_expiration;
  if (
    typeof response !== 'string' ||
    typeof lstSignature !== 'string' ||
    typeof expiresAt !== 'number'
  ) {
    throw new BrokerGuardError(
      'IBKR_BAD_RESPONSE',
      'IBKR POST /oauth/live_session_token answered without diffie_hellman_response, live_session_token_signature or live_session_token_expiration',
    );
  }
  const liveSessionToken = liveSessionTokenFrom(dh.sharedSecret(response), prepend);
  if (!liveSessionTokenMatches(liveSessionToken, m.consumerKey, lstSignature)) {
    throw new BrokerGuardError(
      'IBKR_LST_SIGNATURE_MISMATCH',
      "the derived live session token does not match IBKR's live_session_token_signature; it was not stored (check dhPrime and the keys in the issuer secret)",
    );
  }
  return { liveSessionToken, expiresAt };
}
