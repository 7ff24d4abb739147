#!/usr/bin/env python3
"""
Independent test vectors for IBKR's OAuth 1.0a Extended flow, for test/runtime/ibkr-oauth.test.ts.

Written in Python 3 with the standard library only (hmac, hashlib, base64, urllib.parse and
built-in big integers), apart from brokerguard's TypeScript, so that a shared mistake cannot
pass. Run once; it writes ibkr-oauth-vectors.json next to itself:

    python3 test/vectors/ibkr_oauth_vectors.py

The algorithm follows the public sources, not the kit:
- live session token: ibind `ibind/oauth/oauth1a.py` (generate_dh_challenge,
  to_byte_array, calculate_live_session_token, validate_live_session_token) and IBKR's Python
  example (jcazelib/Web-API-Python `Live Session Token (OAuth).py`): K = B^a mod p, K as bytes
  with a 0x00 byte first when its bit length is a multiple of 8, LST = base64(HMAC-SHA1(K,
  bytes.fromhex(prepend))), its signature hex(HMAC-SHA1(LST, consumer key));
- base string and query parameters: IBKR's Java client
  `src/main/java/com/interactivebrokers/webtradingapi/client/utils/SignatureBaseStringBuilder.java`
  (as copied in oatechnology/int): raw query pairs from URI.getRawQuery() (never decoded,
  duplicates kept, a segment without '=' skipped), sorted by key then value, `realm` left out,
  URL and parameter string each encoded by java.net.URLEncoder;
- RSA-SHA256 signature: RSASSA-PKCS1-v1_5 over the UTF-8 base string (RFC 8017 section 8.2),
  done here with big integers; the access-token secret is RSAES-PKCS1-v1_5 encrypted
  (RFC 8017 section 7.2) the way IBKR's portal does, for the kit's decryption to undo.

Every random value comes from random.Random(SEED): the vectors are reproducible. The RSA key is
a throwaway made here from that seed, for these vectors only; it belongs to no account.
"""

import base64
import hashlib
import hmac
import json
import random
from pathlib import Path
from urllib.parse import quote_plus, urlsplit

SEED = 20261202
rng = random.Random(SEED)

# RFC 3526 group 14, the 2048-bit MODP prime; generator 2.
P = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74"
    "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437"
    "4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF05"
    "98DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB"
    "9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF695581718"
    "3995497CEA956AE515D2261898FA051015728E5A8AACAA68FFFFFFFFFFFFFFFF",
    16,
)
G = 2
CONSUMER_KEY = "TESTCONSK"
ACCESS_TOKEN = "a1b2c3d4e5f60718293a"


def java_url_encode(s: str) -> str:
    """java.net.URLEncoder.encode(s, UTF-8): keeps A-Z a-z 0-9 . - * _, space -> '+'."""
    return quote_plus(s, safe="*").replace("~", "%7E")


def raw_query_pairs(query: str):
    pairs = []
    for segment in query.split("&"):
        key, eq, value = segment.partition("=")
        if eq:
            pairs.append((key, value))
    return pairs


def base_string(method: str, url: str, oauth_params: dict, prepend: str = "") -> str:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = parts.hostname.lower()
    default_port = {"https": 443, "http": 80}[scheme]
    authority = host if parts.port in (None, default_port) else f"{host}:{parts.port}"
    bare = f"{scheme}://{authority}{parts.path}"
    pairs = list(oauth_params.items()) + raw_query_pairs(parts.query)
    pairs = sorted((kv for kv in pairs if kv[0] != "realm"), key=lambda kv: (kv[0], kv[1]))
    params = "&".join(f"{k}={v}" for k, v in pairs)
    return f"{prepend}{method.upper()}&{java_url_encode(bare)}&{java_url_encode(params)}"


def nonce() -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(rng.choice(alphabet) for _ in range(16))


def java_bytes(k: int) -> bytes:
    h = format(k, "x")
    if len(h) % 2:
        h = "0" + h
    out = bytes.fromhex(h)
    return b"\x00" + out if k.bit_length() % 8 == 0 else out


# --- RSA, with big integers only ---------------------------------------------------------


def is_probable_prime(n: int) -> bool:
    if n < 2:
        return False
    for small in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % small == 0:
            return n == small
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for _ in range(40):
        x = pow(rng.randrange(2, n - 1), d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def random_prime(bits: int, e: int) -> int:
    while True:
        c = rng.getrandbits(bits) | (3 << (bits - 2)) | 1
        if (c - 1) % e and is_probable_prime(c):
            return c


def rsa_key():
    e = 65537
    while True:
        p, q = random_prime(1024, e), random_prime(1024, e)
        n = p * q
        if p != q and n.bit_length() == 2048:
            break
    d = pow(e, -1, (p - 1) * (q - 1))
    return {"n": n, "e": e, "d": d, "p": p, "q": q}


def b64url(n: int) -> str:
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def rsa_sha256_sign(key, message: str) -> str:
    k = (key["n"].bit_length() + 7) // 8
    digest_info = bytes.fromhex("3031300d060960864801650304020105000420")
    t = digest_info + hashlib.sha256(message.encode("utf-8")).digest()
    em = b"\x00\x01" + b"\xff" * (k - len(t) - 3) + b"\x00" + t
    s = pow(int.from_bytes(em, "big"), key["d"], key["n"])
    return base64.b64encode(s.to_bytes(k, "big")).decode()


def rsa_pkcs1_encrypt(key, message: bytes) -> str:
    k = (key["n"].bit_length() + 7) // 8
    ps = bytes(rng.randrange(1, 256) for _ in range(k - len(message) - 3))
    em = b"\x00\x02" + ps + b"\x00" + message
    c = pow(int.from_bytes(em, "big"), key["e"], key["n"])
    return base64.b64encode(c.to_bytes(k, "big")).decode()


# --- vectors -------------------------------------------------------------------------------


def request_vectors():
    """HMAC-SHA256-signed requests (every call after the mint), query edge cases included."""
    lst = base64.b64encode(rng.getrandbits(160).to_bytes(20, "big")).decode()
    cases = [
        ("POST", "https://api.ibkr.com/v1/api/iserver/auth/status", "no query"),
        ("GET", "https://api.ibkr.com/v1/api/iserver/marketdata/snapshot?conids=265598&fields=31,55,84", "plain pairs"),
        ("GET", "https://api.ibkr.com/v1/api/iserver/secdef/search?symbol=BRK%20B", "a percent-escaped space stays %20"),
        ("GET", "https://api.ibkr.com/v1/api/iserver/secdef/search?symbol=BRK+B", "a plus stays a plus"),
        ("GET", "https://api.ibkr.com/v1/api/x?a=~tilde&b=*star", "tilde and star as written"),
        ("GET", "https://api.ibkr.com/v1/api/x?a=%7Etilde&b=%2Astar", "escaped tilde and star stay escaped"),
        ("GET", "https://api.ibkr.com/v1/api/trsrv/secdef?conids=2&conids=10&conids=1", "duplicate keys all signed, by value"),
        ("GET", "https://api.ibkr.com/v1/api/x?flag&x=1", "a key without = is skipped"),
        ("GET", "https://api.ibkr.com/v1/api/x?x=&y=2", "an empty value is signed"),
        ("GET", "https://api.ibkr.com/v1/api/x?expr=a=b", "the value is everything after the first ="),
        ("GET", "https://api.ibkr.com/v1/api/x?realm=other&x=1", "a realm parameter is left out"),
        ("GET", "https://api.ibkr.com/v1/api/x?oauth_token=zzz", "a query key equal to an OAuth key is kept beside it"),
        ("GET", "https://api.ibkr.com/v1/api/x?&&a=1&", "empty segments"),
        ("GET", "https://api.ibkr.com/v1/api/x?name=%C3%A9t%C3%A9", "UTF-8 escapes as written"),
        ("GET", "https://api.ibkr.com/v1/api/iserver/marketdata/history?conid=265598&period=1d&bar=1min&startTime=20240102-09:30:00", "colon and dash"),
        ("GET", "https://API.IBKR.COM:443/v1/api/tickle", "host lowercased, default port dropped"),
        ("GET", "http://127.0.0.1:8080/v1/api/portfolio/accounts?x=1", "another port is kept"),
    ]
    out = []
    for method, url, why in cases:
        params = {
            "oauth_consumer_key": CONSUMER_KEY,
            "oauth_nonce": nonce(),
            "oauth_signature_method": "HMAC-SHA256",
            "oauth_timestamp": str(1764650000 + rng.randrange(100000)),
            "oauth_token": ACCESS_TOKEN,
        }
        base = base_string(method, url, params)
        mac = hmac.new(base64.b64decode(lst), base.encode("utf-8"), hashlib.sha256).digest()
        signature = base64.b64encode(mac).decode()
        out.append(
            {
                "why": why,
                "method": method,
                "url": url,
                "params": params,
                "liveSessionToken": lst,
                "baseString": base,
                "signature": signature,
                "headerSignature": quote_plus(signature),
            }
        )
    return out


def lst_vectors():
    """Live session tokens, K's byte form in each case the sign-byte rule distinguishes."""
    wanted = ["k-bits-multiple-of-8", "k-bits-not-multiple-of-8", "k-odd-hex-length", "k-leading-zero-byte"]
    found = {}
    while len(found) < len(wanted):
        a = rng.getrandbits(256)
        b = rng.getrandbits(256)
        A, B = pow(G, a, P), pow(G, b, P)
        K = pow(B, a, P)
        assert K == pow(A, b, P)
        hex_k = format(K, "x")
        if K.bit_length() <= 2040:
            kind = "k-leading-zero-byte"
        elif len(hex_k) % 2:
            kind = "k-odd-hex-length"
        elif K.bit_length() % 8 == 0:
            kind = "k-bits-multiple-of-8"
        else:
            kind = "k-bits-not-multiple-of-8"
        if kind in found:
            continue
        prepend = rng.getrandbits(320).to_bytes(40, "big").hex()
        k_bytes = java_bytes(K)
        lst = base64.b64encode(hmac.new(k_bytes, bytes.fromhex(prepend), hashlib.sha1).digest()).decode()
        found[kind] = {
            "why": kind,
            "exponent": format(a, "064x"),
            "challenge": format(A, "x"),
            "response": format(B, "x"),
            "prepend": prepend,
            "sharedSecretBytes": k_bytes.hex(),
            "liveSessionToken": lst,
            "liveSessionTokenSignature": hmac.new(
                base64.b64decode(lst), CONSUMER_KEY.encode("utf-8"), hashlib.sha1
            ).hexdigest(),
        }
    return [found[k] for k in wanted]


def mint_vectors(key, lst_cases):
    """The RSA-SHA256-signed live_session_token request, with the prepend the secret decrypts to."""
    out = []
    for case in lst_cases[:2]:
        params = {
            "diffie_hellman_challenge": case["challenge"],
            "oauth_consumer_key": CONSUMER_KEY,
            "oauth_nonce": nonce(),
            "oauth_signature_method": "RSA-SHA256",
            "oauth_timestamp": str(1764650000 + rng.randrange(100000)),
            "oauth_token": ACCESS_TOKEN,
        }
        url = "https://api.ibkr.com/v1/api/oauth/live_session_token"
        base = base_string("POST", url, params, case["prepend"])
        signature = rsa_sha256_sign(key, base)
        out.append(
            {
                "url": url,
                "params": params,
                "prepend": case["prepend"],
                "accessTokenSecret": rsa_pkcs1_encrypt(key, bytes.fromhex(case["prepend"])),
                "baseString": base,
                "signature": signature,
                "headerSignature": quote_plus(signature),
            }
        )
    return out


def main():
    requests = request_vectors()
    lst_cases = lst_vectors()
    key = rsa_key()
    mints = mint_vectors(key, lst_cases)
    doc = {
        "generator": "test/vectors/ibkr_oauth_vectors.py (Python 3 standard library; not brokerguard's code)",
        "seed": SEED,
        "consumerKey": CONSUMER_KEY,
        "dhPrime": format(P, "x"),
        "dhGenerator": G,
        "rsaKeyJwk": {
            "kty": "RSA",
            "n": b64url(key["n"]),
            "e": b64url(key["e"]),
            "d": b64url(key["d"]),
            "p": b64url(key["p"]),
            "q": b64url(key["q"]),
            "dp": b64url(key["d"] % (key["p"] - 1)),
            "dq": b64url(key["d"] % (key["q"] - 1)),
            "qi": b64url(pow(key["q"], -1, key["p"])),
        },
        "requests": requests,
        "liveSessionTokens": lst_cases,
        "mints": mints,
    }
    path = Path(__file__).with_name("ibkr-oauth-vectors.json")
    path.write_text(json.dumps(doc, indent=2) + "\n")
    print(f"wrote {len(requests)} request, {len(lst_cases)} LST and {len(mints)} mint vectors to {path}")


if __name__ == "__main__":
    main()
