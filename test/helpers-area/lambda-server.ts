import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The region the request was signed for (from the Authorization header's credential scope). */
  signedRegion: string | undefined;
}

export interface LambdaLikeServer {
  readonly endpoint: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export interface CannedResponse {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}

/**
 * A real HTTP server on a loopback port speaking Lambda's Invoke wire format, answering with the next canned response.
 * It produces what moto's Docker-less Lambda cannot: X-Amz-Function-Error with a stack trace, and X-Amz-Log-Result.
 */
export async function startLambdaLikeServer(responses: CannedResponse[]): Promise<LambdaLikeServer> {
  const requests: RecordedRequest[] = [];
  const queue = [...responses];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const auth = String(req.headers.authorization ?? '');
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        signedRegion: /Credential=[^/]+\/\d{8}\/([^/]+)\/lambda\//.exec(auth)?.[1],
      });
      const next = queue.shift() ?? { body: '{}' };
      res.writeHead(next.status ?? 200, { 'content-type': 'application/json', ...(next.headers ?? {}) });
      res.end(next.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
