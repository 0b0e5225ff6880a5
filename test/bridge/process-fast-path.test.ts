import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fastCredentialProcess } from '../../src/bridge/process-fast-path.js';
import { credentialProcessCommand } from '../../src/bridge/setup-process.js';
import { CLI_PATH, runCli } from '../helpers/cli.js';
import { writeLoginSession, type WrittenLoginSession } from '../helpers/login-fixture.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

const TRACER = fileURLToPath(new URL('./fixtures/trace-imports.mjs', import.meta.url));

let home: TempHome;
let session: WrittenLoginSession;
beforeEach(async () => {
  home = await makeTempHome();
  session = await writeLoginSession(home.home, {
    profile: 'dev',
    region: 'eu-west-1',
    expiresAt: Date.now() + 60 * 60 * 1000,
  });
});
afterEach(() => home.cleanup());

describe('creds process fast path', () => {
  it('prints a fresh login cache loading only Node built-ins and its own small modules (no AWS SDK, no commander)', async () => {
    const trace = home.path('trace.txt');
    await writeFile(trace, '');
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', TRACER, CLI_PATH, 'creds', 'process', '--profile', 'dev'], {
        env: { ...home.env, TRACE_FILE: trace },
      });
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout }));
    });
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(document).toMatchObject({ Version: 1, AccessKeyId: session.accessKeyId });
    const loaded = (await readFile(trace, 'utf8')).split('\n').filter(Boolean);
    // `npm run build` bundles the fast path into one file: bin + that file + Node built-ins, nothing else.
    const bundle = new URL('../../dist/bridge/process-fast-path.cjs', import.meta.url).href;
    expect(loaded).toContain(bundle);
    const others = new Set(loaded.filter((url) => !url.startsWith('node:') && url !== bundle));
    expect([...others]).toEqual([new URL('../../bin/awsdoctor.cjs', import.meta.url).href]);
  });

  it('gives exactly what the full path gives', async () => {
    const fast = fastCredentialProcess(['--profile', 'dev'], home.env, Date.now());
    // Any extra flag sends the call down the full path (commander, the login engine).
    const full = await runCli(['creds', 'process', '--profile', 'dev', '--json'], { env: home.env });
    expect(full.code).toBe(0);
    expect(fast).toBe(full.stdout);
  });

  it('leaves every unusual case to the full path', async () => {
    const now = Date.now();
    const fast = (env: Record<string, string> = home.env, args = ['--profile', 'dev']) =>
      fastCredentialProcess(args, env, now);
    expect(fast()).toBeDefined();
    expect(fast(home.env, ['--profile=dev'])).toBe(fast());
    expect(fast(home.env, ['--profile', 'dev', '--verbose'])).toBeUndefined();
    expect(fast(home.env, [])).toBeUndefined();
    expect(fastCredentialProcess(['--profile', 'dev'], home.env, now + 56 * 60 * 1000)).toBeUndefined(); // refresh due
    expect(fast(home.env, ['--profile', 'other'])).toBeUndefined();
    expect(
      fast({ ...home.env, AWS_WEB_IDENTITY_TOKEN_FILE: '/t', AWS_ROLE_ARN: 'arn:aws:iam::1:role/r' }),
    ).toBeUndefined();

    const config = await readFile(session.configFile, 'utf8');
    await writeFile(session.configFile, `${config}role_arn = arn:aws:iam::123456789012:role/r\n`);
    expect(fast()).toBeUndefined(); // another source in the profile
    await writeFile(session.configFile, `${config}[profile dev]\nregion = us-east-1\n`);
    expect(fast()).toBeUndefined(); // the section twice: the SDK parser decides
    await writeFile(session.configFile, `${config}[broken\n`);
    expect(fast()).toBeUndefined();
    await writeFile(session.configFile, config);
    await home.write('.aws/credentials', '[dev]\naws_access_key_id = AKIAEXAMPLEEXAMPLE05\n');
    expect(fast()).toBeUndefined(); // keys in the credentials file come first
    await home.write('.aws/credentials', '');
    expect(fast()).toBeDefined();
    await writeFile(session.cacheFile, '{"accessToken": {');
    expect(fast()).toBeUndefined();
  });

  it('errors go to stderr on one line with exit 1 (SDKs show it to the person)', async () => {
    await writeFile(session.cacheFile, '{"accessToken": {');
    const corrupt = await runCli(['creds', 'process', '--profile', 'dev'], { env: home.env });
    expect(corrupt.code).toBe(1);
    expect(corrupt.stdout).toBe('');
    expect(corrupt.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(corrupt.stderr).toMatch(/^awsdoctor: /);
    const missing = await runCli(['creds', 'process', '--profile', 'ghost'], { env: home.env });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('refuses a credential_process loop instead of forking for ever', async () => {
    const line = credentialProcessCommand('loop', { nodePath: process.execPath, cliPath: CLI_PATH });
    await home.write('.aws/config', `[profile loop]\ncredential_process = ${line}\n`);
    const result = await runCli(['creds', 'process', '--profile', 'loop'], { env: home.env });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('levels deep: profile loop resolves through itself');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
