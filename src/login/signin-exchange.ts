import type { KeyObject } from 'node:crypto';
import { CreateOAuth2TokenCommand, SigninClient } from '@aws-sdk/nested-clients/signin';
import { createDpopProof } from './dpop.js';

export interface ExchangeRequest {
  readonly clientId: string;
  readonly refreshToken: string;
  readonly dpopKey: KeyObject;
  readonly region: string;
  /** Overrides the sign-in endpoint (`https://signin.<region>.amazonaws.com`). */
  readonly endpoint?: string | undefined;
  /** Clock for the proof's `iat`, ms since the epoch. */
  readonly now: () => number;
}

export interface ExchangeResult {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly refreshToken: string;
  /** Seconds. */
  readonly expiresIn: number;
}

/** Thrown when the sign-in service answered but refused; `error` is its OAuth error code (`TOKEN_EXPIRED`, ...). */
export class SigninRefusal extends Error {
  constructor(
    readonly errorName: string,
    readonly errorCode: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Exchanges a refresh token at the sign-in service's `CreateOAuth2Token` with the AWS SDK's own sign-in client, adding
 * the DPoP proof in the last request step (so `htu` is the URL actually called). One attempt only: a retried request
 * could present a refresh token the service already rotated, which is exactly what must never happen.
 */
export async function exchangeRefreshToken(request: ExchangeRequest): Promise<ExchangeResult> {
  const client = new SigninClient({
    region: request.region,
    ...(request.endpoint ? { endpoint: request.endpoint } : {}),
    // The operation is unauthenticated (DPoP proves possession); the SDK still wants an identity object.
    credentials: { accessKeyId: '', secretAccessKey: '' },
    maxAttempts: 1,
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      const req = args.request as {
        protocol?: string;
        hostname?: string;
        port?: number;
        path?: string;
        method?: string;
        headers?: Record<string, string>;
      };
      if (req && typeof req === 'object' && req.headers) {
        const url = `${req.protocol}//${req.hostname}${req.port ? `:${req.port}` : ''}${req.path}`;
        req.headers.DPoP = createDpopProof(request.dpopKey, {
          method: req.method ?? 'POST',
          url,
          nowMs: request.now(),
        });
      }
      return next(args);
    },
    { step: 'finalizeRequest', name: 'awsdoctorDpop', override: true },
  );
  try {
    const response = await client.send(
      new CreateOAuth2TokenCommand({
        tokenInput: { clientId: request.clientId, refreshToken: request.refreshToken, grantType: 'refresh_token' },
      }),
    );
    const output = response.tokenOutput;
    const access = output?.accessToken;
    if (!access?.accessKeyId || !access.secretAccessKey || !access.sessionToken || !output?.refreshToken) {
      throw new SigninRefusal('InvalidResponse', undefined, 'the sign-in service response lacks credentials');
    }
    return {
      accessKeyId: access.accessKeyId,
      secretAccessKey: access.secretAccessKey,
      sessionToken: access.sessionToken,
      refreshToken: output.refreshToken,
      expiresIn: typeof output.expiresIn === 'number' ? output.expiresIn : 900,
    };
  } catch (error) {
    if (error instanceof SigninRefusal) throw error;
    const e = error as { name?: string; error?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    // A modeled service error means the service answered; anything else (no status) is a network failure.
    if (e.$metadata?.httpStatusCode && e.$metadata.httpStatusCode < 500 && e.name) {
      throw new SigninRefusal(e.name, e.error, e.message ?? e.name);
    }
    throw error;
  } finally {
    client.destroy();
  }
}
