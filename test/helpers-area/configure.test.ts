import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chmod, readdir, readFile, stat } from 'node:fs/promises';
import { diffLines } from 'diff';
import { ConfigureError, configureProfile, maskIniSecrets } from '../../src/helpers/configure.js';
import { formatConfigurationTable, listConfiguration } from '../../src/helpers/configure-list.js';
import { parseKeyInput } from '../../src/helpers/key-input.js';
import {
  checkAccessKeyAge,
  checkCredentialFilePermissions,
  checkEnvironmentKeys,
  runSecurityChecks,
  accessKeyAgeHygieneCheck,
} from '../../src/helpers/security-checks.js';
import { loadProfileSet } from '../../src/credentials/profiles.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';
import { runCli } from '../helpers/cli.js';
import { startEnforcedMoto, type EnforcedMoto } from './lambda-fixture.js';

const CREDENTIALS = `# Work accounts: rotated by the platform team, do not edit by hand
[default]
aws_access_key_id = AKIAOLDDEFAULTKEY000
aws_secret_access_key = oldDefaultSecretValue/abcdefghijklmnopqrs

; personal account
[personal]
aws_access_key_id=AKIAPERSONAL00000000
aws_secret_access_key=personalSecretValue/abcdefghijklmnopqrst
# keep this comment at the end
`;

const CONFIG = `# shared settings
[default]
region = us-east-1

[profile personal]
region = eu-west-1   
output = text
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
`;

let server: EnforcedMoto;
let home: TempHome;

beforeAll(async () => {
  server = await startEnforcedMoto();
});
afterAll(async () => {
  await server?.moto.stop();
});
beforeEach(async () => {
  await home?.cleanup();
  home = await makeTempHome();
  await home.write('.aws/credentials', CREDENTIALS);
  await home.write('.aws/config', CONFIG, 0o644);
});

function systemEnv(): Record<string, string> {
  return { ...home.env, AWS_ENDPOINT_URL: server.moto.endpoint };
}

/** Lines added and removed between two texts. */
function changedLines(before: string, after: string): { added: string[]; removed: string[] } {
  const added: string[] = [];
  const removed: string[] = [];
  for (const part of diffLines(before, after)) {
    const lines = part.value.replace(/\n$/, '').split('\n');
    if (part.added) added.push(...lines);
    if (part.removed) removed.push(...lines);
  }
  return { added, removed };
}

async function backups(): Promise<string[]> {
  return (await readdir(home.path('.aws'))).filter((name) => name.includes('.awsdoctor-backup-')).sort();
}

describe('configureProfile (library)', () => {
  it('adds a new profile: only the intended lines change, files are 0600, backups keep the old text', async () => {
    const { limited } = server;
    const result = await configureProfile(home.system(systemEnv()), {
      profile: 'dev',
      accessKeyId: limited.accessKeyId,
      secretAccessKey: limited.secretAccessKey,
      region: 'us-west-2',
      output: 'json',
    });
    expect(result.identity?.arn).toBe(limited.arn);
    expect(result.written).toBe(true);
    const credentials = await readFile(home.path('.aws/credentials'), 'utf8');
    const config = await readFile(home.path('.aws/config'), 'utf8');
    expect(changedLines(CREDENTIALS, credentials)).toEqual({
      added: [
        '',
        '[dev]',
        `aws_access_key_id = ${limited.accessKeyId}`,
        `aws_secret_access_key = ${limited.secretAccessKey}`,
      ],
      removed: [],
    });
    expect(changedLines(CONFIG, config)).toEqual({
      added: ['', '[profile dev]', 'region = us-west-2', 'output = json'],
      removed: [],
    });
    expect((await stat(home.path('.aws/credentials'))).mode & 0o777).toBe(0o600);
    expect((await stat(home.path('.aws/config'))).mode & 0o777).toBe(0o600);
    expect(await readFile(result.credentialsBackup!, 'utf8')).toBe(CREDENTIALS);
    expect(await readFile(result.configBackup!, 'utf8')).toBe(CONFIG);
    // The masked diffs name the change without the secret.
    expect(result.credentials.maskedDiff).toContain('+[dev]');
    expect(result.credentials.maskedDiff).not.toContain(limited.secretAccessKey);
  });

  it('refuses to replace different keys without force, shows a masked diff, and writes nothing', async () => {
    const { limited } = server;
    const error = await configureProfile(home.system(systemEnv()), {
      profile: 'personal',
      accessKeyId: limited.accessKeyId,
      secretAccessKey: limited.secretAccessKey,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigureError);
    const plan = (error as ConfigureError).plan!;
    expect((error as ConfigureError).reason).toBe('configure.profile-exists');
    expect(plan.credentials.maskedDiff).toMatch(/^-aws_access_key_id=AKIA…0000$/m);
    expect(plan.credentials.maskedDiff).toMatch(/^-aws_secret_access_key=\*{6} \(40 chars, sha256 [0-9a-f]{8}…\)$/m);
    for (const secret of ['personalSecretValue', limited.secretAccessKey]) {
      expect(plan.credentials.maskedDiff).not.toContain(secret);
    }
    expect(await readFile(home.path('.aws/credentials'), 'utf8')).toBe(CREDENTIALS);
    expect(await backups()).toEqual([]);
  });

  it('with force, replaces exactly the two key lines of that profile', async () => {
    const { admin } = server;
    const result = await configureProfile(home.system(systemEnv()), {
      profile: 'personal',
      accessKeyId: admin.accessKeyId,
      secretAccessKey: admin.secretAccessKey,
      force: true,
    });
    expect(result.identity?.arn).toBe(admin.arn);
    const credentials = await readFile(home.path('.aws/credentials'), 'utf8');
    expect(changedLines(CREDENTIALS, credentials)).toEqual({
      added: [`aws_access_key_id = ${admin.accessKeyId}`, `aws_secret_access_key = ${admin.secretAccessKey}`],
      removed: [
        'aws_access_key_id=AKIAPERSONAL00000000',
        'aws_secret_access_key=personalSecretValue/abcdefghijklmnopqrst',
      ],
    });
    expect(result.config.changed).toBe(false);
    expect(await readFile(home.path('.aws/config'), 'utf8')).toBe(CONFIG);
  });

  it('keys AWS rejects (InvalidClientTokenId) write nothing', async () => {
    const error = await configureProfile(home.system(systemEnv()), {
      profile: 'dev',
      accessKeyId: 'AKIAUNKNOWNKEY000000',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYUNKNOWNKEY',
      region: 'us-west-2',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'configure.invalid-keys' });
    expect((error as Error).message).toMatch(/AKIA…0000.*unknown to AWS.*InvalidClientTokenId/);
    expect(await readFile(home.path('.aws/credentials'), 'utf8')).toBe(CREDENTIALS);
    expect(await readFile(home.path('.aws/config'), 'utf8')).toBe(CONFIG);
    expect(await backups()).toEqual([]);
  });

  it('respects AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE, and rejects values that would inject lines', async () => {
    const env = {
      ...systemEnv(),
      AWS_SHARED_CREDENTIALS_FILE: '~/elsewhere/creds',
      AWS_CONFIG_FILE: '$HOME/elsewhere/cfg',
    };
    const result = await configureProfile(home.system(env), { profile: 'ci', region: 'eu-north-1' });
    expect(result.config.path).toBe(home.path('elsewhere/cfg'));
    expect(await readFile(home.path('elsewhere/cfg'), 'utf8')).toBe('[profile ci]\nregion = eu-north-1\n');
    await expect(
      configureProfile(home.system(env), { profile: 'ci', region: 'us-east-1\n[profile evil]' }),
    ).rejects.toMatchObject({ reason: 'usage' });
    await expect(configureProfile(home.system(env), { profile: 'a]b', region: 'us-east-1' })).rejects.toMatchObject({
      reason: 'usage',
    });
  });

  it('masks every secret and key id in INI text, telling different secrets apart', () => {
    const masked = maskIniSecrets(
      '[a]\naws_access_key_id = AKIAABCDEFGHIJKLMNOP\naws_secret_access_key=s3cr3t\n  aws_session_token = tok\n',
    );
    expect(masked).toMatch(
      /^\[a\]\naws_access_key_id = AKIA…MNOP\naws_secret_access_key=\*{6} \(6 chars, sha256 [0-9a-f]{8}…\)\n {2}aws_session_token = \*{6} \(3 chars, sha256 [0-9a-f]{8}…\)\n$/,
    );
    expect(maskIniSecrets('aws_secret_access_key = one')).not.toBe(maskIniSecrets('aws_secret_access_key = two'));
  });

  it('reads keys from the forms people paste: create-access-key JSON, console CSV, aws configure answers', () => {
    expect(
      parseKeyInput(
        '{"AccessKey": {"UserName": "bob", "AccessKeyId": "AKIAJSON000000000000", "SecretAccessKey": "s1"}}',
      ),
    ).toEqual({ accessKeyId: 'AKIAJSON000000000000', secretAccessKey: 's1', sessionToken: undefined });
    expect(parseKeyInput('\uFEFFAccess key ID,Secret access key\r\nAKIACSV0000000000000,s2\r\n')).toEqual({
      accessKeyId: 'AKIACSV0000000000000',
      secretAccessKey: 's2',
    });
    expect(parseKeyInput('AKIALINES00000000000\ns3\n\njson\n')).toEqual({
      accessKeyId: 'AKIALINES00000000000',
      secretAccessKey: 's3',
      region: undefined,
      output: 'json',
    });
    expect(parseKeyInput('  \n')).toEqual({});
    expect(() => parseKeyInput('{"AccessKeyId": ')).toThrow(/not valid/);
  });
});

describe('awsdoctor configure (CLI, real process)', () => {
  it('non-interactive from stdin: validates, shows who, writes; never prints the secret', async () => {
    const { limited } = server;
    const input = JSON.stringify({
      AccessKey: { AccessKeyId: limited.accessKeyId, SecretAccessKey: limited.secretAccessKey },
    });
    const r = await runCli(['configure', '--profile', 'dev', '--region', 'ap-south-1', '--stdin'], {
      env: systemEnv(),
      input,
    });
    expect(r.code).toBe(0);
    const masked = `${limited.accessKeyId.slice(0, 4)}…${limited.accessKeyId.slice(-4)}`;
    expect(r.stdout).toContain(`Key ${masked} belongs to ${limited.arn}`);
    expect(r.stdout + r.stderr).not.toContain(limited.secretAccessKey);
    expect(r.stdout + r.stderr).not.toContain(limited.accessKeyId);
    const credentials = await readFile(home.path('.aws/credentials'), 'utf8');
    expect(credentials.startsWith(CREDENTIALS)).toBe(true);
    expect(credentials).toContain(`[dev]\naws_access_key_id = ${limited.accessKeyId}\n`);
    expect(await readFile(home.path('.aws/config'), 'utf8')).toBe(`${CONFIG}\n[profile dev]\nregion = ap-south-1\n`);
  });

  it('--access-key-id with --secret-access-key-stdin; a secret as a flag value is refused (exit 2)', async () => {
    const { limited } = server;
    const ok = await runCli(
      ['configure', '--profile', 'ci', '--access-key-id', limited.accessKeyId, '--secret-access-key-stdin', '--json'],
      {
        env: systemEnv(),
        input: `${limited.secretAccessKey}\n`,
      },
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      ok: true,
      profile: 'ci',
      written: true,
      identity: { arn: limited.arn },
    });
    const refused = await runCli(
      ['configure', '--access-key-id', 'AKIAIOSFODNN7EXAMPLE', '--secret-access-key', 'oops'],
      {
        env: systemEnv(),
      },
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/Refusing --secret-access-key VALUE/);
  });

  it('an existing profile: prints the masked diff, exits 1, leaves the files alone', async () => {
    const { limited } = server;
    const r = await runCli(['configure', '--profile', 'default', '--stdin'], {
      env: systemEnv(),
      input: `${limited.accessKeyId}\n${limited.secretAccessKey}\n`,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Would change (secrets masked):');
    expect(r.stderr).toMatch(/^-aws_access_key_id = AKIA…Y000$/m);
    expect(r.stderr).toContain('next: Re-run with --force');
    expect(r.stderr).not.toContain('oldDefaultSecretValue');
    expect(r.stderr).not.toContain(limited.secretAccessKey);
    expect(await readFile(home.path('.aws/credentials'), 'utf8')).toBe(CREDENTIALS);
  });

  it('invalid keys: one line, exit 1, nothing written', async () => {
    const r = await runCli(['configure', '--profile', 'dev', '--stdin'], {
      env: systemEnv(),
      input: 'AKIAUNKNOWNKEY000000\nwJalrXUtnFEMI/K7MDENG/bPxRfiCYUNKNOWNKEY\nus-west-2\n',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/awsdoctor: AWS rejects key AKIA…0000/);
    expect(await readFile(home.path('.aws/credentials'), 'utf8')).toBe(CREDENTIALS);
    expect(await readFile(home.path('.aws/config'), 'utf8')).toBe(CONFIG);
    expect(await backups()).toEqual([]);
  });
});

describe('configure list', () => {
  it('shows each setting masked with its source, like aws configure list (golden)', async () => {
    const list = await listConfiguration(home.system({ ...home.env, AWS_PROFILE: 'personal' }));
    const table = formatConfigurationTable(list).replaceAll(home.home, '~');
    expect(table).toBe(
      [
        '      Name              Value                     Type    Location',
        '      ----              -----                     ----    --------',
        '   profile           personal                      env    AWS_PROFILE',
        'access_key          AKIA…0000  shared-credentials-file    ~/.aws/credentials',
        'secret_key  ****** (40 chars)  shared-credentials-file    ~/.aws/credentials',
        '    region          eu-west-1              config-file    ~/.aws/config',
        '    output               text              config-file    ~/.aws/config',
        '',
      ].join('\n'),
    );
  });

  it('environment keys win unless --profile is given; --json through the CLI', async () => {
    const env = {
      ...home.env,
      AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT00001',
      AWS_SECRET_ACCESS_KEY: 'envSecret',
      AWS_REGION: 'ca-central-1',
    };
    const fromEnv = await listConfiguration(home.system(env));
    expect(fromEnv.rows.find((r) => r.name === 'access_key')).toEqual({
      name: 'access_key',
      value: 'AKIA…0001',
      type: 'env',
      location: 'AWS_ACCESS_KEY_ID',
    });
    const r = await runCli(['configure', 'list', '--profile', 'personal', '--json'], { env });
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout) as { profile: string; settings: Array<Record<string, unknown>> };
    expect(parsed.profile).toBe('personal');
    expect(parsed.settings.map((s) => [s.name, s.type])).toEqual([
      ['profile', 'manual'],
      ['access_key', 'shared-credentials-file'],
      ['secret_key', 'shared-credentials-file'],
      ['region', 'env'],
      ['output', 'config-file'],
    ]);
    expect(r.stdout).not.toContain('personalSecretValue');
    expect(r.stdout).not.toContain('envSecret');
  });
});

describe('configure list sources (the resolution plan of botocore’s chain)', () => {
  it('names role, login and missing profiles the way botocore resolves them', async () => {
    await home.write(
      '.aws/config',
      `${CONFIG}\n[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/deploy\nsource_profile = personal\n\n[profile web]\nlogin_session = arn:aws:iam::123456789012:user/ada\nregion = us-west-2\n`,
    );
    const type = async (profile: string) =>
      (await listConfiguration(home.system(home.env), { profile })).rows.find((r) => r.name === 'access_key');
    expect(await type('deploy')).toMatchObject({ type: 'assume-role', value: '(resolved when used)' });
    expect(await type('web')).toMatchObject({ type: 'login', location: home.path('.aws/config') });
    const missing = await listConfiguration(home.system(home.env), { profile: 'nope' });
    expect(missing.rows.find((r) => r.name === 'access_key')?.type).toBe('not-set');
    expect(missing.notes.join('\n')).toMatch(/nope/);
    const viaDefaultProfile = await listConfiguration(home.system({ ...home.env, AWS_DEFAULT_PROFILE: 'personal' }));
    expect(viaDefaultProfile.rows[0]).toEqual({
      name: 'profile',
      value: 'personal',
      type: 'env',
      location: 'AWS_DEFAULT_PROFILE',
    });
  });
});

describe('security checks', () => {
  const DAY = 24 * 60 * 60 * 1000;

  it('long-lived keys older than 90 days are a warning; younger ones pass', async () => {
    const { admin } = server;
    const env = {
      ...systemEnv(),
      AWS_ACCESS_KEY_ID: admin.accessKeyId,
      AWS_SECRET_ACCESS_KEY: admin.secretAccessKey,
    };
    const fresh = await checkAccessKeyAge(home.system(env));
    expect(fresh).toMatchObject({ id: 'security.access-key-age', severity: 'ok' });
    expect(fresh.message).toMatch(/, 0 days old: younger than 90 days/);
    const later = Date.now() + 120 * DAY;
    const old = await checkAccessKeyAge(home.system(env, () => later));
    expect(old.severity).toBe('warning');
    expect(old.message).toMatch(/older than 90 days: AKIA…\w{4} \((119|120) days, created \d{4}-\d\d-\d\d\)/);
    expect(old.message).not.toContain(admin.accessKeyId);
    expect(old.fix).toMatch(/^aws iam create-access-key/);
  });

  it('plugs into the doctor as a hygiene check', async () => {
    const { admin, limited } = server;
    const keys = (k: { accessKeyId: string; secretAccessKey: string }) => ({
      ...systemEnv(),
      AWS_ACCESS_KEY_ID: k.accessKeyId,
      AWS_SECRET_ACCESS_KEY: k.secretAccessKey,
    });
    const set = await loadProfileSet(home.system(systemEnv()), 'boto3');
    const check = accessKeyAgeHygieneCheck();
    expect(await check(home.system(keys(admin)), set)).toEqual([]);
    const old = await check(
      home.system(keys(admin), () => Date.now() + 200 * DAY),
      set,
    );
    expect(old).toEqual([expect.objectContaining({ id: 'access-key-age', severity: 'warning' })]);
    const denied = await check(home.system(keys(limited)), set);
    expect(denied).toEqual([expect.objectContaining({ id: 'access-key-age', severity: 'info' })]);
    expect(denied[0]?.message).toMatch(/Could not check/);
  });

  it('reports "could not check" when iam:ListAccessKeys is denied', async () => {
    const { limited } = server;
    const finding = await checkAccessKeyAge(
      home.system({
        ...systemEnv(),
        AWS_ACCESS_KEY_ID: limited.accessKeyId,
        AWS_SECRET_ACCESS_KEY: limited.secretAccessKey,
      }),
    );
    expect(finding.severity).toBe('unknown');
    expect(finding.message).toMatch(/^Could not check the age of key AKIA…\w{4}: iam:ListAccessKeys is denied\.$/);
  });

  it('temporary credentials have nothing to rotate; no credentials is "could not check"', async () => {
    const temporary = await checkAccessKeyAge(home.system(systemEnv()), {
      credentials: { accessKeyId: 'ASIATEMPORARY0000001', secretAccessKey: 's', sessionToken: 't' },
    });
    expect(temporary.severity).toBe('ok');
    const none = await checkAccessKeyAge(home.system(systemEnv()), { profile: 'nobody' });
    expect(none.severity).toBe('unknown');
  });

  it('credentials files readable by group or others are found, with the chmod that fixes them', async () => {
    const system = home.system(systemEnv());
    const before = await checkCredentialFilePermissions(system);
    // CONFIG is 0644 but holds no secrets: info. The credentials file is 0600: fine.
    expect(before).toEqual([
      {
        id: 'security.file-permissions',
        severity: 'info',
        message: `${home.path('.aws/config')} is accessible to group and others (mode 0644).`,
        fix: `chmod 600 '${home.path('.aws/config')}'`,
      },
    ]);
    await chmod(home.path('.aws/credentials'), 0o640);
    const after = await checkCredentialFilePermissions(system);
    expect(after[0]).toMatchObject({
      severity: 'warning',
      message: `${home.path('.aws/credentials')} is accessible to group (mode 0640) and holds secrets.`,
    });
    await chmod(home.path('.aws/credentials'), 0o600);
    await chmod(home.path('.aws/config'), 0o600);
    expect(await checkCredentialFilePermissions(system)).toEqual([expect.objectContaining({ severity: 'ok' })]);
  });

  it('access keys in the environment: long-lived is a warning, temporary is info, none is ok', () => {
    const longLived = checkEnvironmentKeys(
      home.system({ AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT00001', AWS_SECRET_ACCESS_KEY: 'x' }),
    );
    expect(longLived).toMatchObject({ id: 'security.env-keys', severity: 'warning' });
    expect(longLived.message).toContain('AKIA…0001');
    expect(longLived.fix).toContain('unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN');
    expect(
      checkEnvironmentKeys(
        home.system({ AWS_ACCESS_KEY_ID: 'ASIATEMP000000000001', AWS_SECRET_ACCESS_KEY: 'x', AWS_SESSION_TOKEN: 't' }),
      ).severity,
    ).toBe('info');
    expect(checkEnvironmentKeys(home.system()).severity).toBe('ok');
  });

  it('runSecurityChecks returns every finding in a stable order', async () => {
    const findings = await runSecurityChecks(home.system(systemEnv()));
    expect(findings.map((f) => f.id)).toEqual([
      'security.env-keys',
      'security.file-permissions',
      'security.access-key-age',
    ]);
  });
});
