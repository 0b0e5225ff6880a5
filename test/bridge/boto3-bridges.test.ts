import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setupProcessProfile } from '../../src/bridge/setup-process.js';
import { CLI_PATH } from '../helpers/cli.js';
import { writeLoginSession, type WrittenLoginSession } from '../helpers/login-fixture.js';
import { startMoto, type MotoServer } from '../helpers/moto.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';
import { startSigninTestServer, type SigninTestServer } from '../servers/signin-test-server.js';

const BOTO3_CALLS = fileURLToPath(new URL('./fixtures/boto3_calls.py', import.meta.url));

interface Boto3Run {
  method?: string;
  keys: string[];
  accounts?: string[];
  error?: string;
}

/** Runs the real boto3 (no awscrt on these machines) as a child process with exactly `env`. */
function boto3(env: Record<string, string>, calls: number, pauseSeconds: number): Promise<Boto3Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [BOTO3_CALLS, String(calls), String(pauseSeconds)], { env });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(JSON.parse(out) as Boto3Run);
      } catch {
        reject(new Error(`boto3 run printed no JSON: ${out} ${err}`));
      }
    });
  });
}

let moto: MotoServer;
let signin: SigninTestServer;
let home: TempHome;
let session: WrittenLoginSession;
let pythonEnv: Record<string, string>;

beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});
beforeEach(async () => {
  // 60 s credentials: under the 5-minute threshold, so every use refreshes, and under boto3's 10-minute mandatory
  // window, so boto3 asks its source again before every call: each call crosses a refresh.
  signin = await startSigninTestServer({ expiresIn: 60 });
  home = await makeTempHome();
  session = await writeLoginSession(home.home, {
    profile: 'dev',
    region: 'us-east-1',
    expiresAt: Date.now() + 2 * 60 * 1000,
    server: signin,
  });
  pythonEnv = { ...home.env, ...moto.env, ...session.env };
});
afterEach(async () => {
  await signin?.stop();
  await home?.cleanup();
});

describe('boto3 without awscrt, on a login-session profile', () => {
  it('fails with the plain login_session profile', async () => {
    const run = await boto3({ ...pythonEnv, AWS_PROFILE: 'dev' }, 1, 0);
    expect(run.error).toMatch(/MissingDependencyException: .*botocore\[crt\]/);
  });

  it('works through credential_process (the profile setup-process writes), across refreshes', async () => {
    await setupProcessProfile(home.system(), { profile: 'dev' });
    const run = await boto3({ ...pythonEnv, AWS_PROFILE: 'dev-process' }, 2, 0);
    expect(run.error).toBeUndefined();
    expect(run.method).toBe('custom-process');
    expect(run.accounts).toEqual(['123456789012', '123456789012']);
    // Each call was signed with freshly refreshed credentials minted by the sign-in server.
    expect(new Set(run.keys).size).toBe(2);
    const minted = signin.issued.map((c) => c.accessKeyId);
    for (const key of run.keys) expect(minted).toContain(key);
    expect(signin.rejections).toEqual([]);
  });

  it('credential_process answers a fresh cache without refreshing (the fast path)', async () => {
    await writeLoginSession(home.home, {
      profile: 'fresh',
      region: 'us-east-1',
      expiresAt: Date.now() + 60 * 60 * 1000,
      server: signin,
      refreshToken: 'rt-fresh-session',
    });
    await setupProcessProfile(home.system(), { profile: 'fresh' });
    const run = await boto3({ ...pythonEnv, AWS_PROFILE: 'fresh-process' }, 2, 0);
    expect(run.error).toBeUndefined();
    expect(run.keys).toEqual([run.keys[0], run.keys[0]]);
    expect(run.keys[0]).toMatch(/^ASIA/);
    expect(signin.exchanges).toBe(0);
  });

  describe('through creds serve', () => {
    let server: ChildProcessWithoutNullStreams | undefined;
    afterEach(async () => {
      if (server && server.exitCode === null) {
        const exited = new Promise((r) => server!.once('exit', r));
        server.kill('SIGTERM');
        await exited;
      }
    });

    async function serve(): Promise<{ url: string; token: string }> {
      server = spawn(process.execPath, [CLI_PATH, 'creds', 'serve', '--profile', 'dev'], {
        env: { ...home.env, ...session.env },
      });
      let out = '';
      server.stdout.on('data', (c: Buffer) => (out += c.toString()));
      server.stderr.on('data', (c: Buffer) => (out += c.toString()));
      const deadline = Date.now() + 20_000;
      while (!/AWS_CONTAINER_AUTHORIZATION_TOKEN=\S+\n/.test(out)) {
        if (Date.now() > deadline || server.exitCode !== null) throw new Error(`creds serve did not start: ${out}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return {
        url: /AWS_CONTAINER_CREDENTIALS_FULL_URI=(\S+)/.exec(out)![1]!,
        token: /AWS_CONTAINER_AUTHORIZATION_TOKEN=(\S+)/.exec(out)![1]!,
      };
    }

    it('boto3 reads the endpoint through the two variables, across refreshes, without an error', async () => {
      const { url, token } = await serve();
      const run = await boto3(
        { ...pythonEnv, AWS_CONTAINER_CREDENTIALS_FULL_URI: url, AWS_CONTAINER_AUTHORIZATION_TOKEN: token },
        3,
        // Past the endpoint's 1 s burst window, so each of boto3's refreshes reaches the login engine.
        1.2,
      );
      expect(run.error).toBeUndefined();
      expect(run.method).toBe('container-role');
      expect(run.accounts).toHaveLength(3);
      expect(new Set(run.keys).size).toBe(3);
      expect(signin.rejections).toEqual([]);
    });

    it('N concurrent requests get valid credentials with at most one refresh', async () => {
      const { url, token } = await serve();
      await new Promise((r) => setTimeout(r, 1100));
      const before = signin.exchanges;
      const bodies = await Promise.all(
        Array.from({ length: 12 }, async () => {
          const reply = await fetch(url, { headers: { Authorization: token } });
          expect(reply.status).toBe(200);
          return (await reply.json()) as { AccessKeyId: string; Expiration: string };
        }),
      );
      // The cached credentials are inside the refresh margin: exactly one refresh, shared by all twelve requests.
      expect(signin.exchanges - before).toBe(1);
      expect(new Set(bodies.map((b) => b.AccessKeyId)).size).toBe(1);
      for (const body of bodies) expect(Date.parse(body.Expiration)).toBeGreaterThan(Date.now());
      expect(signin.rejections).toEqual([]);
    });
  });
});
