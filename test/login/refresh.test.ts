import { readFile, stat } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getLoginCredentials, LoginErrorReason } from '../../src/login/index.js';
import { startSigninTestServer, type SigninTestServer } from '../servers/signin-test-server.js';
import { writeLoginSession } from '../helpers/login-fixture.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';
import { runCli } from '../helpers/cli.js';

let server: SigninTestServer;
let home: TempHome;
beforeAll(async () => {
  server = await startSigninTestServer({ expiresIn: 900 });
});
afterAll(async () => server?.stop());
afterEach(async () => {
  server.failWith(undefined);
  await home?.cleanup();
});

const inMinutes = (m: number) => Date.now() + m * 60_000;

function systemWithWarnings(env: Record<string, string> = {}) {
  const warnings: string[] = [];
  const base = home.system(env);
  return { system: { ...base, warn: (m: string) => warnings.push(m) }, warnings };
}

describe('getLoginCredentials', () => {
  it('returns the cached credentials untouched while more than 5 minutes remain', async () => {
    home = await makeTempHome();
    const s = await writeLoginSession(home.home, {
      profile: 'dev',
      region: 'us-east-1',
      expiresAt: inMinutes(10),
      server,
    });
    const before = await readFile(s.cacheFile);
    const exchanges = server.exchanges;
    const result = await getLoginCredentials(home.system(s.env), { profile: 'dev' });
    expect(result.refreshed).toBe(false);
    expect(result.credentials.accessKeyId).toBe(s.accessKeyId);
    expect(result.credentials.accountId).toBe('123456789012');
    expect(result.cacheFile).toBe(s.cacheFile);
    expect(server.exchanges).toBe(exchanges);
    expect(await readFile(s.cacheFile)).toEqual(before);
  });

  it('refreshes within 5 minutes of expiry and writes the file back as the AWS CLI does, unknown fields kept, 0600', async () => {
    home = await makeTempHome();
    const s = await writeLoginSession(home.home, {
      profile: 'dev',
      region: 'eu-west-1',
      expiresAt: inMinutes(4),
      server,
      extraFields: { futureField: { nested: ['é', 1] } },
    });
    const exchanges = server.exchanges;
    const result = await getLoginCredentials(home.system(s.env), { profile: 'dev' });
    expect(result.refreshed).toBe(true);
    expect(server.exchanges).toBe(exchanges + 1);
    const minted = server.issued.at(-1)!;
    expect(result.credentials.accessKeyId).toBe(minted.accessKeyId);
    const text = await readFile(s.cacheFile, 'utf8');
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(doc.refreshToken).toBe(minted.refreshToken);
    expect(doc.accessToken).toEqual({
      accessKeyId: minted.accessKeyId,
      secretAccessKey: minted.secretAccessKey,
      sessionToken: minted.sessionToken,
      accountId: '123456789012',
      expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    expect(Object.keys(doc)).toEqual(Object.keys(s.token));
    expect(doc.futureField).toEqual({ nested: ['é', 1] });
    expect(doc.dpopKey).toBe(s.dpopKey);
    expect(text).toContain('"futureField": {"nested": ["\\u00e9", 1]}');
    expect((await stat(s.cacheFile)).mode & 0o777).toBe(0o600);
    // The new refresh token is the live one; the old one is spent.
    expect(server.isActive(minted.refreshToken)).toBe(true);
    expect(server.isActive(s.refreshToken)).toBe(false);
    // Next call: fresh, no exchange.
    const again = await getLoginCredentials(home.system(s.env), { profile: 'dev' });
    expect(again).toMatchObject({ refreshed: false, credentials: { accessKeyId: minted.accessKeyId } });
    expect(server.exchanges).toBe(exchanges + 1);
  });

  it('refreshes expired credentials too (the refresh token outlives them)', async () => {
    home = await makeTempHome();
    const s = await writeLoginSession(home.home, {
      profile: 'default',
      region: 'us-east-1',
      expiresAt: inMinutes(-60),
      server,
    });
    const result = await getLoginCredentials(home.system(s.env));
    expect(result.refreshed).toBe(true);
    expect(result.credentials.expiration!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
  });

  it('uses AWS_PROFILE when no profile is given', async () => {
    home = await makeTempHome();
    const s = await writeLoginSession(home.home, {
      profile: 'work',
      region: 'us-east-1',
      expiresAt: inMinutes(30),
      server,
    });
    const result = await getLoginCredentials(home.system({ ...s.env, AWS_PROFILE: 'work' }));
    expect(result.profile).toBe('work');
    expect(result.credentials.accessKeyId).toBe(s.accessKeyId);
  });

  it.each([
    ['TOKEN_EXPIRED', LoginErrorReason.tokenExpired, /expired; sign in again/],
    ['USER_CREDENTIALS_CHANGED', LoginErrorReason.userCredentialsChanged, /password .* changed/],
    ['INSUFFICIENT_PERMISSIONS', LoginErrorReason.insufficientPermissions, /signin:CreateOAuth2Token/],
  ] as const)(
    'maps %s to its own reason, message and next step, leaving the file unchanged',
    async (mode, reason, message) => {
      home = await makeTempHome();
      const s = await writeLoginSession(home.home, {
        profile: 'dev',
        region: 'us-east-1',
        expiresAt: inMinutes(1),
        server,
      });
      const before = await readFile(s.cacheFile);
      server.failWith(mode);
      const error = await getLoginCredentials(home.system(s.env), { profile: 'dev' }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        reason,
        message: expect.stringMatching(message),
        hint: expect.stringContaining('aws login --profile dev'),
      });
      expect(String((error as Error).message)).not.toContain('\n');
      expect(await readFile(s.cacheFile)).toEqual(before);
    },
  );

  it('a superseded refresh token (someone else rotated it) gives token-expired', async () => {
    home = await makeTempHome();
    const s = await writeLoginSession(home.home, {
      profile: 'dev',
      region: 'us-east-1',
      expiresAt: inMinutes(1),
      server,
    });
    const copy = await readFile(s.cacheFile);
    await getLoginCredentials(home.system(s.env), { profile: 'dev' });
    await home.write(s.cacheFile.slice(home.home.length + 1), copy.toString());
    await expect(getLoginCredentials(home.system(s.env), { profile: 'dev' })).rejects.toMatchObject({
      reason: LoginErrorReason.tokenExpired,
    });
  });

  it('uses still-valid credentials with a warning when the sign-in service is unreachable', async () => {
    home = await makeTempHome();
    const s = await writeLoginSession(home.home, {
      profile: 'dev',
      region: 'us-east-1',
      expiresAt: inMinutes(3),
      server,
    });
    const before = await readFile(s.cacheFile);
    server.failWith('down');
    const { system, warnings } = systemWithWarnings(s.env);
    const result = await getLoginCredentials(system, { profile: 'dev' });
    expect(result).toMatchObject({ refreshed: false, credentials: { accessKeyId: s.accessKeyId } });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/could not refresh .* using the cached credentials/);
    expect(warnings[0]).not.toContain(String((s.token.accessToken as Record<string, string>).secretAccessKey));
    expect(await readFile(s.cacheFile)).toEqual(before);
  });

  it('fails with refresh-failed when unreachable and the credentials have expired', async () => {
    home = await makeTempHome();
    const s = await writeLoginSession(home.home, {
      profile: 'dev',
      region: 'us-east-1',
      expiresAt: inMinutes(-1),
      server,
    });
    server.failWith('down');
    await expect(getLoginCredentials(home.system(s.env), { profile: 'dev' })).rejects.toMatchObject({
      reason: LoginErrorReason.refreshFailed,
    });
  });

  it('takes the region from signInRegion, then the profile, then AWS_REGION; says when there is none', async () => {
    home = await makeTempHome();
    const s = await writeLoginSession(home.home, { profile: 'dev', expiresAt: inMinutes(1), server });
    await expect(getLoginCredentials(home.system(s.env), { profile: 'dev' })).rejects.toMatchObject({
      reason: LoginErrorReason.regionMissing,
    });
    expect(
      (await getLoginCredentials(home.system({ ...s.env, AWS_REGION: 'us-west-2' }), { profile: 'dev' })).refreshed,
    ).toBe(true);
    const t = await writeLoginSession(home.home, {
      profile: 'other',
      signInRegion: 'eu-central-1',
      expiresAt: inMinutes(1),
      server,
    });
    expect((await getLoginCredentials(home.system(t.env), { profile: 'other' })).refreshed).toBe(true);
  });

  it('takes the endpoint from the signinEndpoint option over AWS_ENDPOINT_URL_SIGNIN', async () => {
    home = await makeTempHome();
    await writeLoginSession(home.home, {
      profile: 'dev',
      region: 'us-east-1',
      expiresAt: inMinutes(1),
      server,
    });
    const system = home.system({ AWS_ENDPOINT_URL_SIGNIN: 'http://127.0.0.1:9' });
    const result = await getLoginCredentials(system, { profile: 'dev', signinEndpoint: server.endpoint });
    expect(result.refreshed).toBe(true);
  });

  it('forceRefresh refreshes fresh credentials', async () => {
    home = await makeTempHome();
    const s = await writeLoginSession(home.home, {
      profile: 'dev',
      region: 'us-east-1',
      expiresAt: inMinutes(60),
      server,
    });
    const result = await getLoginCredentials(home.system(s.env), { profile: 'dev', forceRefresh: true });
    expect(result.refreshed).toBe(true);
    expect(result.credentials.accessKeyId).not.toBe(s.accessKeyId);
  });

  it('shares one refresh between concurrent callers in the same process', async () => {
    home = await makeTempHome();
    const s = await writeLoginSession(home.home, {
      profile: 'dev',
      region: 'us-east-1',
      expiresAt: inMinutes(1),
      server,
    });
    const exchanges = server.exchanges;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => getLoginCredentials(home.system(s.env), { profile: 'dev' })),
    );
    expect(server.exchanges).toBe(exchanges + 1);
    expect(new Set(results.map((r) => r.credentials.accessKeyId)).size).toBe(1);
  });
});

describe('awsdoctor login refresh', () => {
  it('refreshes, prints the masked key id and new expiry (never a secret), and --json says the same', async () => {
    home = await makeTempHome();
    const s = await writeLoginSession(home.home, {
      profile: 'dev',
      region: 'us-east-1',
      expiresAt: inMinutes(60),
      server,
    });
    const human = await runCli(['login', 'refresh', '--profile', 'dev'], { env: { ...home.env, ...s.env } });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stderr).toBe(''); // no SDK notices either
    const minted = server.issued.at(-1)!;
    expect(human.stdout).toMatch(
      /^Refreshed the aws login session of profile dev: ASIA…\w{4}, account 123456789012, expires /,
    );
    expect(human.stdout).toContain(`${minted.accessKeyId.slice(0, 4)}…${minted.accessKeyId.slice(-4)}`);
    for (const secret of [minted.accessKeyId, minted.secretAccessKey, minted.sessionToken, minted.refreshToken]) {
      expect(human.stdout + human.stderr).not.toContain(secret);
    }
    const json = await runCli(['login', 'refresh', '--profile', 'dev', '--if-needed', '--json'], {
      env: { ...home.env, ...s.env },
    });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      profile: 'dev',
      refreshed: false,
      source: 'cache',
      accountId: '123456789012',
    });
  });

  it('exits 1 when asked to refresh and the service is down (the cached credentials are kept, with a warning)', async () => {
    home = await makeTempHome();
    const s = await writeLoginSession(home.home, {
      profile: 'dev',
      region: 'us-east-1',
      expiresAt: inMinutes(60),
      server,
    });
    server.failWith('down');
    const result = await runCli(['login', 'refresh', '--profile', 'dev'], { env: { ...home.env, ...s.env } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^awsdoctor: warning: could not refresh/);
    expect(result.stdout).toMatch(
      /^Could not refresh the aws login session of profile dev; the cached credentials still work/,
    );
  });
});
