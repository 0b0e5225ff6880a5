import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDpopProof, jwkThumbprint, publicJwk } from '../../src/login/dpop.js';
import { exchangeRefreshToken, SigninRefusal } from '../../src/login/signin-exchange.js';
import { startSigninTestServer, type SigninTestServer } from '../servers/signin-test-server.js';

const CLIENT_ID = 'arn:aws:signin:::devtools/same-device';
let server: SigninTestServer;
beforeAll(async () => {
  server = await startSigninTestServer({ expiresIn: 120 });
});
afterAll(async () => {
  await server?.stop();
});

function newSession() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const refreshToken = `rt-${randomUUID()}`;
  server.registerRefreshToken(refreshToken, {
    clientId: CLIENT_ID,
    jwkThumbprint: jwkThumbprint(publicJwk(privateKey)),
  });
  return { privateKey, refreshToken };
}

const exchange = (session: ReturnType<typeof newSession>, refreshToken = session.refreshToken) =>
  exchangeRefreshToken({
    clientId: CLIENT_ID,
    refreshToken,
    dpopKey: session.privateKey,
    region: 'us-east-1',
    endpoint: server.endpoint,
    now: () => Date.now(),
  });

/** Posts a raw request, to send what the SDK never would. */
async function rawPost(body: unknown, dpop: string | undefined): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${server.endpoint}/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(dpop ? { dpop } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

describe('sign-in test server, called by the AWS SDK sign-in client', () => {
  it('exchanges a refresh token for new credentials and a new refresh token, and rotates', async () => {
    const session = newSession();
    const before = server.exchanges;
    const first = await exchange(session);
    expect(first.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(first.expiresIn).toBe(120);
    expect(first.refreshToken).not.toBe(session.refreshToken);
    expect(server.isActive(session.refreshToken)).toBe(false);
    expect(server.isActive(first.refreshToken)).toBe(true);
    const second = await exchange(session, first.refreshToken);
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(server.exchanges).toBe(before + 2);
  });

  it('rejects a superseded refresh token with AccessDeniedException TOKEN_EXPIRED (no grace window)', async () => {
    const session = newSession();
    await exchange(session);
    const failure = await exchange(session).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SigninRefusal);
    expect(failure).toMatchObject({ errorName: 'AccessDeniedException', errorCode: 'TOKEN_EXPIRED' });
    expect(server.rejections.at(-1)).toEqual({ reason: 'refresh-token.superseded', status: 401 });
  });

  it('rejects a token presented with a DPoP key it is not bound to', async () => {
    const session = newSession();
    const other = newSession();
    const failure = await exchange({ ...session, privateKey: other.privateKey }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ errorName: 'ValidationException' });
    expect(server.rejections.at(-1)?.reason).toBe('dpop.key-binding');
    expect(server.isActive(session.refreshToken)).toBe(true);
  });

  it.each(['TOKEN_EXPIRED', 'USER_CREDENTIALS_CHANGED', 'INSUFFICIENT_PERMISSIONS'] as const)(
    'fails on demand with %s, as the SDK client reports it',
    async (mode) => {
      const session = newSession();
      server.failWith(mode);
      try {
        const failure = await exchange(session).catch((e: unknown) => e);
        expect(failure).toMatchObject({ errorName: 'AccessDeniedException', errorCode: mode });
      } finally {
        server.failWith(undefined);
      }
      expect(server.isActive(session.refreshToken)).toBe(true);
    },
  );

  it('can be down (connection reset): the client sees a network error, not a refusal', async () => {
    const session = newSession();
    server.failWith('down');
    try {
      const failure = await exchange(session).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(Error);
      expect(failure).not.toBeInstanceOf(SigninRefusal);
    } finally {
      server.failWith(undefined);
    }
  });
});

describe('sign-in test server, DPoP checks', () => {
  const url = () => `${server.endpoint}/v1/token`;
  const body = (refreshToken: string) => ({ clientId: CLIENT_ID, refreshToken, grantType: 'refresh_token' });

  it('accepts a correct proof sent by hand (the baseline for the refusals below)', async () => {
    const s = newSession();
    const result = await rawPost(
      body(s.refreshToken),
      createDpopProof(s.privateKey, { method: 'POST', url: url(), nowMs: Date.now() }),
    );
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ tokenType: 'aws_sigv4', accessToken: { accessKeyId: expect.any(String) } });
  });

  it.each([
    ['no proof', () => undefined, 'dpop.missing'],
    [
      'wrong htu',
      (k: KeyObjectLike) =>
        createDpopProof(k, { method: 'POST', url: 'http://evil.example/v1/token', nowMs: Date.now() }),
      'dpop.htu',
    ],
    [
      'wrong htm',
      (k: KeyObjectLike) => createDpopProof(k, { method: 'GET', url: url(), nowMs: Date.now() }),
      'dpop.htm',
    ],
    [
      'stale iat',
      (k: KeyObjectLike) => createDpopProof(k, { method: 'POST', url: url(), nowMs: Date.now() - 600_000 }),
      'dpop.iat',
    ],
    [
      'bad signature',
      (k: KeyObjectLike) => tamper(createDpopProof(k, { method: 'POST', url: url(), nowMs: Date.now() })),
      'dpop.signature',
    ],
    [
      'wrong typ',
      (k: KeyObjectLike) => retyped(createDpopProof(k, { method: 'POST', url: url(), nowMs: Date.now() })),
      'dpop.typ',
    ],
  ] as const)('refuses %s and leaves the refresh token usable', async (_name, makeProof, reason) => {
    const s = newSession();
    const result = await rawPost(body(s.refreshToken), makeProof(s.privateKey));
    expect(result.status).toBe(400);
    expect(server.rejections.at(-1)?.reason).toBe(reason);
    expect(server.isActive(s.refreshToken)).toBe(true);
  });

  it('refuses a replayed jti', async () => {
    const s = newSession();
    const jti = randomUUID();
    const proof = () => createDpopProof(s.privateKey, { method: 'POST', url: url(), nowMs: Date.now(), jti });
    const first = await rawPost(body(s.refreshToken), proof());
    expect(first.status).toBe(200);
    const next = (first.json as { refreshToken: string }).refreshToken;
    const replay = await rawPost(body(next), proof());
    expect(replay.status).toBe(400);
    expect(server.rejections.at(-1)?.reason).toBe('dpop.jti-replayed');
  });
});

type KeyObjectLike = ReturnType<typeof generateKeyPairSync>['privateKey'];

/** Flips one bit of the signature. */
function tamper(proof: string): string {
  const [h, p, s] = proof.split('.') as [string, string, string];
  const sig = Buffer.from(s, 'base64url');
  sig[5] = (sig[5] ?? 0) ^ 1;
  return `${h}.${p}.${sig.toString('base64url')}`;
}

/** Re-signs nothing: swaps the header's typ, which also breaks the signature — the typ check comes first. */
function retyped(proof: string): string {
  const [h, p, s] = proof.split('.') as [string, string, string];
  const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>;
  header.typ = 'JWT';
  return `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${p}.${s}`;
}
