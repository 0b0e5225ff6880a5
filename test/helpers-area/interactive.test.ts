import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CLI_PATH } from '../helpers/cli.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';
import { startEnforcedMoto, type EnforcedMoto } from './lambda-fixture.js';

const DRIVER = fileURLToPath(new URL('./fixtures/pty_driver.py', import.meta.url));

interface PtyRun {
  transcript: string;
  exit_code: number;
  timed_out: boolean;
}

/** Runs the CLI on a real pseudo-terminal (python's pty), answering each prompt in turn. */
async function onTerminal(
  args: string[],
  env: Record<string, string>,
  steps: Array<{ expect: string; send: string }>,
): Promise<PtyRun> {
  const spec = JSON.stringify({ argv: [process.execPath, CLI_PATH, ...args], env, steps, timeout: 45 });
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [DRIVER], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`pty driver failed (${code}): ${err}`));
      else resolve(JSON.parse(out) as PtyRun);
    });
    child.stdin.end(spec);
  });
}

let server: EnforcedMoto;
let home: TempHome;
beforeAll(async () => {
  server = await startEnforcedMoto();
  home = await makeTempHome();
});
afterAll(async () => {
  await server?.moto.stop();
  await home?.cleanup();
});

describe('awsdoctor configure on a terminal', () => {
  it('prompts like aws configure, never echoes the secret, validates and writes', async () => {
    const { limited } = server;
    await home.write('.aws/config', '# mine\n[profile dev]\nregion = eu-west-1\n');
    const env = { ...home.env, AWS_ENDPOINT_URL: server.moto.endpoint, TERM: 'dumb' };
    const run = await onTerminal(['configure', '--profile', 'dev'], env, [
      { expect: 'AWS Access Key ID \\[None\\]: ', send: `${limited.accessKeyId}\r` },
      { expect: 'AWS Secret Access Key \\[None\\] \\(hidden\\): ', send: `${limited.secretAccessKey}\r` },
      { expect: 'Default region name \\[eu-west-1\\]: ', send: '\r' },
      { expect: 'Default output format \\[None\\]: ', send: 'json\r' },
    ]);
    expect(run.timed_out).toBe(false);
    expect(run.exit_code).toBe(0);
    expect(run.transcript).not.toContain(limited.secretAccessKey);
    expect(run.transcript).toContain(`belongs to ${limited.arn}`);
    expect(await readFile(home.path('.aws/credentials'), 'utf8')).toBe(
      `[dev]\naws_access_key_id = ${limited.accessKeyId}\naws_secret_access_key = ${limited.secretAccessKey}\n`,
    );
    // The empty answer kept the region; the output was added.
    expect(await readFile(home.path('.aws/config'), 'utf8')).toBe(
      '# mine\n[profile dev]\nregion = eu-west-1\noutput = json\n',
    );
  });

  it('asks before replacing existing keys, and writes nothing on "no"', async () => {
    const { admin } = server;
    const before = await readFile(home.path('.aws/credentials'), 'utf8');
    const env = { ...home.env, AWS_ENDPOINT_URL: server.moto.endpoint, TERM: 'dumb' };
    const run = await onTerminal(['configure', '--profile', 'dev'], env, [
      { expect: 'AWS Access Key ID \\[AKIA…\\w{4}\\]: ', send: `${admin.accessKeyId}\r` },
      {
        expect: 'AWS Secret Access Key \\[\\*{6} \\(\\d+ chars\\)\\] \\(hidden\\): ',
        send: `${admin.secretAccessKey}\r`,
      },
      { expect: 'Default region name \\[eu-west-1\\]: ', send: '\r' },
      { expect: 'Default output format \\[json\\]: ', send: '\r' },
      { expect: 'Replace the keys of profile dev\\? \\[y/N\\]: ', send: 'n\r' },
    ]);
    expect(run.exit_code).toBe(1);
    expect(run.transcript).toMatch(/^-aws_access_key_id = AKIA…\w{4}\r?$/m);
    expect(run.transcript).not.toContain(admin.secretAccessKey);
    expect(run.transcript).toContain('nothing was written');
    expect(await readFile(home.path('.aws/credentials'), 'utf8')).toBe(before);
  });
});
