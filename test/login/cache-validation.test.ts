import { readFile, rm, writeFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fromLogin } from '../../src/credentials/login.js';
import { CredentialSourceError } from '../../src/credentials/types.js';
import { getLoginCredentials, isLoginNotConfigured, LoginErrorReason } from '../../src/login/index.js';
import { runCli } from '../helpers/cli.js';
import { writeLoginSession, type WrittenLoginSession } from '../helpers/login-fixture.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';
import { startSigninTestServer, type SigninTestServer } from '../servers/signin-test-server.js';

let server: SigninTestServer;
let home: TempHome;
beforeAll(async () => {
  server = await startSigninTestServer();
});
afterAll(async () => server?.stop());
afterEach(async () => home?.cleanup());

async function session(): Promise<WrittenLoginSession> {
  home = await makeTempHome();
  return writeLoginSession(home.home, { profile: 'dev', region: 'us-east-1', expiresAt: Date.now() + 60_000, server });
}

type TokenDoc = Record<string, unknown> & { accessToken: Record<string, unknown> };

function edit(s: WrittenLoginSession, change: (doc: TokenDoc) => void): string {
  const doc = structuredClone(s.token) as TokenDoc;
  change(doc);
  return JSON.stringify(doc);
}

/** Each bad file: its content (from the good one), the reason and what the one-line message must say. */
const cases: Array<[string, (s: WrittenLoginSession) => string, string, RegExp]> = [
  ['empty', () => '', LoginErrorReason.cacheFileEmpty, /is empty/],
  ['whitespace only', () => ' \n', LoginErrorReason.cacheFileEmpty, /is empty/],
  ['truncated', (s) => JSON.stringify(s.token).slice(0, 100), LoginErrorReason.cacheFileTruncated, /truncated/],
  ['corrupt', () => '{"accessToken": nope}', LoginErrorReason.cacheFileCorrupt, /not valid JSON/],
  ['binary junk', () => '\u0000\u0001\u00ff', LoginErrorReason.cacheFileCorrupt, /not valid JSON/],
  ['an array', () => '[]', LoginErrorReason.cacheFileInvalid, /top level is an array/],
  [
    'missing fields',
    (s) => edit(s, (d) => (delete d.refreshToken, delete d.accessToken.sessionToken)),
    LoginErrorReason.cacheFileInvalid,
    /accessToken\.sessionToken is missing; refreshToken is missing/,
  ],
  [
    'wrong types',
    (s) => edit(s, (d) => ((d.accessToken.expiresAt = 1700000000), (d.clientId = null), (d.dpopKey = ''))),
    LoginErrorReason.cacheFileInvalid,
    /accessToken\.expiresAt is a number.*dpopKey is an empty string.*clientId is null/,
  ],
  [
    'accessToken not an object',
    (s) => edit(s, (d) => ((d as Record<string, unknown>).accessToken = 'x')),
    LoginErrorReason.cacheFileInvalid,
    /accessToken is an empty string|accessToken is a string/,
  ],
  [
    'bad date',
    (s) => edit(s, (d) => (d.accessToken.expiresAt = 'tomorrow')),
    LoginErrorReason.cacheFileInvalid,
    /expiresAt is not a date/,
  ],
  [
    'huge',
    () => `{"pad": "${'x'.repeat(300 * 1024)}"}`,
    LoginErrorReason.cacheFileTooLarge,
    /larger than a login token/,
  ],
  [
    'unusable dpopKey',
    (s) =>
      edit(
        s,
        (d) => (
          (d.dpopKey = '-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n'),
          (d.accessToken.expiresAt = '2000-01-01T00:00:00Z')
        ),
      ),
    LoginErrorReason.dpopKeyInvalid,
    /dpopKey .* not a usable EC P-256/,
  ],
];

describe('bad cache files: one clear line, a stable reason, nothing changed', () => {
  it.each(cases)('%s', async (_name, content, reason, message) => {
    const s = await session();
    const text = content(s);
    await writeFile(s.cacheFile, text);
    const before = await readFile(s.cacheFile);
    const error = (await getLoginCredentials(home.system(s.env), { profile: 'dev' }).catch(
      (e: unknown) => e,
    )) as Error & {
      reason: string;
      hint: string;
    };
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(message);
    if (reason !== LoginErrorReason.dpopKeyInvalid) expect(error.message).toContain(s.cacheFile);
    expect(error.message).not.toContain('\n');
    expect(error.hint).toContain('aws login --profile dev');
    for (const secret of [s.refreshToken, (s.token.accessToken as Record<string, string>).secretAccessKey]) {
      expect(error.message).not.toContain(secret);
    }
    expect(await readFile(s.cacheFile)).toEqual(before);
  });

  it('the CLI prints one line plus the next step and exits 1, file unchanged', async () => {
    const s = await session();
    await writeFile(s.cacheFile, JSON.stringify(s.token).slice(0, 80));
    const before = await readFile(s.cacheFile);
    const result = await runCli(['login', 'refresh', '--profile', 'dev', '--if-needed'], {
      env: { ...home.env, ...s.env },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^awsdoctor: The aws login cache file .* is truncated/);
    expect(lines[1]).toBe('  next: aws login --profile dev');
    expect(await readFile(s.cacheFile)).toEqual(before);
  });
});

describe('missing pieces', () => {
  it('a missing cache file and a missing cache directory have their own reasons', async () => {
    const s = await session();
    await rm(s.cacheFile);
    await expect(getLoginCredentials(home.system(s.env), { profile: 'dev' })).rejects.toMatchObject({
      reason: LoginErrorReason.cacheFileMissing,
    });
    await rm(home.path('.aws', 'login'), { recursive: true });
    const error = await getLoginCredentials(home.system(s.env), { profile: 'dev' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: LoginErrorReason.cacheDirectoryMissing, hint: 'aws login --profile dev' });
    const cli = await runCli(['login', 'refresh', '--profile', 'dev'], { env: { ...home.env, ...s.env } });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/cache directory .* does not exist/);
  });

  it('a profile without login_session is "not configured", distinct from a failure', async () => {
    home = await makeTempHome();
    await home.write('.aws/config', '[profile plain]\nregion = us-east-1\n');
    const error = await getLoginCredentials(home.system(), { profile: 'plain' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: LoginErrorReason.noLoginSession });
    expect(isLoginNotConfigured(error)).toBe(true);
    const cli = await runCli(['login', 'refresh', '--profile', 'plain'], { env: home.env });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/^awsdoctor: Profile plain has no login_session/);
  });

  it('a profile that does not exist has its own reason', async () => {
    home = await makeTempHome();
    await expect(getLoginCredentials(home.system(), { profile: 'ghost' })).rejects.toMatchObject({
      reason: LoginErrorReason.profileNotFound,
    });
  });

  it('the chain source fromLogin throws CredentialSourceError("login", reason) and tells not-configured from failed', async () => {
    const s = await session();
    const ok = await fromLogin(home.system(s.env), { profile: 'dev' });
    expect(ok.accessKeyId).toBe(server.issued.at(-1)?.accessKeyId); // 60 s left: refreshed
    await home.write('.aws/config', '[profile plain]\nregion = us-east-1\n');
    const notConfigured = await fromLogin(home.system(), { profile: 'plain' }).catch((e: unknown) => e);
    expect(notConfigured).toBeInstanceOf(CredentialSourceError);
    expect(notConfigured).toMatchObject({ source: 'login', reason: LoginErrorReason.noLoginSession });
    expect(isLoginNotConfigured(notConfigured)).toBe(true);
    await writeFile(s.cacheFile, '{');
    await home.write('.aws/config', `[profile dev]\nlogin_session = ${s.loginSession}\n`);
    const failed = await fromLogin(home.system(), { profile: 'dev' }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ source: 'login', reason: LoginErrorReason.cacheFileTruncated });
    expect(isLoginNotConfigured(failed)).toBe(false);
  });
});
