import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialProcessCommand, setupProcessProfile } from '../../src/bridge/setup-process.js';
import { runCli } from '../helpers/cli.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

const CONFIG = `# my settings
[default]
region = us-west-2

[profile dev]
login_session = arn:aws:iam::123456789012:user/alice
region = eu-west-1
; trailing comment
`;

let home: TempHome;
beforeEach(async () => {
  home = await makeTempHome();
  await home.write('.aws/config', CONFIG);
});
afterEach(() => home.cleanup());

/** How Python's shlex.split (botocore, no shell) reads a line. */
function shlexSplit(line: string): string[] {
  return JSON.parse(
    execFileSync('python3', [
      '-c',
      'import shlex,sys,json;print(json.dumps(shlex.split(sys.argv[1])))',
      line,
    ]).toString(),
  ) as string[];
}
/** How /bin/sh (the JS SDK's exec) reads a line. */
function shSplit(line: string): string[] {
  const out = execFileSync('sh', ['-c', `set -- ${line}; for a in "$@"; do printf '%s\\0' "$a"; done`]).toString();
  return out.split('\0').slice(0, -1);
}

describe('credential_process command line', () => {
  it('reads back identically under shlex.split (botocore) and sh (JS SDK), even with hostile paths', () => {
    const paths = { nodePath: `/opt/my node's/bin/node`, cliPath: '/home/a b/$HOME/`x`/awsdoctor.js' };
    const line = credentialProcessCommand(`we"ird profile`, paths);
    const expected = [paths.nodePath, paths.cliPath, 'creds', 'process', '--profile', `we"ird profile`];
    expect(shlexSplit(line)).toEqual(expected);
    expect(shSplit(line)).toEqual(expected);
  });
  it('leaves plain paths bare', () => {
    expect(credentialProcessCommand('dev', { nodePath: '/usr/bin/node', cliPath: '/x/bin/awsdoctor.js' })).toBe(
      '/usr/bin/node /x/bin/awsdoctor.js creds process --profile dev',
    );
  });
  it('refuses a path the JS SDK INI parser would cut at an inline comment', () => {
    expect(() => credentialProcessCommand('dev', { nodePath: '/a #b/node', cliPath: '/x.js' })).toThrow(/comment/);
  });
});

describe('setupProcessProfile', () => {
  it('adds [profile dev-process] with absolute paths and the region, keeps every other line, backs up; twice = no change', async () => {
    const system = home.system();
    const first = await setupProcessProfile(system, { profile: 'dev' });
    expect(first.changed).toBe(true);
    const after = await readFile(home.path('.aws/config'), 'utf8');
    expect(after.startsWith(CONFIG)).toBe(true);
    expect(after.slice(CONFIG.length)).toBe(
      `\n[profile dev-process]\ncredential_process = ${credentialProcessCommand('dev', {
        nodePath: process.execPath,
        cliPath: first.after.match(/ (\/\S+awsdoctor\.cjs) /)![1]!,
      })}\nregion = eu-west-1\n`,
    );
    expect(after).toMatch(/credential_process = \/\S+ \/\S+\/bin\/awsdoctor\.cjs creds process --profile dev\n/);
    expect(await readFile(first.backupPath!, 'utf8')).toBe(CONFIG);
    const second = await setupProcessProfile(system, { profile: 'dev' });
    expect(second.changed).toBe(false);
    expect(second.backupPath).toBeUndefined();
    expect(await readFile(home.path('.aws/config'), 'utf8')).toBe(after);
    expect((await readdir(home.path('.aws'))).filter((f) => f.includes('backup'))).toHaveLength(1);
  });

  it('dry run computes the diff and writes nothing; --name picks the section', async () => {
    const edit = await setupProcessProfile(home.system(), { profile: 'dev', name: 'nb', dryRun: true });
    expect(edit.changed).toBe(true);
    expect(edit.diff).toContain('+[profile nb]');
    expect(await readFile(home.path('.aws/config'), 'utf8')).toBe(CONFIG);
  });

  it('refuses a missing profile, a self-reference and a target section holding another source, changing nothing', async () => {
    const system = home.system();
    await expect(setupProcessProfile(system, { profile: 'nope' })).rejects.toMatchObject({
      reason: 'bridge.profile-missing',
    });
    await expect(setupProcessProfile(system, { profile: 'dev', name: 'dev' })).rejects.toMatchObject({
      reason: 'usage',
    });
    await expect(setupProcessProfile(system, { profile: 'default', name: 'dev' })).rejects.toMatchObject({
      reason: 'bridge.profile-conflict',
    });
    expect(await readFile(home.path('.aws/config'), 'utf8')).toBe(CONFIG);
  });

  it('CLI: writes, says how to use it, and --json reports the unchanged second run', async () => {
    const first = await runCli(['creds', 'setup-process', '--profile', 'dev'], { env: home.env });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('AWS_PROFILE=dev-process');
    const second = await runCli(['creds', 'setup-process', '--profile', 'dev', '--json'], { env: home.env });
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ profile: 'dev-process', changed: false, backupPath: null });
    const missing = await runCli(['creds', 'setup-process', '--profile', 'ghost'], { env: home.env });
    expect(missing.code).toBe(1);
  });
});
