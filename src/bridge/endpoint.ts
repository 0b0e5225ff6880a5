import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { AwsDoctorError, describeError } from '../errors.js';
import type { CredentialProvider } from '../credentials/types.js';
import { containerCredentialsBody } from './container-body.js';
import { refreshingCache } from './refreshing-cache.js';

export interface CredentialsEndpointOptions {
  /** Any source: awsdoctor's chain, the login engine, an SDK provider. Wrapped in a single-flight cache. */
  readonly provider: CredentialProvider;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** A loopback IP literal: 127.0.0.1 (default; every SDK accepts it) or ::1. Anything else is refused. */
  readonly host?: string;
  /** Milliseconds since the epoch (tests pass a System's clock). */
  readonly now?: () => number;
  /** Called after each request with its status, for logs (never receives a secret). */
  readonly onRequest?: (status: number, detail: string) => void;
}

export interface CredentialsEndpoint {
  /** The value for AWS_CONTAINER_CREDENTIALS_FULL_URI. */
  readonly url: string;
  /** The value for AWS_CONTAINER_AUTHORIZATION_TOKEN: a secret, hand it only to the child that needs it. */
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

export const CREDENTIALS_PATH = '/awsdoctor/credentials';

export function isLoopbackAddress(host: string): boolean {
  const version = isIP(host);
  if (version === 4) return host.startsWith('127.');
  if (version === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** The two environment variables a child needs to use the endpoint. */
export function endpointEnvironment(endpoint: Pick<CredentialsEndpoint, 'url' | 'token'>): Record<string, string> {
  return { AWS_CONTAINER_CREDENTIALS_FULL_URI: endpoint.url, AWS_CONTAINER_AUTHORIZATION_TOKEN: endpoint.token };
}

/**
 * A local HTTP endpoint in the container-credentials format (what ECS/EKS give a task), read by every SDK through
 * AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN. Credentials are refreshed behind the scenes.
 */
export async function startCredentialsEndpoint(options: CredentialsEndpointOptions): Promise<CredentialsEndpoint> {
  const host = options.host ?? '127.0.0.1';
  // Binding anything but loopback would offer credentials to the network.
  if (!isLoopbackAddress(host)) {
    throw new AwsDoctorError('bridge.endpoint-not-loopback', `Refusing to serve credentials on ${host}.`, {
      hint: 'Use the default 127.0.0.1 (or ::1): only processes on this machine may read credentials.',
    });
  }
  const now = options.now ?? (() => Date.now());
  const credentials = refreshingCache({ provider: options.provider, now });
  const token = randomBytes(32).toString('base64url');
  const tokenDigest = digest(token);
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  let expectedHost = '';

  const send = (res: ServerResponse, status: number, body: unknown, detail: string) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
      // Credentials must never land in a proxy or browser cache.
      'Cache-Control': 'no-store',
    });
    res.end(text);
    options.onRequest?.(status, detail);
  };
  const refuse = (res: ServerResponse, status: number, code: string, message: string) =>
    send(res, status, { Code: code, Message: message }, message);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // DNS rebinding: a web page on evil.example re-resolved to 127.0.0.1 still sends Host: evil.example.
    if (req.headers.host !== expectedHost) return refuse(res, 403, 'InvalidHost', 'Host header not allowed.');
    // Cross-site requests from a browser (CSRF) always carry Origin; SDKs never send it.
    if (req.headers.origin !== undefined) return refuse(res, 403, 'InvalidOrigin', 'Browser requests not allowed.');
    // Any other local process or user: only the holder of the token may read credentials. Digests make the
    // comparison constant-time regardless of the presented length (timing side channel).
    const presented = req.headers.authorization;
    if (typeof presented !== 'string' || !timingSafeEqual(digest(presented), tokenDigest)) {
      return refuse(res, 401, 'Unauthorized', 'Missing or wrong authorization token.');
    }
    if (req.method !== 'GET') return refuse(res, 405, 'MethodNotAllowed', 'Only GET is supported.');
    const path = (req.url ?? '').split('?')[0];
    if (path !== CREDENTIALS_PATH) return refuse(res, 404, 'NotFound', 'Unknown path.');
    try {
      const current = await credentials();
      send(res, 200, containerCredentialsBody(current, now()), 'credentials served');
    } catch (error) {
      // The SDK shows this message to the person (botocore puts the body in its error): make it the next step.
      const hint = error instanceof AwsDoctorError && error.hint ? ` next: ${error.hint}` : '';
      refuse(res, 500, 'CredentialsUnavailable', `awsdoctor: ${describeError(error)}${hint}`);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) refuse(res, 500, 'InternalError', describeError(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new AwsDoctorError(
          'bridge.endpoint-listen',
          `Cannot listen on ${host}:${options.port ?? 0}: ${error.message}`,
          {
            cause: error,
            hint: 'Pick another --port, or omit it to use a free one.',
          },
        ),
      ),
    );
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  expectedHost = `${hostInUrl}:${port}`;
  return {
    url: `http://${expectedHost}${CREDENTIALS_PATH}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive connections from SDK clients would otherwise hold the server open.
        server.closeAllConnections();
      }),
  };
}
