import { createHash, createPrivateKey, createPublicKey, randomUUID, sign, type KeyObject } from 'node:crypto';

/** The public half of a DPoP key as it travels in the proof's header (RFC 7517 JWK, EC P-256). */
export interface EcPublicJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
}

/** Reads the cached `dpopKey`: a SEC1 PEM (`-----BEGIN EC PRIVATE KEY-----`) P-256 key, as `aws login` stores it. */
export function loadDpopPrivateKey(pem: string): KeyObject {
  const key = createPrivateKey({ key: pem, format: 'pem' });
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType !== 'ec' || details?.namedCurve !== 'prime256v1') {
    throw new Error('the DPoP key is not an EC P-256 key');
  }
  return key;
}

export function publicJwk(privateKey: KeyObject): EcPublicJwk {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  return { kty: 'EC', crv: 'P-256', x: String(jwk.x), y: String(jwk.y) };
}

/** RFC 7638 thumbprint of a public EC JWK (what the sign-in service binds a refresh token to, `cnf.jkt`). */
export function jwkThumbprint(jwk: EcPublicJwk): string {
  const canonical = `{"crv":"${jwk.crv}","kty":"${jwk.kty}","x":"${jwk.x}","y":"${jwk.y}"}`;
  return createHash('sha256').update(canonical).digest('base64url');
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A DPoP proof (RFC 9449) as the AWS SDKs send it to the sign-in service: an ES256 JWT whose header carries the
 * public JWK and whose payload binds the proof to this request (`htm`, `htu`), this moment (`iat`) and this use (`jti`).
 */
export function createDpopProof(
  privateKey: KeyObject,
  request: { method: string; url: string; nowMs: number; jti?: string },
): string {
  const header = { alg: 'ES256', typ: 'dpop+jwt', jwk: publicJwk(privateKey) };
  const payload = {
    htm: request.method,
    htu: request.url,
    iat: Math.floor(request.nowMs / 1000),
    jti: request.jti ?? randomUUID(),
  };
  const signingInput = `${b64url(header)}.${b64url(payload)}`;
  // JWS wants the raw r||s pair (IEEE P1363), not DER.
  const signature = sign('sha256', Buffer.from(signingInput), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${signature.toString('base64url')}`;
}
