/**
 * A TEST SERVER: a reverse proxy in front of moto that enforces what moto does not, credential expiry. AWS rejects a
 * request signed with expired temporary credentials (`ExpiredToken`); moto accepts any key for ever, so without this
 * a test could never show that credentials copied once into `os.environ` (the guide's approach) stop working.
 * Every other request is passed to moto unchanged.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ExpiringCredentialsProxy {
  /** Give it as AWS_ENDPOINT_URL instead of moto's. */
  readonly endpoint: string;
  /** Requests refused because their credentials had expired, by access key id. */
  readonly expiredRejections: readonly string[];
  /** Access key ids of requests passed to moto. */
  readonly accepted: readonly string[];
  stop(): Promise<void>;
}

const EXPIRED_BODY = `<?xml version="1.0" encoding="UTF-8"?>
<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>`;

/** `Credential=<key id>/...` of a SigV4 Authorization header. */
function accessKeyIdOf(req: IncomingMessage): string | undefined {
  return /Credential=([A-Z0-9]+)\//.exec(req.headers.authorization ?? '')?.[1];
}

/**
 * `expiryOf(keyId)` says when a key stops working (ms since the epoch), or undefined for keys it does not know
 * (passed through).
 */
export async function startExpiringCredentialsProxy(
  upstream: string,
  expiryOf: (accessKeyId: string) => number | undefined,
): Promise<ExpiringCredentialsProxy> {
  const target = new URL(upstream);
  const expiredRejections: string[] = [];
  const accepted: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const keyId = accessKeyIdOf(req);
    const expiry = keyId ? expiryOf(keyId) : undefined;
    if (keyId && expiry !== undefined && Date.now() >= expiry) {
      expiredRejections.push(keyId);
      req.resume();
      res.writeHead(403, { 'content-type': 'text/xml' }).end(EXPIRED_BODY);
      return;
    }
    if (keyId) accepted.push(keyId);
    const forward = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    expiredRejections,
    accepted,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
