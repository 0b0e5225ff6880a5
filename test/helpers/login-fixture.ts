import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { appendFile, chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jwkThumbprint, loadDpopPrivateKey, publicJwk } from '../../src/login/dpop.js';
import { pythonJsonDumps } from '../../src/login/python-json.js';
import type { SigninTestServer } from '../servers/signin-test-server.js';

/** The client id `aws login` uses on a machine with a browser. */
export const SAME_DEVICE_CLIENT_ID = 'arn:aws:signin:::devtools/same-device';

export interface LoginSessionFixture {
  /** Profile name: written as `[profile P]` (or `[default]`). */
  profile: string;
  /** The `login_session` value; default `arn:aws:iam::<accountId>:user/<profile>`. */
  loginSession?: string;
  region?: string;
  /** When the cached credentials expire (Date, ms since the epoch, or the string to write verbatim). */
  expiresAt: Date | number | string;
  /** Default: a fresh random token. */
  refreshToken?: string;
  accountId?: string;
  clientId?: string;
  /** Registers the refresh token with this test server, bound to the generated DPoP key. */
  server?: SigninTestServer;
  /** Given back in `env` as AWS_ENDPOINT_URL_SIGNIN (default: `server.endpoint`). */
  signinEndpoint?: string;
  /** Written into the token as `signInRegion` (the JS SDK prefers it to the profile's region). */
  signInRegion?: string;
  /** Extra top-level fields to write into the cache file (to check they are preserved). */
  extraFields?: Record<string, unknown>;
  /** Skip writing the profile into the config file. */
  skipConfig?: boolean;
  /** Defaults: `<home>/.aws/config` and `<home>/.aws/login/cache`. */
  configFile?: string;
  cacheDirectory?: string;
}

export interface WrittenLoginSession {
  readonly profile: string;
  readonly loginSession: string;
  readonly cacheFile: string;
  readonly configFile: string;
  readonly refreshToken: string;
  readonly accessKeyId: string;
  readonly accountId: string;
  /** The SEC1 PEM written as `dpopKey`. */
  readonly dpopKey: string;
  /** The token object written (as `aws login` writes it). */
  readonly token: Record<string, unknown>;
  /** Variables pointing SDKs at the test server (AWS_ENDPOINT_URL_SIGNIN), if any. */
  readonly env: Record<string, string>;
}

/** `%Y-%m-%dT%H:%M:%SZ`, the expiry format `aws login` and botocore write. */
export function botocoreTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Sets up an `aws login` session in a temporary HOME exactly as the AWS CLI leaves it: a profile with `login_session`
 * (and `region`) in the config file, and `<cache>/<sha256(login_session)>.json` holding the token in the CLI's own
 * layout and serialization, with a real EC P-256 DPoP key as SEC1 PEM. Registers the refresh token with `server`.
 */
export async function writeLoginSession(home: string, fixture: LoginSessionFixture): Promise<WrittenLoginSession> {
  const accountId = fixture.accountId ?? '123456789012';
  const loginSession = fixture.loginSession ?? `arn:aws:iam::${accountId}:user/${fixture.profile}`;
  const refreshToken = fixture.refreshToken ?? `rt-${randomUUID()}`;
  const clientId = fixture.clientId ?? SAME_DEVICE_CLIENT_ID;
  const configFile = fixture.configFile ?? join(home, '.aws', 'config');
  const cacheDirectory = fixture.cacheDirectory ?? join(home, '.aws', 'login', 'cache');

  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const dpopKey = privateKey.export({ format: 'pem', type: 'sec1' }).toString();
  const expiresAt =
    typeof fixture.expiresAt === 'string'
      ? fixture.expiresAt
      : botocoreTimestamp(fixture.expiresAt instanceof Date ? fixture.expiresAt.getTime() : fixture.expiresAt);
  const accessKeyId = `ASIA${createHash('sha256').update(refreshToken).digest('hex').slice(0, 16).toUpperCase()}`;
  const token: Record<string, unknown> = {
    accessToken: {
      accessKeyId,
      secretAccessKey: createHash('sha256').update(`secret:${refreshToken}`).digest('base64').slice(0, 40),
      sessionToken: `IQoJb3JpZ2luX2VjE${createHash('sha256').update(`session:${refreshToken}`).digest('base64')}`,
      accountId,
      expiresAt,
    },
    tokenType: 'aws_sigv4',
    clientId,
    refreshToken,
    idToken: fakeIdToken(loginSession),
    dpopKey,
    ...(fixture.signInRegion ? { signInRegion: fixture.signInRegion } : {}),
    ...(fixture.extraFields ?? {}),
  };

  const cacheFile = join(cacheDirectory, `${createHash('sha256').update(loginSession, 'utf8').digest('hex')}.json`);
  await mkdir(cacheDirectory, { recursive: true, mode: 0o700 });
  await writeFile(cacheFile, pythonJsonDumps(token));
  await chmod(cacheFile, 0o600);

  if (!fixture.skipConfig) {
    const header = fixture.profile === 'default' ? '[default]' : `[profile ${fixture.profile}]`;
    const lines = [header, `login_session = ${loginSession}`];
    if (fixture.region) lines.push(`region = ${fixture.region}`);
    await mkdir(join(configFile, '..'), { recursive: true });
    await appendFile(configFile, `${lines.join('\n')}\n`);
  }

  fixture.server?.registerRefreshToken(refreshToken, {
    clientId,
    jwkThumbprint: jwkThumbprint(publicJwk(loadDpopPrivateKey(dpopKey))),
  });
  const endpoint = fixture.signinEndpoint ?? fixture.server?.endpoint;
  return {
    profile: fixture.profile,
    loginSession,
    cacheFile,
    configFile,
    refreshToken,
    accessKeyId,
    accountId,
    dpopKey,
    token,
    env: endpoint ? { AWS_ENDPOINT_URL_SIGNIN: endpoint } : {},
  };
}

/** An unsigned id token whose `sub` is the login session, shaped like the one `aws login` stores (never verified). */
function fakeIdToken(subject: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'ES384', typ: 'JWT' })}.${part({ sub: subject, iss: 'https://signin.aws.amazon.com' })}.c2ln`;
}
