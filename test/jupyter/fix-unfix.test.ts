import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixKernel, fixStatePath, unfixKernel } from '../../src/jupyter/index.js';
import { runCli } from '../helpers/cli.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';
import { makeBinDir, pythonKernelSpec, writeKernelSpec } from '../helpers/jupyter-env.js';

let home: TempHome;
let env: Record<string, string>;
let specFile: string;
let original: Buffer;

const CONFIG = `# my config\n[profile dev]\nlogin_session = arn:aws:iam::123456789012:user/dev\nregion = us-east-1\n`;

beforeEach(async () => {
  home = await makeTempHome();
  const { path } = await makeBinDir(home.path('tools'));
  const dataDir = home.path('jupyter-data');
  env = { ...home.env, PATH: path, JUPYTER_DATA_DIR: dataDir, JUPYTER_PATH: '' };
  await home.write('.aws/config', CONFIG);
  // Written the way `ipykernel install` writes it (indent=1), with the guide's copied keys in its env.
  specFile = await writeKernelSpec(
    dataDir,
    'aws',
    pythonKernelSpec('python3', {
      FOO: 'bar',
      AWS_DEFAULT_PROFILE: 'old',
      AWS_ACCESS_KEY_ID: 'AKIAQWERTYUIOPASDF34',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYzz9EXAMPLE',
    }),
  );
  await writeKernelSpec(dataDir, 'ir', { argv: ['R', '-f', '{connection_file}'], language: 'R', display_name: 'R' });
  await writeKernelSpec(dataDir, 'broken', { raw: '{"argv": ["python3"], "env": {"A": 1}}' });
  original = await readFile(specFile);
});
afterEach(async () => {
  await home?.cleanup();
});

describe('jupyter fix / unfix', () => {
  it('dry run: shows the diff, changes nothing', async () => {
    const result = await fixKernel(home.system(env), { kernel: 'aws', profile: 'dev', dryRun: true });
    expect(result.specEdit?.diff).toMatch(/\+\s*"AWS_PROFILE": "dev-process"/);
    expect(result.configEdit?.diff).toMatch(/\+\[profile dev-process\]/);
    expect(await readFile(specFile)).toEqual(original);
    expect(await readFile(home.path('.aws/config'), 'utf8')).toBe(CONFIG);
    await expect(stat(fixStatePath(join(specFile, '..')))).rejects.toThrow();
  });

  it('wires the profile, sets AWS_PROFILE and AWS_DEFAULT_PROFILE, drops copied keys; idempotent; unfix restores byte for byte', async () => {
    const system = home.system(env);
    const fixed = await fixKernel(system, { kernel: 'AWS', profile: 'dev' });
    const spec = JSON.parse(await readFile(specFile, 'utf8')) as Record<string, unknown>;
    expect(spec.env).toEqual({ FOO: 'bar', AWS_DEFAULT_PROFILE: 'dev-process', AWS_PROFILE: 'dev-process' });
    expect(Object.keys(spec)).toEqual(['argv', 'display_name', 'language', 'env', 'metadata']);
    expect(fixed.envChanges.map((c) => `${c.action} ${c.name}`)).toEqual([
      'removed AWS_ACCESS_KEY_ID',
      'removed AWS_SECRET_ACCESS_KEY',
      'set AWS_PROFILE',
      'set AWS_DEFAULT_PROFILE',
    ]);
    expect(await readFile(fixed.specEdit!.backupPath!)).toEqual(original);
    const config = await readFile(home.path('.aws/config'), 'utf8');
    expect(config.startsWith(CONFIG)).toBe(true);
    expect(config).toMatch(
      /\[profile dev-process\]\ncredential_process = \S+ \S+awsdoctor\.cjs creds process --profile dev\n/,
    );
    // The state holds the original kernel.json (which had keys in it): owner-only.
    expect((await stat(fixed.statePath!)).mode & 0o777).toBe(0o600);

    const fixedBytes = await readFile(specFile);
    const again = await fixKernel(system, { kernel: 'aws', profile: 'dev' });
    expect(again.specEdit?.changed).toBe(false);
    expect(again.configEdit?.changed).toBe(false);
    expect(await readFile(specFile)).toEqual(fixedBytes);

    const undone = await unfixKernel(system, { kernel: 'aws' });
    expect(undone.specEdit.changed).toBe(true);
    expect(await readFile(specFile)).toEqual(original);
    await expect(stat(fixed.statePath!)).rejects.toThrow();
    await expect(unfixKernel(system, { kernel: 'aws' })).rejects.toMatchObject({ reason: 'jupyter.not-fixed' });
  });

  it('restores a hand-written kernel.json (CRLF, 4-space indent, non-ASCII, no final newline) byte for byte', async () => {
    const handWritten =
      '{\r\n    "display_name": "Python \u00e9t\u00e9 (caf\u00e9) ☃",\r\n    "argv": ["python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"],\r\n    "language": "python"\r\n}';
    await writeFile(specFile, handWritten);
    const system = home.system(env);
    await fixKernel(system, { kernel: 'aws', profile: 'dev' });
    const fixed = JSON.parse(await readFile(specFile, 'utf8')) as { display_name: string; env: Record<string, string> };
    expect(fixed.display_name).toBe('Python été (café) ☃');
    expect(fixed.env).toEqual({ AWS_PROFILE: 'dev-process' });
    await unfixKernel(system, { kernel: 'aws' });
    expect(await readFile(specFile)).toEqual(Buffer.from(handWritten, 'utf8'));
  });

  it('unfix refuses to drop edits made after the fix, unless forced', async () => {
    const system = home.system(env);
    await fixKernel(system, { kernel: 'aws', profile: 'dev' });
    const edited = (await readFile(specFile, 'utf8')).replace('Python (test)', 'Renamed');
    await writeFile(specFile, edited);
    await expect(unfixKernel(system, { kernel: 'aws' })).rejects.toMatchObject({
      reason: 'jupyter.spec-changed-since-fix',
    });
    expect(await readFile(specFile, 'utf8')).toBe(edited);
    const forced = await unfixKernel(system, { kernel: 'aws', force: true });
    expect(await readFile(specFile)).toEqual(original);
    expect(await readFile(forced.specEdit.backupPath!, 'utf8')).toBe(edited);
  });

  it('refuses unknown, non-Python and unreadable kernels, and unknown profiles, changing nothing', async () => {
    const system = home.system(env);
    await expect(fixKernel(system, { kernel: 'nope', profile: 'dev' })).rejects.toMatchObject({
      reason: 'jupyter.kernel-not-found',
      message: expect.stringContaining('aws, broken, ir'),
    });
    await expect(fixKernel(system, { kernel: 'ir', profile: 'dev' })).rejects.toMatchObject({
      reason: 'jupyter.kernel-not-python',
    });
    await expect(fixKernel(system, { kernel: 'broken', profile: 'dev' })).rejects.toMatchObject({
      reason: 'jupyter.kernel-unreadable',
    });
    await expect(fixKernel(system, { kernel: 'aws', profile: 'missing' })).rejects.toMatchObject({
      reason: 'bridge.profile-missing',
    });
    expect(await readFile(specFile)).toEqual(original);
    expect(await readFile(home.path('.aws/config'), 'utf8')).toBe(CONFIG);
  });

  it('CLI: exit codes, --json, and the endpoint way', async () => {
    const usage = await runCli(['jupyter', 'fix', '--kernel', 'aws'], { env });
    expect(usage.code).toBe(2);
    const badVia = await runCli(['jupyter', 'fix', '--kernel', 'aws', '--profile', 'dev', '--via', 'magic'], { env });
    expect(badVia.code).toBe(2);
    const missing = await runCli(['jupyter', 'unfix', '--kernel', 'aws'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/has not changed kernel aws .*\n {2}next: /);
    const endpoint = await runCli(['jupyter', 'fix', '--kernel', 'aws', '--profile', 'dev', '--via', 'endpoint'], {
      env,
    });
    expect(endpoint.code).toBe(0);
    expect(endpoint.stdout).toContain('awsdoctor creds exec --profile dev -- jupyter lab');
    expect(endpoint.stdout).toMatch(
      /sets AWS_DEFAULT_PROFILE, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY|AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_PROFILE/,
    );
    expect(await readFile(specFile)).toEqual(original);
    // Diffs of a kernel.json holding copied keys show them masked.
    const dry = await runCli(['jupyter', 'fix', '--kernel', 'aws', '--profile', 'dev', '--dry-run'], { env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/-\s*"AWS_SECRET_ACCESS_KEY": "\[secret: 40 chars\]"/);
    expect(dry.stdout).toMatch(/-\s*"AWS_ACCESS_KEY_ID": "AKIA…DF34"/);
    expect(dry.stdout).not.toContain('EXAMPLE');
    expect(await readFile(specFile)).toEqual(original);
    const fixed = await runCli(['jupyter', 'fix', '--kernel', 'aws', '--profile', 'dev', '--json'], { env });
    expect(fixed.code).toBe(0);
    const doc = JSON.parse(fixed.stdout) as { processProfile: string; kernelSpec: { changed: boolean } };
    expect(doc.processProfile).toBe('dev-process');
    expect(doc.kernelSpec.changed).toBe(true);
    expect(fixed.stdout).not.toContain('EXAMPLE');
    const unfixed = await runCli(['jupyter', 'unfix', '--kernel', 'aws', '--json'], { env });
    expect(unfixed.code).toBe(0);
    expect(JSON.parse(unfixed.stdout)).toMatchObject({ kernel: 'aws', changed: true });
    expect(unfixed.stdout).not.toContain('EXAMPLE');
    expect(await readFile(specFile)).toEqual(original);
  });
});
