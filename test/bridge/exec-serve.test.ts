import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PATH, runCli } from '../helpers/cli.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

let home: TempHome;
beforeAll(async () => {
  home = await makeTempHome();
  await home.write('.aws/config', '[profile keys]\nregion = ap-south-1\n');
  await home.write(
    '.aws/credentials',
    '[keys]\naws_access_key_id = AKIAEXAMPLEEXAMPLE04\naws_secret_access_key = wJalr/EXAMPLE+KEY4\n',
  );
});
afterAll(() => home.cleanup());

/** A child that reads the endpoint exactly as an SDK would (URL + Authorization header from its environment). */
const READ_ENDPOINT = `
const r = await fetch(process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI, {
  headers: { Authorization: process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN },
});
const body = await r.json();
console.log(JSON.stringify({
  status: r.status, key: body.AccessKeyId, region: process.env.AWS_REGION,
  leaked: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'].filter((n) => n in process.env),
}));
process.exit(7);
`;

function start(args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams & { out: () => string } {
  const child = spawn(process.execPath, [CLI_PATH, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return Object.assign(child, { out: () => out });
}

async function waitFor(predicate: () => boolean, what: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out; output: ${what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('creds exec', () => {
  it('gives the command the endpoint (not the conflicting variables) and returns its exit code', async () => {
    const env = {
      ...home.env,
      AWS_ACCESS_KEY_ID: 'AKIASTALESTALESTALE0',
      AWS_SECRET_ACCESS_KEY: 'stale',
      AWS_PROFILE: 'keys',
    };
    const result = await runCli(
      ['creds', 'exec', '--profile', 'keys', '--', process.execPath, '--input-type=module', '-e', READ_ENDPOINT],
      { env },
    );
    expect(result.code).toBe(7);
    const seen = JSON.parse(result.stdout) as { status: number; key: string; region: string; leaked: string[] };
    expect(seen).toEqual({ status: 200, key: 'AKIAEXAMPLEEXAMPLE04', region: 'ap-south-1', leaked: [] });
    expect(result.stderr).toContain('removed AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE');
  });

  it('forwards SIGTERM to the command and exits with its code', async () => {
    const script = `process.on('SIGTERM', () => { console.log('child got SIGTERM'); process.exit(42); }); console.log('ready'); setInterval(() => {}, 1000);`;
    const child = start(['creds', 'exec', '--profile', 'keys', '--', process.execPath, '-e', script], home.env);
    const exited = exitOf(child);
    await waitFor(() => child.out().includes('ready'), child.out);
    child.kill('SIGTERM');
    expect(await exited).toBe(42);
    expect(child.out()).toContain('child got SIGTERM');
  });

  it('exits 127 when the command does not exist, and 1 when there are no credentials', async () => {
    const missing = await runCli(['creds', 'exec', '--profile', 'keys', '--', 'no-such-command-xyz'], {
      env: home.env,
    });
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain('command not found');
    const nocreds = await runCli(['creds', 'exec', '--profile', 'ghost', '--', 'true'], { env: home.env });
    expect(nocreds.code).toBe(1);
  });
});

describe('creds serve', () => {
  it('prints the two environment lines, serves credentials, and stops cleanly on SIGTERM', async () => {
    const child = start(['creds', 'serve', '--profile', 'keys'], home.env);
    const exited = exitOf(child);
    await waitFor(() => child.out().includes('AWS_CONTAINER_AUTHORIZATION_TOKEN='), child.out);
    const url = /AWS_CONTAINER_CREDENTIALS_FULL_URI=(\S+)/.exec(child.out())![1]!;
    const token = /AWS_CONTAINER_AUTHORIZATION_TOKEN=(\S+)/.exec(child.out())![1]!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const ok = await fetch(url, { headers: { Authorization: token } });
    expect(((await ok.json()) as { AccessKeyId: string }).AccessKeyId).toBe('AKIAEXAMPLEEXAMPLE04');
    expect((await fetch(url)).status).toBe(401);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(child.out()).toContain('endpoint stopped');
    await expect(fetch(url, { headers: { Authorization: token } })).rejects.toThrow();
  });
});
