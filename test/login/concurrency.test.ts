import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getLoginCredentials } from '../../src/login/index.js';
import { runCli } from '../helpers/cli.js';
import { writeLoginSession } from '../helpers/login-fixture.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';
import { startSigninTestServer, type SigninTestServer } from '../servers/signin-test-server.js';

const CHILD = fileURLToPath(new URL('../fixtures/login-child.js', import.meta.url));
const HOLDER = fileURLToPath(new URL('../fixtures/login-lock-holder.js', import.meta.url));

let server: SigninTestServer;
let home: TempHome;
beforeAll(async () => {
  // A slow answer widens the window in which the other processes find the lock taken.
  server = await startSigninTestServer({ expiresIn: 900, responseDelayMs: 300 });
});
afterAll(async () => server?.stop());
afterEach(async () => home?.cleanup());

interface Child {
  /** Resolves when the child has loaded the library and waits for the start signal. */
  ready: Promise<void>;
  go(): void;
  done: Promise<{ code: number; stdout: string; stderr: string }>;
}

/** Starts a library child that waits for `go()` before asking for credentials. */
function startChild(env: Record<string, string>): Child {
  const child = spawn(process.execPath, [CHILD], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
    if (stderr.includes('ready')) markReady();
  });
  const done = new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      markReady();
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
  return { ready, go: () => child.stdin.end('go\n'), done };
}

describe('many processes, one expiring session', () => {
  it('10 processes at once (8 library, 2 CLI): exactly one token exchange, all get valid credentials', async () => {
    home = await makeTempHome();
    const s = await writeLoginSession(home.home, {
      profile: 'nb',
      region: 'us-east-1',
      expiresAt: Date.now() + 30_000,
      server,
    });
    const exchanges = server.exchanges;
    const env = { ...home.env, ...s.env, PROFILE: 'nb' };
    const children = Array.from({ length: 8 }, () => startChild(env));
    await Promise.all(children.map((c) => c.ready));
    const cliRuns = Array.from({ length: 2 }, () =>
      runCli(['login', 'refresh', '--profile', 'nb', '--if-needed', '--json'], { env }),
    );
    for (const c of children) c.go();
    const results = await Promise.all([...children.map((c) => c.done), ...cliRuns]);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    expect(server.exchanges).toBe(exchanges + 1);
    expect(server.rejections).toEqual([]);
    const minted = server.issued.at(-1)!;
    const library = results
      .slice(0, 8)
      .map((r) => JSON.parse(r.stdout) as { accessKeyId: string; refreshed: boolean; source: string });
    // Proof that they really raced: some found the lock taken, waited, and used the other process's refresh.
    const sources = library.map((r) => r.source);
    expect(sources.filter((x) => x === 'other-process').length).toBeGreaterThan(0);
    expect(library.map((r) => r.accessKeyId)).toEqual(Array(8).fill(minted.accessKeyId));
    const cli = results.slice(8).map((r) => JSON.parse(r.stdout) as { accessKeyId: string; refreshed: boolean });
    expect(cli.map((r) => r.accessKeyId)).toEqual(
      Array(2).fill(`${minted.accessKeyId.slice(0, 4)}…${minted.accessKeyId.slice(-4)}`),
    );
    expect([...library, ...cli].filter((r) => r.refreshed)).toHaveLength(1);
    const doc = JSON.parse(await readFile(s.cacheFile, 'utf8')) as {
      refreshToken: string;
      accessToken: { accessKeyId: string };
    };
    expect(doc.refreshToken).toBe(minted.refreshToken);
    expect(doc.accessToken.accessKeyId).toBe(minted.accessKeyId);
    await expect(stat(`${s.cacheFile}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a lock left by a killed holder does not block: it is taken over once stale', async () => {
    home = await makeTempHome();
    const s = await writeLoginSession(home.home, {
      profile: 'dev',
      region: 'us-east-1',
      expiresAt: Date.now() + 30_000,
      server,
    });
    const holder = spawn(process.execPath, [HOLDER], {
      env: { ...home.env, CACHE_FILE: s.cacheFile, LOCK_STALE_MS: '2000' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (c: Buffer) => c.toString().includes('locked') && resolve());
      holder.on('exit', (code) => reject(new Error(`holder exited early (${code})`)));
    });
    expect((await stat(`${s.cacheFile}.lock`)).isDirectory()).toBe(true);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('close', resolve));
    expect((await stat(`${s.cacheFile}.lock`)).isDirectory()).toBe(true); // SIGKILL leaves the lock behind
    const exchanges = server.exchanges;
    const result = await getLoginCredentials(home.system(s.env), {
      profile: 'dev',
      lock: { staleMs: 2000, waitMs: 20_000 },
    });
    expect(result.refreshed).toBe(true);
    expect(server.exchanges).toBe(exchanges + 1);
  });

  it('a live holder that never finishes: valid credentials are used with a warning, expired ones give lock-timeout', async () => {
    home = await makeTempHome();
    const s = await writeLoginSession(home.home, {
      profile: 'dev',
      region: 'us-east-1',
      expiresAt: Date.now() + 60_000,
      server,
    });
    const holder = spawn(process.execPath, [HOLDER], {
      env: { ...home.env, CACHE_FILE: s.cacheFile, LOCK_STALE_MS: '10000' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (c: Buffer) => c.toString().includes('locked') && resolve());
        holder.on('exit', (code) => reject(new Error(`holder exited early (${code})`)));
      });
      const warnings: string[] = [];
      const system = { ...home.system(s.env), warn: (m: string) => warnings.push(m) };
      const exchanges = server.exchanges;
      const lock = { staleMs: 10_000, waitMs: 1000 };
      const result = await getLoginCredentials(system, { profile: 'dev', lock });
      expect(result).toMatchObject({ source: 'fallback', credentials: { accessKeyId: s.accessKeyId } });
      expect(warnings).toEqual([expect.stringMatching(/could not take the aws login refresh lock/)]);
      const later = { ...system, now: () => Date.now() + 120_000 };
      await expect(getLoginCredentials(later, { profile: 'dev', lock })).rejects.toMatchObject({
        reason: 'login.lock-timeout',
      });
      expect(server.exchanges).toBe(exchanges);
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
