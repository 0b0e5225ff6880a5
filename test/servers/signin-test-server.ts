/**
 * A TEST SERVER, not a production component: a small, faithful local stand-in for the AWS Sign-In service's
 * `CreateOAuth2Token` operation (`POST /v1/token`, rest-json, as `@aws-sdk/nested-clients/signin` and botocore call
 * it), for tests only. It checks what the real service checks for a refresh-token exchange:
 *
 * - the DPoP proof (RFC 9449): an ES256 JWT with `typ: dpop+jwt`, a public EC P-256 `jwk` in its header that the
 *   signature verifies against, `htm`/`htu` matching this request, a fresh `iat`, a `jti` never seen before;
 * - the refresh token: known, bound to the DPoP key that presented it (`cnf.jkt`) and to the client id, and
 *   rotating: every success returns a new one and supersedes the old; a superseded token is rejected with
 *   `AccessDeniedException` `TOKEN_EXPIRED` (the real service has a short reuse grace window; this one has none).
 *
 * Responses mint unique AKIA/ASIA-like credentials that moto accepts. Failures can be switched on to test error paths.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createPublicKey, randomBytes, randomUUID, verify } from 'node:crypto';
import { jwkThumbprint, type EcPublicJwk } from '../../src/login/dpop.js';

export type SigninFailureMode =
  | 'TOKEN_EXPIRED'
  | 'USER_CREDENTIALS_CHANGED'
  | 'INSUFFICIENT_PERMISSIONS'
  /** Internal server error (500, `InternalServerException`). */
  | 'server_error'
  /** The connection is reset without a response: what a network failure looks like to a client. */
  | 'down';

export interface SigninTestServerOptions {
  /** Lifetime of minted credentials, seconds (the real service: 900). Below 300 every use refreshes. */
  expiresIn?: number;
  /** How far a proof's `iat` may be from the server's clock, seconds (default 60). */
  iatToleranceSeconds?: number;
  /** The server's clock (ms since the epoch). */
  now?: () => number;
  /** Delay before answering a successful exchange, ms: widens race windows in concurrency tests. */
  responseDelayMs?: number;
}

export interface IssuedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly refreshToken: string;
  readonly expiresIn: number;
}

export interface Rejection {
  /** e.g. `dpop.signature`, `dpop.jti-replayed`, `refresh-token.superseded`, `failure-mode`. */
  readonly reason: string;
  readonly status: number;
}

export interface SigninTestServer {
  /** e.g. `http://127.0.0.1:41234`: give it as `AWS_ENDPOINT_URL_SIGNIN` or the `signinEndpoint` option. */
  readonly endpoint: string;
  /** Successful token exchanges performed. */
  readonly exchanges: number;
  /** Every request received on `/v1/token` (successful or not). */
  readonly requests: number;
  /** Why requests were refused, in order. */
  readonly rejections: readonly Rejection[];
  /** Every credential set minted, in order. */
  readonly issued: readonly IssuedCredentials[];
  /** Makes `refreshToken` valid for `clientId`, bound to the DPoP key with this JWK thumbprint. */
  registerRefreshToken(refreshToken: string, binding: { clientId: string; jwkThumbprint: string }): void;
  /** Whether a refresh token is currently the live one of its chain. */
  isActive(refreshToken: string): boolean;
  /** Makes every following request fail this way (undefined: back to normal). */
  failWith(mode: SigninFailureMode | undefined): void;
  setExpiresIn(seconds: number): void;
  /** Runs `hook` on every token request before it is judged: lets a test act "meanwhile" (another tool's write). */
  setOnRequest(hook: (() => Promise<void> | void) | undefined): void;
  stop(): Promise<void>;
}

interface TokenRecord {
  clientId: string;
  jkt: string;
  state: 'active' | 'superseded';
}

const FAILURE_STATUS: Record<Exclude<SigninFailureMode, 'down' | 'server_error'>, number> = {
  TOKEN_EXPIRED: 401,
  USER_CREDENTIALS_CHANGED: 403,
  INSUFFICIENT_PERMISSIONS: 403,
};

class Refusal extends Error {
  constructor(
    readonly reason: string,
    readonly status: number,
    readonly errorType: string,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

const invalid = (reason: string, message: string) =>
  new Refusal(reason, 400, 'ValidationException', 'INVALID_REQUEST', message);

function decodeSegment(segment: string | undefined, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw invalid('dpop.malformed', `DPoP proof ${what} is not a JSON object`);
}

const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function keyIdSuffix(serial: number): string {
  // 16 characters: a serial (unique per exchange) plus random filler, in the alphabet real key ids use.
  let text = '';
  for (let n = serial; text.length < 6; n = Math.floor(n / 32)) text = ALPHANUM[n % 32] + text;
  for (const byte of randomBytes(10)) text += ALPHANUM[byte % 32];
  return text;
}

export async function startSigninTestServer(options: SigninTestServerOptions = {}): Promise<SigninTestServer> {
  const now = options.now ?? (() => Date.now());
  const tolerance = options.iatToleranceSeconds ?? 60;
  let expiresIn = options.expiresIn ?? 900;
  let failure: SigninFailureMode | undefined;
  let onRequest: (() => Promise<void> | void) | undefined;
  let exchanges = 0;
  let requests = 0;
  const rejections: Rejection[] = [];
  const issued: IssuedCredentials[] = [];
  const tokens = new Map<string, TokenRecord>();
  const seenJti = new Set<string>();
  const sockets = new Set<Socket>();

  function checkDpop(req: IncomingMessage, proof: string | string[] | undefined): string {
    if (typeof proof !== 'string' || proof.length === 0) throw invalid('dpop.missing', 'DPoP header is missing');
    const parts = proof.split('.');
    if (parts.length !== 3) throw invalid('dpop.malformed', 'DPoP proof is not a compact JWS');
    const header = decodeSegment(parts[0], 'header');
    const payload = decodeSegment(parts[1], 'payload');
    if (header.typ !== 'dpop+jwt') throw invalid('dpop.typ', 'DPoP proof typ must be dpop+jwt');
    if (header.alg !== 'ES256') throw invalid('dpop.alg', 'DPoP proof alg must be ES256');
    const jwk = header.jwk as Record<string, unknown> | undefined;
    if (!jwk || jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') {
      throw invalid('dpop.jwk', 'DPoP proof header must carry a public EC P-256 jwk');
    }
    if ('d' in jwk) throw invalid('dpop.jwk-private', 'DPoP proof header carries a private key');
    let publicKey;
    try {
      publicKey = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' });
    } catch {
      throw invalid('dpop.jwk', 'DPoP proof jwk is not a valid P-256 point');
    }
    const signature = Buffer.from(parts[2] ?? '', 'base64url');
    const signedOk =
      signature.length === 64 &&
      verify(
        'sha256',
        Buffer.from(`${parts[0]}.${parts[1]}`),
        { key: publicKey, dsaEncoding: 'ieee-p1363' },
        signature,
      );
    if (!signedOk) throw invalid('dpop.signature', 'DPoP proof signature does not verify against its jwk');
    if (payload.htm !== req.method) throw invalid('dpop.htm', `DPoP htm ${String(payload.htm)} != ${req.method}`);
    const path = (req.url ?? '/').split('?')[0];
    const expectedHtu = `http://${req.headers.host}${path}`;
    if (payload.htu !== expectedHtu) throw invalid('dpop.htu', `DPoP htu ${String(payload.htu)} != ${expectedHtu}`);
    if (typeof payload.iat !== 'number' || Math.abs(payload.iat - now() / 1000) > tolerance) {
      throw invalid('dpop.iat', 'DPoP proof iat is missing or not fresh');
    }
    if (typeof payload.jti !== 'string' || payload.jti.length === 0) throw invalid('dpop.jti', 'DPoP jti missing');
    if (seenJti.has(payload.jti)) throw invalid('dpop.jti-replayed', 'DPoP proof jti was already used');
    seenJti.add(payload.jti);
    return jwkThumbprint({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } as EcPublicJwk);
  }

  function exchange(body: Record<string, unknown>, jkt: string): IssuedCredentials {
    if (body.grantType !== 'refresh_token') throw invalid('grant-type', 'grantType must be refresh_token');
    if (typeof body.clientId !== 'string') throw invalid('client-id', 'clientId is required');
    if (typeof body.refreshToken !== 'string') throw invalid('refresh-token.missing', 'refreshToken is required');
    const record = tokens.get(body.refreshToken);
    const expired = (reason: string) =>
      new Refusal(reason, 401, 'AccessDeniedException', 'TOKEN_EXPIRED', 'The refresh token is expired or revoked.');
    if (!record) throw expired('refresh-token.unknown');
    if (record.state === 'superseded') throw expired('refresh-token.superseded');
    if (record.clientId !== body.clientId) throw invalid('client-id', 'clientId does not match the refresh token');
    if (record.jkt !== jkt) throw invalid('dpop.key-binding', 'the DPoP key is not the one the token is bound to');
    record.state = 'superseded';
    exchanges += 1;
    const minted: IssuedCredentials = {
      accessKeyId: `ASIA${keyIdSuffix(exchanges)}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(48).toString('base64')}`,
      refreshToken: `rt-${randomUUID()}`,
      expiresIn,
    };
    tokens.set(minted.refreshToken, { clientId: record.clientId, jkt: record.jkt, state: 'active' });
    issued.push(minted);
    return minted;
  }

  function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': randomUUID(),
      ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
    });
    res.end(text);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'POST' || path !== '/v1/token') {
      send(res, 404, { message: 'Not found' }, 'UnknownOperationException');
      return;
    }
    requests += 1;
    await onRequest?.();
    if (failure === 'down') {
      rejections.push({ reason: 'failure-mode', status: 0 });
      req.socket.destroy();
      return;
    }
    try {
      if (failure === 'server_error') {
        throw new Refusal('failure-mode', 500, 'InternalServerException', 'server_error', 'Internal error');
      }
      if (failure) {
        throw new Refusal('failure-mode', FAILURE_STATUS[failure], 'AccessDeniedException', failure, failure);
      }
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        throw invalid('body', 'the request body is not JSON');
      }
      const jkt = checkDpop(req, req.headers.dpop);
      const minted = exchange(body, jkt);
      if (options.responseDelayMs) await new Promise((r) => setTimeout(r, options.responseDelayMs));
      send(res, 200, {
        accessToken: {
          accessKeyId: minted.accessKeyId,
          secretAccessKey: minted.secretAccessKey,
          sessionToken: minted.sessionToken,
        },
        tokenType: 'aws_sigv4',
        expiresIn: minted.expiresIn,
        refreshToken: minted.refreshToken,
      });
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      rejections.push({ reason: error.reason, status: error.status });
      send(res, error.status, { error: error.errorCode, message: error.message }, error.errorType);
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        send(res, 500, { error: 'server_error', message: String(error) }, 'InternalServerException');
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    get exchanges() {
      return exchanges;
    },
    get requests() {
      return requests;
    },
    rejections,
    issued,
    registerRefreshToken(refreshToken, binding) {
      tokens.set(refreshToken, { clientId: binding.clientId, jkt: binding.jwkThumbprint, state: 'active' });
    },
    isActive: (refreshToken) => tokens.get(refreshToken)?.state === 'active',
    failWith(mode) {
      failure = mode;
    },
    setExpiresIn(seconds) {
      expiresIn = seconds;
    },
    setOnRequest(hook) {
      onRequest = hook;
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
