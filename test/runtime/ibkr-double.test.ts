/**
 * The IBKR double must be as lenient as IBKR where IBKR's own clients differ (nonce shapes) and
 * as strict where a wrong client would fail (what is signed, and against which URL); otherwise
 * tests against it prove nothing. The kit's signing goes over real HTTP here.
 */
import { createSign } from 'node:crypto';
import * as http from 'node:http';
import { mintLiveSessionToken } from '../../lib/credentials/ibkr-oauth-issuer';
import { parseIssuerSecret } from '../../lib/credentials/ibkr-issuer-secret';
import { ibkrRequest } from '../../lib/runtime/ibkr-http';
import {
  hmacSha256Signature,
  oauthAuthorizationHeader,
  oauthBaseString,
  oauthNonce,
  quotePlus,
  signedAuthorizationHeader,
} from '../../lib/runtime/ibkr-oauth';
import { createTestAccount, IbkrDouble } from '../doubles/ibkr-double';

const account = createTestAccount();
const ibkr = new IbkrDouble(account);
const prepend = account.accessTokenSecretPlain.toString('hex');
let liveSessionToken: string;

beforeAll(async () => {
  await ibkr.start();
  const issuer = parseIssuerSecret(
    JSON.stringify({ ...account.issuerSecret, baseUrl: ibkr.baseUrl }),
    'test-issuer',
  );
  ({ liveSessionToken } = await mintLiveSessionToken(issuer, prepend, 5000));
});
afterAll(() => ibkr.stop());

interface Signing {
  /** The URL the signature covers, when it is not the one requested. */
  readonly signedUrl?: string;
  readonly params?: Record<string, string>;
  /** Replaces the header's oauth_signature as sent. */
  readonly headerSignature?: string;
  /** A base string built some other way. */
  readonly baseString?: (url: string, params: Record<string, string>) => string;
}

/** An HMAC-SHA256 Authorization header with the parts a test wants to vary. */
function authorization(method: string, url: string, signing: Signing = {}): string {
  const params: Record<string, string> = {
    oauth_consumer_key: account.consumerKey,
    oauth_nonce: oauthNonce(),
    oauth_signature_method: 'HMAC-SHA256',
    oauth_timestamp: String(Math.floor(Date.now() / 1000)),
    oauth_token: account.accessToken,
    ...signing.params,
  };
  const signedUrl = signing.signedUrl ?? url;
  const base = signing.baseString
    ? signing.baseString(signedUrl, params)
    : oauthBaseString({ method, url: signedUrl, params });
  const signature = quotePlus(hmacSha256Signature(base, liveSessionToken));
  return oauthAuthorizationHeader(account.realm, {
    ...params,
    oauth_signature: signing.headerSignature ?? signature,
  });
}

/** One raw request: the path goes on the wire exactly as given. */
function send(
  method: string,
  path: string,
  auth: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const { port } = new URL(ibkr.baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method, headers: { Authorization: auth, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const PATH = '/v1/api/portfolio/accounts';

describe('nonce: as lenient as IBKR, whose own clients send different shapes', () => {
  test.each([
    ['16 alphanumerics (ibind, oauth1a.py generate_oauth_nonce)', 'aZ09bY18cX27dW36'],
    [
      '20 hex digits (IBKR Java client, OAuthUtils.java: Hex of 10 random bytes)',
      '0f1e2d3c4b5a69788796',
    ],
    [
      '32 hex digits (IBKR Python example: hex(random.getrandbits(128))[2:])',
      '9f86d081884c7d659a2feaa0c55ad015',
    ],
    ['a short one from the same Python expression', '3a7'],
  ])('accepts %s', async (_, nonce) => {
    const url = `${ibkr.origin}${PATH}`;
    const res = await send(
      'GET',
      PATH,
      authorization('GET', url, { params: { oauth_nonce: nonce } }),
    );
    expect(res.status).toBe(200);
  });

  test('refuses a request without a nonce', async () => {
    const url = `${ibkr.origin}${PATH}`;
    const res = await send('GET', PATH, authorization('GET', url, { params: { oauth_nonce: '' } }));
    expect(res).toEqual({ status: 401, body: { error: 'missing nonce' } });
  });
});

describe('URL: the double signs against its own URL, never the Host header', () => {
  test('a client that sends Host: api.ibkr.com, as ibind does, still verifies', async () => {
    const url = `${ibkr.origin}${PATH}`;
    const res = await send('GET', PATH, authorization('GET', url), { Host: 'api.ibkr.com' });
    expect(res.status).toBe(200);
  });

  test('a signature over the Host header’s URL instead of the real one is refused', async () => {
    const res = await send(
      'GET',
      PATH,
      authorization('GET', `${ibkr.origin}${PATH}`, {
        signedUrl: `https://api.ibkr.com${PATH}`,
      }),
      { Host: 'api.ibkr.com' },
    );
    expect(res).toEqual({ status: 401, body: { error: 'invalid signature or expired token' } });
  });
});

describe('query: what the kit signs is what the double verifies, over the wire', () => {
  test.each([
    ['q=a+b'],
    ['q=a%20b'],
    ['q=%7E~*'],
    ['c=2&c=10&c=1'],
    ['flag&x=1'],
    ['x=&y=a=b'],
    ['realm=other&x=1'],
    ['oauth_token=zzz'],
    ['name=%C3%A9t%C3%A9&t=09:30:00'],
  ])('?%s is accepted, and arrives as written', async (query) => {
    const url = `${ibkr.baseUrl}/portfolio/accounts?${query}`;
    const res = await ibkrRequest({
      method: 'GET',
      url,
      authorization: signedAuthorizationHeader(
        {
          liveSessionToken,
          consumerKey: account.consumerKey,
          accessToken: account.accessToken,
          realm: account.realm,
        },
        'GET',
        url,
      ),
      timeoutMs: 5000,
    });
    expect(res.json).toEqual({ ok: true, path: '/portfolio/accounts' });
    expect(ibkr.lastQuery).toBe(query);
  });

  /** The kit's former base string: query decoded, pairs collapsed, quote_plus encoding. */
  function decodedBaseString(url: string, params: Record<string, string>): string {
    const u = new URL(url);
    const all: Record<string, string> = { ...params };
    u.searchParams.forEach((v, k) => (all[k] = v));
    const pairs = Object.keys(all)
      .sort()
      .map((k) => `${k}=${all[k]}`)
      .join('&');
    return `GET&${quotePlus(`${u.origin}${u.pathname}`)}&${quotePlus(pairs)}`;
  }

  test.each([['q=a+b'], ['q=%7E'], ['c=2&c=1'], ['flag&x=1']])(
    '?%s signed over decoded values is refused',
    async (query) => {
      const path = `${PATH}?${query}`;
      const auth = authorization('GET', `${ibkr.origin}${path}`, {
        baseString: decodedBaseString,
      });
      expect((await send('GET', path, auth)).status).toBe(401);
    },
  );
});

describe('signature: as strict as a verifier', () => {
  const url = () => `${ibkr.origin}${PATH}`;

  test('a signature sent as bare base64, its + not percent-encoded, is refused', async () => {
    // GIVEN a signature with a + in it (about every second one has)
    let auth = authorization('GET', url());
    while (!/oauth_signature="[^"]*%2B/.test(auth)) auth = authorization('GET', url());
    const raw = decodeURIComponent(/oauth_signature="([^"]*)"/.exec(auth)![1]);
    // WHEN it goes out without quote_plus
    const bare = await send(
      'GET',
      PATH,
      auth.replace(/oauth_signature="[^"]*"/, `oauth_signature="${raw}"`),
    );
    // THEN it is refused, while the encoded one passes
    expect(bare).toEqual({ status: 401, body: { error: 'malformed signature' } });
    expect((await send('GET', PATH, auth)).status).toBe(200);
  });

  test('a signature with trailing garbage is refused', async () => {
    const good = authorization('GET', url());
    const encoded = /oauth_signature="([^"]*)"/.exec(good)![1];
    const res = await send('GET', PATH, good.replace(encoded, encoded + '%21'));
    expect(res).toEqual({ status: 401, body: { error: 'malformed signature' } });
  });

  test('a signature with a broken escape is refused, not a crash', async () => {
    const res = await send('GET', PATH, authorization('GET', url(), { headerSignature: 'ab%zz' }));
    expect(res).toEqual({ status: 401, body: { error: 'malformed signature' } });
  });

  test('a timestamp in milliseconds is refused', async () => {
    const res = await send(
      'GET',
      PATH,
      authorization('GET', url(), { params: { oauth_timestamp: String(Date.now()) } }),
    );
    expect(res).toEqual({ status: 401, body: { error: 'bad timestamp' } });
  });
});

describe('live session token endpoint', () => {
  const lstPath = '/v1/api/oauth/live_session_token';

  /** An RSA-SHA256-signed LST request with the given challenge. */
  function lstAuthorization(challenge: string): string {
    const params: Record<string, string> = {
      diffie_hellman_challenge: challenge,
      oauth_consumer_key: account.consumerKey,
      oauth_nonce: oauthNonce(),
      oauth_signature_method: 'RSA-SHA256',
      oauth_timestamp: String(Math.floor(Date.now() / 1000)),
      oauth_token: account.accessToken,
    };
    const base = oauthBaseString({
      method: 'POST',
      url: `${ibkr.origin}${lstPath}`,
      params,
      prepend,
    });
    const signature = createSign('sha256')
      .update(base)
      .sign(String(account.issuerSecret.signaturePrivateKeyPem), 'base64');
    return oauthAuthorizationHeader(account.realm, {
      ...params,
      oauth_signature: quotePlus(signature),
    });
  }

  test('answers a valid challenge', async () => {
    expect((await send('POST', lstPath, lstAuthorization('2'.repeat(64)))).status).toBe(200);
  });

  test.each([['1'], ['0']])('refuses a degenerate challenge of %s', async (challenge) => {
    expect(await send('POST', lstPath, lstAuthorization(challenge))).toEqual({
      status: 400,
      body: { error: 'degenerate diffie_hellman_challenge' },
    });
  });

  test('a degenerate DH response fails the mint with IBKR_BAD_DH_RESPONSE, and no token is kept', async () => {
    // GIVEN
    const issuer = parseIssuerSecret(
      JSON.stringify({ ...account.issuerSecret, baseUrl: ibkr.baseUrl }),
      'test-issuer',
    );
    ibkr.failNext('lst', 'degenerate-dh');
    // WHEN
    const mint = mintLiveSessionToken(issuer, prepend, 5000);
    // THEN
    await expect(mint).rejects.toMatchObject({
      code: 'IBKR_BAD_DH_RESPONSE',
      message: expect.stringMatching(
        /diffie_hellman_response is 1, .*no live session token was derived/,
      ),
    });
    expect(ibkr.accepts(ibkr.issued[ibkr.issued.length - 1])).toBe(false);
  });
});
