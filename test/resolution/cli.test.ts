import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { startMoto, type MotoServer } from '../helpers/moto.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

const ENV_KEYS = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

/** The CLI in this process (same code path as bin/awsdoctor.cjs, without a Node start-up per call). */
async function runInProcess(args: string[], options: { env: Record<string, string> }): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    env: options.env,
    stdout: { write: (t) => void (stdout += t), isTTY: false },
    stderr: { write: (t) => void (stderr += t), isTTY: false },
  });
  return { code, stdout, stderr };
}

let moto: MotoServer;
const homes: TempHome[] = [];
async function home(): Promise<TempHome> {
  const h = await makeTempHome();
  homes.push(h);
  return h;
}
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await Promise.all([moto?.stop(), ...homes.map((h) => h.cleanup())]);
});

describe('awsdoctor creds resolve', () => {
  it('prints the issue JSON shape and exits 0 when credentials resolve, with no secret', async () => {
    const h = await home();
    const r = await runCli(['creds', 'resolve', '--json'], { env: { ...h.env, ...ENV_KEYS } });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['ok', 'sdk', 'profile', 'source', 'accessKeyId', 'expiresAt', 'trace']);
    expect(doc).toMatchObject({
      ok: true,
      sdk: 'boto3',
      profile: 'default',
      source: 'env',
      accessKeyId: ENV_KEYS.AWS_ACCESS_KEY_ID,
      expiresAt: null,
    });
    expect(doc.trace[0]).toEqual({
      source: 'env',
      status: 'used',
      reason: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set',
    });
    expect(r.stdout + r.stderr).not.toContain(ENV_KEYS.AWS_SECRET_ACCESS_KEY);
  });

  it('exits 1 with the botocore exception class when nothing resolves', async () => {
    const h = await home();
    const r = await runInProcess(['creds', 'resolve', '--json'], { env: h.env });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      ok: false,
      source: null,
      error: { code: 'NoCredentialsError', message: 'Unable to locate credentials' },
    });
    expect(doc.trace).toHaveLength(10);
  });

  it('human output masks the key id', async () => {
    const h = await home();
    const r = await runInProcess(['creds', 'resolve', '--sdk', 'node'], { env: { ...h.env, ...ENV_KEYS } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('node: profile default → env AKIA…MPLE');
    expect(r.stdout).not.toContain(ENV_KEYS.AWS_ACCESS_KEY_ID);
  });

  it('a --python that does not exist is bad usage (exit 2)', async () => {
    const h = await home();
    const r = await runInProcess(['creds', 'resolve', '--python', h.path('no-such-python')], { env: h.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no such interpreter');
    expect(r.stdout).toBe('');
  });

  it('rejects an unknown --sdk with exit 2 and a next step', async () => {
    const h = await home();
    const r = await runInProcess(['creds', 'resolve', '--sdk', 'ruby'], { env: h.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown --sdk ruby');
    expect(r.stderr).toContain('next:');
  });
});

describe('awsdoctor doctor', () => {
  it('on a machine with no ~/.aws at all: a useful report, exit 1, no stack trace', async () => {
    const h = await home();
    const r = await runCli(['doctor'], { env: h.env });
    expect(r.code).toBe(1);
    for (const section of [
      '1. Environment',
      '2. Files',
      '3. Profiles',
      '4. Chain walk',
      '5. Result',
      '6. Login cache',
      '8. Works in my terminal',
      'Fixes, most likely first',
    ]) {
      expect(r.stdout).toContain(section);
    }
    expect(r.stdout).toContain('does not exist');
    expect(r.stdout).toContain('NoCredentialsError');
    expect(r.stdout).toMatch(/1\. no source is configured:\n\s+aws login/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    await expect(r.stdout.replaceAll(h.home, '<HOME>')).toMatchFileSnapshot('golden/doctor-empty-home.txt');
  });

  it('predicts MissingDependencyException for the given Python and gives the pip command', async () => {
    const h = await home();
    await h.write('.aws/config', '[default]\nlogin_session = arn:aws:iam::123456789012:user/me\nregion = us-east-1\n');
    const r = await runInProcess(['doctor', '--python', 'python3', '--json'], { env: h.env });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.result.error.code).toBe('MissingDependencyException');
    expect(doc.python.botocoreVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(doc.checks.find((c: { id: string }) => c.id === 'awscrt').status).toBe('problem');
    expect(doc.fixes[0].command).toBe('python3 -m pip install "botocore[crt]"');
    expect(doc.loginCache.sessions[0]).toMatchObject({ profile: 'default', exists: false });
  });

  it('shows the line of a parse error and the file-permission, env-key and masking checks', async () => {
    const h = await home();
    await h.write(
      '.aws/credentials',
      '[default]\naws_access_key_id = AKIAFILE\naws_access_key_id = AKIAFILE2\n',
      0o644,
    );
    const r = await runInProcess(['doctor'], {
      env: { ...h.env, ...ENV_KEYS, AWS_SESSION_TOKEN: 'session-token-value' },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('DOES NOT PARSE (line 3)');
    expect(r.stdout).toContain('ConfigParseError');
    expect(r.stdout).toContain(`chmod 600 '${h.path('.aws', 'credentials')}'`);
    expect(r.stdout).toContain('long-lived access keys (AKIA…) are exported');
    expect(r.stdout).toContain('AWS_SECRET_ACCESS_KEY=****** (40 chars)');
    expect(r.stdout).not.toContain('session-token-value');
    expect(r.stdout).not.toContain(ENV_KEYS.AWS_SECRET_ACCESS_KEY);
  });

  it('--verify asks STS who the winner is and exits 0 when healthy', async () => {
    const h = await home();
    const r = await runInProcess(['doctor', '--verify', '--json'], {
      env: { ...h.env, ...ENV_KEYS, AWS_ENDPOINT_URL: moto.endpoint, AWS_DEFAULT_REGION: 'us-east-1' },
    });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.healthy).toBe(true);
    expect(doc.verify).toMatchObject({ ok: true, account: '123456789012' });
    expect(typeof doc.verify.clockSkewSeconds).toBe('number');
    expect(doc.checks.find((c: { id: string }) => c.id === 'clock-skew').status).toBe('ok');
  });
});

describe('awsdoctor whoami', () => {
  it('names account, ARN, principal, source; masks the key id', async () => {
    const h = await home();
    const r = await runInProcess(['whoami', '--json'], {
      env: { ...h.env, ...ENV_KEYS, AWS_ENDPOINT_URL: moto.endpoint, AWS_DEFAULT_REGION: 'us-east-1' },
    });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      account: '123456789012',
      source: 'env',
      profile: 'default',
      accessKeyId: 'AKIA…MPLE',
      expiresAt: null,
    });
    expect(doc.arn).toMatch(/^arn:aws:(iam|sts)::123456789012:/);
    expect(doc.principal.kind).not.toBe('unknown');
  });

  it('without credentials: one line, the next step, exit 1', async () => {
    const h = await home();
    const r = await runInProcess(['whoami'], { env: h.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No credentials: NoCredentialsError');
    expect(r.stderr).toContain('next: awsdoctor doctor');
  });
});
