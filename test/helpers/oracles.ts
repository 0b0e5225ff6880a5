import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export interface OracleScenario {
  readonly env: Record<string, string>;
  readonly profile?: string | undefined;
  /** boto3 only: play a Python with awscrt installed (the login tests' stand-in). */
  readonly awscrt?: boolean | undefined;
}

export interface BotocoreVerdict {
  readonly method: string | null;
  readonly accessKeyId: string | null;
  readonly error: string | null;
  readonly message?: string;
}

function run(
  command: string,
  args: string[],
  options: { env: Record<string, string>; input?: string },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} exited ${code}: ${err.slice(-2000)}`)),
    );
    child.stdin.end(options.input ?? '');
  });
}

/** Real boto3/botocore, many scenarios in one Python process (test/fixtures/botocore_verdicts.py). */
export async function botocoreVerdicts(scenarios: readonly OracleScenario[]): Promise<BotocoreVerdict[]> {
  const out = await run('python3', [`${FIXTURES}botocore_verdicts.py`], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' },
    input: JSON.stringify(
      scenarios.map((s) => ({ env: s.env, profile: s.profile ?? null, awscrt: s.awscrt ?? false })),
    ),
  });
  return out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as BotocoreVerdict);
}

export interface NodeVerdict {
  readonly accessKeyId: string | null;
  readonly error: string | null;
  readonly message?: string;
}

/** Real `@aws-sdk/credential-provider-node` defaultProvider, every scenario in one Node process with exactly its environment. */
export async function nodeVerdicts(scenarios: readonly OracleScenario[]): Promise<NodeVerdict[]> {
  const out = await run(process.execPath, [`${FIXTURES}node-verdict.mjs`], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    input: JSON.stringify(scenarios.map((s) => ({ env: s.env, profile: s.profile ?? null }))),
  });
  return out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as NodeVerdict);
}

export interface LocalServer {
  readonly url: string;
  /** Requests seen: method + path + selected headers. */
  readonly requests: { path: string; authorization: string | undefined; bearer: string | undefined }[];
  close(): Promise<void>;
}

/**
 * One local server playing both the ECS container credentials endpoint (`GET /creds`, key AKIACONTAINER...) and the
 * IAM Identity Center portal (`GET /federation/credentials`, key AKIASSO<role>), on a free loopback port.
 */
export async function startCredentialServer(): Promise<LocalServer> {
  const requests: LocalServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push({
      path: url.pathname,
      authorization: req.headers.authorization,
      bearer: req.headers['x-amz-sso_bearer_token'] as string | undefined,
    });
    const expiration = new Date(Date.now() + 3600_000);
    if (url.pathname === '/creds') {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          AccessKeyId: 'AKIACONTAINER0000001',
          SecretAccessKey: 'container-secret',
          Token: 'container-token',
          Expiration: expiration.toISOString(),
        }),
      );
      return;
    }
    if (url.pathname === '/federation/credentials') {
      if (req.headers['x-amz-sso_bearer_token'] !== 'sso-access-token') {
        res.statusCode = 401;
        res.setHeader('x-amzn-errortype', 'UnauthorizedException');
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ message: 'Session token not found or invalid' }));
        return;
      }
      res.setHeader('content-type', 'application/json');
      const role = (url.searchParams.get('role_name') ?? 'X').toUpperCase().replace(/[^A-Z0-9]/g, '');
      res.end(
        JSON.stringify({
          roleCredentials: {
            accessKeyId: `AKIASSO${role}`.padEnd(20, '0'),
            secretAccessKey: 'sso-secret',
            sessionToken: 'sso-token',
            expiration: expiration.getTime(),
          },
        }),
      );
      return;
    }
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
