import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planResolution, type BotocoreCapabilities } from '../../src/credentials/plan.js';
import { loadProfileSet } from '../../src/credentials/profiles.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

const NEW: BotocoreCapabilities = {
  botocoreVersion: '1.43.11',
  hasLoginProvider: true,
  hasAwscrt: true,
  origin: 'probe',
};
const OLD: BotocoreCapabilities = {
  botocoreVersion: '1.35.0',
  hasLoginProvider: false,
  hasAwscrt: false,
  origin: 'probe',
};
const NO_CRT: BotocoreCapabilities = { ...NEW, hasAwscrt: false };

let home: TempHome;
beforeEach(async () => {
  home = await makeTempHome();
});
afterEach(async () => {
  await home.cleanup();
});

async function plan(
  env: Record<string, string> = {},
  options: { profile?: string; sdk?: 'boto3' | 'node'; capabilities?: BotocoreCapabilities } = {},
) {
  const system = home.system(env);
  return planResolution(system, await loadProfileSet(system, options.sdk ?? 'boto3'), options);
}

describe('planResolution (pure: files and environment only, nothing fetched)', () => {
  it("lists botocore's sources in botocore's order", async () => {
    const p = await plan();
    expect(p.steps.map((s) => s.source)).toEqual([
      'env',
      'assume-role',
      'assume-role-with-web-identity',
      'sso',
      'shared-credentials-file',
      'login',
      'custom-process',
      'config-file',
      'container-role',
      'iam-role',
    ]);
    expect(p.steps.every((s) => s.status === 'skipped')).toBe(true);
    expect(p.steps.find((s) => s.source === 'iam-role')?.reason).toContain('AWS_EC2_METADATA_DISABLED');
  });

  it("lists the JS SDK's default chain in its order", async () => {
    const p = await plan({}, { sdk: 'node' });
    expect(p.steps.map((s) => s.source)).toEqual([
      'env',
      'sso',
      'shared-credentials-file',
      'assume-role-with-web-identity',
      'container-role',
      'iam-role',
    ]);
  });

  it('login_session: ignored by an old botocore, MissingDependencyException without awscrt, configured otherwise', async () => {
    await home.write('.aws/config', '[default]\nlogin_session = arn:aws:iam::123456789012:user/me\n');
    const old = (await plan({}, { capabilities: OLD })).steps.find((s) => s.source === 'login')!;
    expect(old).toMatchObject({ status: 'skipped' });
    expect(old.reason).toContain('1.35.0');
    const noCrt = (await plan({}, { capabilities: NO_CRT })).steps.find((s) => s.source === 'login')!;
    expect(noCrt.error?.code).toBe('MissingDependencyException');
    const ok = (await plan({}, { capabilities: NEW })).steps.find((s) => s.source === 'login')!;
    expect(ok).toMatchObject({ status: 'configured', fetch: { kind: 'login', profile: 'default' } });
  });

  it('an explicit profile turns env keys off in boto3; AWS_PROFILE does so in node only', async () => {
    await home.write('.aws/credentials', '[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = s\n');
    const env = { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 's' };
    expect((await plan(env, { profile: 'dev' })).steps[0]).toMatchObject({ source: 'env', status: 'skipped' });
    expect((await plan({ ...env, AWS_PROFILE: 'dev' })).steps[0]).toMatchObject({
      source: 'env',
      status: 'configured',
    });
    expect((await plan({ ...env, AWS_PROFILE: 'dev' }, { sdk: 'node' })).steps[0]).toMatchObject({
      source: 'env',
      status: 'skipped',
    });
  });

  it('says which profile variable won and why the other is ignored', async () => {
    await home.write(
      '.aws/credentials',
      '[a]\naws_access_key_id = A\naws_secret_access_key = s\n[b]\naws_access_key_id = B\naws_secret_access_key = s\n',
    );
    const boto = await plan({ AWS_DEFAULT_PROFILE: 'a', AWS_PROFILE: 'b' });
    expect(boto).toMatchObject({ profile: 'a', profileFrom: 'AWS_DEFAULT_PROFILE' });
    expect(boto.notes.join()).toContain('AWS_PROFILE=b is ignored');
    const node = await plan({ AWS_DEFAULT_PROFILE: 'a', AWS_PROFILE: 'b' }, { sdk: 'node' });
    expect(node).toMatchObject({ profile: 'b', profileFrom: 'AWS_PROFILE' });
  });

  it('describes a role chain down to its base credentials', async () => {
    await home.write(
      '.aws/config',
      '[profile top]\nrole_arn = arn:aws:iam::1:role/top\nsource_profile = mid\n[profile mid]\nrole_arn = arn:aws:iam::1:role/mid\nsource_profile = base\n[profile base]\ncredential_process = /bin/true\n',
    );
    const step = (await plan({}, { profile: 'top' })).steps.find((s) => s.source === 'assume-role')!;
    expect(step.status).toBe('configured');
    expect(step.reason).toBe(
      'role chain: arn:aws:iam::1:role/top ← arn:aws:iam::1:role/mid ← credential_process of profile base',
    );
    expect(step.fetch).toMatchObject({
      kind: 'assume-role',
      source: { kind: 'assume-role', source: { kind: 'process', command: '/bin/true' } },
    });
  });

  it('reports a parse error as fatal with its line, before any source', async () => {
    await home.write('.aws/config', '[default]\nregion = us-east-1\n[default]\n');
    const p = await plan({ AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 's' });
    expect(p.fatal?.code).toBe('ConfigParseError');
    expect(p.fatal?.message).toContain('line 3');
    expect(p.steps).toHaveLength(0);
  });

  it('IMDS is planned unless disabled (botocore: only "true"; node: anything but "false")', async () => {
    const on = await plan({ AWS_EC2_METADATA_DISABLED: 'false' });
    expect(on.steps.at(-1)).toMatchObject({ source: 'iam-role', status: 'configured', fetch: { kind: 'imds' } });
    const yes = await plan({ AWS_EC2_METADATA_DISABLED: 'yes' });
    expect(yes.steps.at(-1)?.status).toBe('configured');
    const yesNode = await plan({ AWS_EC2_METADATA_DISABLED: 'yes' }, { sdk: 'node' });
    expect(yesNode.steps.at(-1)?.status).toBe('skipped');
  });

  it('carries no secret values, only where to read them', async () => {
    await home.write(
      '.aws/credentials',
      '[default]\naws_access_key_id = AKIAX\naws_secret_access_key = very-secret-value\n',
    );
    const p = await plan({ AWS_SECRET_ACCESS_KEY: 'env-secret-value', AWS_ACCESS_KEY_ID: 'AKIAENV' });
    expect(JSON.stringify(p)).not.toMatch(/very-secret-value|env-secret-value/);
  });
});
