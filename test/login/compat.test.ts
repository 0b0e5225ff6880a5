import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { fromLoginCredentials } from '@aws-sdk/credential-provider-login';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getLoginCredentials } from '../../src/login/index.js';
import { pythonJsonDumps } from '../../src/login/python-json.js';
import { writeLoginSession } from '../helpers/login-fixture.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';
import { startSigninTestServer, type SigninTestServer } from '../servers/signin-test-server.js';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../fixtures/botocore_login.py', import.meta.url));

let server: SigninTestServer;
let home: TempHome;
beforeAll(async () => {
  // Below botocore's and the SDK's 5-minute threshold: every reader refreshes, so each writes the file in turn.
  server = await startSigninTestServer({ expiresIn: 120 });
});
afterAll(async () => server?.stop());
afterEach(async () => home?.cleanup());

interface BotocoreOutput {
  token?: unknown;
  access_key?: string;
  expiry_time?: string;
  account_id?: string;
  method?: string;
  saved?: boolean;
}

async function botocore(args: string[], env: Record<string, string>): Promise<BotocoreOutput> {
  const { stdout } = await run('python3', [SCRIPT, ...args], { env: { ...env, PATH: process.env.PATH ?? '' } });
  return JSON.parse(stdout) as BotocoreOutput;
}

describe('one cache file shared with botocore and the JS SDK', () => {
  it('a file we refreshed is read by botocore, and botocore re-saves it to the identical bytes', async () => {
    home = await makeTempHome();
    const s = await writeLoginSession(home.home, {
      profile: 'dev',
      region: 'us-east-1',
      expiresAt: Date.now() + 60_000,
      server,
    });
    const ours = await getLoginCredentials(home.system(s.env), { profile: 'dev' });
    expect(ours.refreshed).toBe(true);
    const cacheDir = dirname(s.cacheFile);
    const loaded = await botocore(['load', cacheDir, s.loginSession], home.env);
    expect(loaded.access_key).toBe(ours.credentials.accessKeyId);
    expect(loaded.account_id).toBe('123456789012');
    expect(new Date(loaded.expiry_time as string).getTime()).toBe(ours.credentials.expiration!.getTime());
    const out = await mkdtemp(join(tmpdir(), 'awsdoctor-resave-'));
    try {
      expect(await botocore(['resave', cacheDir, s.loginSession, out], home.env)).toEqual({ saved: true });
      const resaved = await readFile(join(out, basename(s.cacheFile)));
      expect(resaved.toString('utf8')).toBe((await readFile(s.cacheFile)).toString('utf8'));
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('the initial file in the AWS CLI layout is what botocore itself would write (fixture faithfulness)', async () => {
    home = await makeTempHome();
    const s = await writeLoginSession(home.home, {
      profile: 'dev',
      region: 'us-east-1',
      expiresAt: Date.now() + 3_600_000,
    });
    const text = await readFile(s.cacheFile, 'utf8');
    expect(text).toBe(pythonJsonDumps(s.token));
    const loaded = await botocore(['load', dirname(s.cacheFile), s.loginSession], home.env);
    expect(loaded.token).toEqual(s.token);
  });

  it('botocore refreshes a file we wrote (its own signin client and DPoP against the test server); we then use its file', async () => {
    home = await makeTempHome();
    const s = await writeLoginSession(home.home, {
      profile: 'dev',
      region: 'us-east-1',
      expiresAt: Date.now() + 60_000,
      server,
    });
    const first = await getLoginCredentials(home.system(s.env), { profile: 'dev' });
    expect(first.refreshed).toBe(true);
    const exchanges = server.exchanges;
    const rejections = server.rejections.length;
    const boto = await botocore(['refresh', 'dev'], { ...home.env, ...s.env });
    expect(boto.method).toBe('login');
    expect(server.exchanges).toBe(exchanges + 1);
    expect(boto.access_key).toBe(server.issued.at(-1)!.accessKeyId);
    const written = await readFile(s.cacheFile, 'utf8');
    expect(written).toBe(pythonJsonDumps(JSON.parse(written)));
    // botocore's file (and its rotated refresh token) works for us.
    const next = await getLoginCredentials(home.system(s.env), { profile: 'dev' });
    expect(next.refreshed).toBe(true);
    expect(server.exchanges).toBe(exchanges + 2);
    expect(server.rejections.slice(rejections)).toEqual([]);
  });

  it("the JS SDK's own fromLoginCredentials reads and refreshes our file, and we use what it wrote", async () => {
    home = await makeTempHome();
    const s = await writeLoginSession(home.home, {
      profile: 'dev',
      region: 'us-east-1',
      expiresAt: Date.now() + 60_000,
      server,
    });
    await getLoginCredentials(home.system(s.env), { profile: 'dev' });
    const exchanges = server.exchanges;
    const saved = process.env.AWS_LOGIN_CACHE_DIRECTORY;
    process.env.AWS_LOGIN_CACHE_DIRECTORY = dirname(s.cacheFile); // the SDK reads it from process.env
    try {
      const provider = fromLoginCredentials({
        profile: 'dev',
        configFilepath: home.path('.aws', 'config'),
        filepath: home.path('.aws', 'credentials'),
        clientConfig: { endpoint: server.endpoint, region: 'us-east-1' },
      });
      const sdk = await provider();
      expect(server.exchanges).toBe(exchanges + 1);
      expect(sdk.accessKeyId).toBe(server.issued.at(-1)!.accessKeyId);
      expect(sdk.accountId).toBe('123456789012');
    } finally {
      if (saved === undefined) delete process.env.AWS_LOGIN_CACHE_DIRECTORY;
      else process.env.AWS_LOGIN_CACHE_DIRECTORY = saved;
    }
    const next = await getLoginCredentials(home.system(s.env), { profile: 'dev' });
    expect(next.refreshed).toBe(true);
    expect(server.exchanges).toBe(exchanges + 2);
    // And botocore reads the file as we left it.
    const loaded = await botocore(['load', dirname(s.cacheFile), s.loginSession], home.env);
    expect(loaded.access_key).toBe(next.credentials.accessKeyId);
  });
});
