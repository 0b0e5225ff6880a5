import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatEnvExport, type ExportFormat } from '../../src/bridge/env-export.js';
import type { AwsCredentials } from '../../src/credentials/types.js';
import { runCli } from '../helpers/cli.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

// Values with every character class a shell might misread: quotes, $, backslash, spaces, globs, backticks.
const HOSTILE: AwsCredentials = {
  accessKeyId: 'ASIAEXAMPLEEXAMPLE01',
  secretAccessKey: `a'b"c$HOME\\d e*f\`g\`!h`,
  sessionToken: 'IQoJb3JpZ2luX2Vj/+token=$(touch /tmp/pwned)',
  expiration: new Date(Date.now() + 10 * 60 * 1000),
};
const NAMES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_REGION',
];

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/** Evaluates `script` in a real shell, then prints the variables as JSON (via node, not the shell's own quoting). */
function evaluate(shell: 'sh' | 'fish' | 'pwsh', script: string): Record<string, string | undefined> {
  const printer = `${process.execPath} -e "process.stdout.write(JSON.stringify(Object.fromEntries(${JSON.stringify(NAMES).replace(/"/g, "'")}.map(n=>[n,process.env[n]]))))"`;
  const args =
    shell === 'pwsh' ? ['-NoProfile', '-Command', `${script}\n& ${printer}`] : ['-c', `${script}\n${printer}`];
  const text = execFileSync(shell, args, {
    env: { PATH: process.env.PATH, HOME: '/nonexistent', AWS_SESSION_TOKEN: 'stale' },
  }).toString();
  return JSON.parse(text) as Record<string, string | undefined>;
}

describe('creds export evaluated by real shells', () => {
  // pwsh has no Debian package (apt has no candidate): on such machines its case is skipped and only the golden test
  // pins the PowerShell output.
  for (const shell of ['sh', 'fish', 'pwsh'] as const) {
    const format: ExportFormat = shell === 'pwsh' ? 'powershell' : shell;
    const available = has(shell);
    it.skipIf(!available)(
      `${shell}: every variable arrives byte for byte (skipped when ${shell} is not installed)`,
      () => {
        const script = formatEnvExport(HOSTILE, { format, now: Date.now(), profile: 'dev', region: 'eu-west-1' });
        const vars = evaluate(shell, script);
        expect(vars.AWS_SECRET_ACCESS_KEY).toBe(HOSTILE.secretAccessKey);
        expect(vars.AWS_SESSION_TOKEN).toBe(HOSTILE.sessionToken);
        expect(vars.AWS_ACCESS_KEY_ID).toBe(HOSTILE.accessKeyId);
        expect(vars.AWS_REGION).toBe('eu-west-1');
        expect(vars.AWS_CREDENTIAL_EXPIRATION).toMatch(/Z$/);
      },
    );
    it.skipIf(!available)(`${shell}: long-lived keys unset a stale AWS_SESSION_TOKEN`, () => {
      const script = formatEnvExport(
        { accessKeyId: 'AKIAEXAMPLEEXAMPLE02', secretAccessKey: 'plain' },
        { format, now: Date.now() },
      );
      const vars = evaluate(shell, script);
      expect(vars.AWS_SESSION_TOKEN).toBeUndefined();
      expect(vars.AWS_SECRET_ACCESS_KEY).toBe('plain');
    });
  }
});

describe('creds export (CLI)', () => {
  let home: TempHome;
  beforeAll(async () => {
    home = await makeTempHome();
    await home.write('.aws/config', '[profile keys]\nregion = ap-south-1\n');
    await home.write(
      '.aws/credentials',
      '[keys]\naws_access_key_id = AKIAEXAMPLEEXAMPLE03\naws_secret_access_key = wJalr/EXAMPLE+KEY\n',
    );
  });
  afterAll(() => home.cleanup());

  it('prints sh lines that a real sh evaluates into the profile credentials and region', async () => {
    const result = await runCli(['creds', 'export', '--profile', 'keys'], { env: home.env });
    expect(result.code).toBe(0);
    const vars = evaluate('sh', result.stdout);
    expect(vars).toMatchObject({
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE03',
      AWS_SECRET_ACCESS_KEY: 'wJalr/EXAMPLE+KEY',
      AWS_REGION: 'ap-south-1',
    });
    expect(vars.AWS_SESSION_TOKEN).toBeUndefined();
  });

  it('rejects an unknown format with exit 2', async () => {
    const result = await runCli(['creds', 'export', '--profile', 'keys', '--format', 'csh'], { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown format csh');
    expect(result.stdout).toBe('');
  });
});
