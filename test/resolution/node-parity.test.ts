import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCredentials, type ResolutionResult } from '../../src/credentials/resolve.js';
import { startMoto, type MotoServer } from '../helpers/moto.js';
import {
  nodeVerdicts,
  startCredentialServer,
  FIXTURES,
  type LocalServer,
  type NodeVerdict,
} from '../helpers/oracles.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';
import type { Scenario } from './scenarios.js';

const keys = (id: string) => `aws_access_key_id = ${id}\naws_secret_access_key = secret-${id}\n`;
const PROC = `python3 ${FIXTURES}credential-process/print-creds.py`;

/** The JS SDK's default chain: where it differs from botocore is the point of these scenarios. */
const NODE_SCENARIOS: Scenario[] = [
  { name: 'empty HOME', expect: { error: 'CredentialsProviderError' } },
  {
    name: 'environment keys',
    env: { AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT00001', AWS_SECRET_ACCESS_KEY: 's' },
    expect: { source: 'env', key: 'AKIAENVIRONMENT00001' },
  },
  {
    name: 'AWS_PROFILE turns environment keys off (unlike botocore)',
    files: { '.aws/credentials': `[dev]\n${keys('AKIADEVPROFILE000001')}` },
    env: { AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT00001', AWS_SECRET_ACCESS_KEY: 's', AWS_PROFILE: 'dev' },
    expect: { source: 'shared-credentials-file', key: 'AKIADEVPROFILE000001' },
  },
  {
    name: 'AWS_DEFAULT_PROFILE is ignored',
    files: { '.aws/credentials': `[default]\n${keys('AKIADEFAULT000000001')}[a]\n${keys('AKIAPROFILEA00000001')}` },
    env: { AWS_DEFAULT_PROFILE: 'a' },
    expect: { source: 'shared-credentials-file', key: 'AKIADEFAULT000000001' },
  },
  {
    name: 'config file keys',
    files: { '.aws/config': `[profile dev]\n${keys('AKIACONFIGDEV0000001')}` },
    profile: 'dev',
    expect: { source: 'config-file', key: 'AKIACONFIGDEV0000001' },
  },
  {
    name: 'missing profile ends the chain without credentials',
    env: { AWS_PROFILE: 'nope' },
    expect: { error: 'CredentialsProviderError' },
  },
  {
    name: 'credential_process through a shell',
    files: { '.aws/config': `[default]\ncredential_process = ${PROC} AKIAPROCESS000000001\n` },
    expect: { source: 'custom-process', key: 'AKIAPROCESS000000001' },
  },
  {
    name: 'assume-role with source_profile',
    files: {
      '.aws/config':
        '[profile role]\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = base\nregion = us-east-1\n',
      '.aws/credentials': `[base]\n${keys('AKIABASE000000000001')}`,
    },
    profile: 'role',
    sts: true,
    randomKey: true,
    expect: { source: 'assume-role' },
  },
  {
    name: 'web identity from the environment',
    files: { 'token.jwt': 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2ln' },
    env: { AWS_WEB_IDENTITY_TOKEN_FILE: '$HOME/token.jwt', AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/web' },
    sts: true,
    randomKey: true,
    expect: { source: 'assume-role-with-web-identity' },
  },
  {
    name: 'container endpoint',
    env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '$SERVER/creds' },
    expect: { source: 'container-role', key: 'AKIACONTAINER0000001' },
  },
];

let moto: MotoServer;
let server: LocalServer;
const homes: TempHome[] = [];
const ours: ResolutionResult[] = [];
const theirs: NodeVerdict[] = [];

beforeAll(async () => {
  [moto, server] = await Promise.all([startMoto(), startCredentialServer()]);
  const prepared = await Promise.all(
    NODE_SCENARIOS.map(async (scenario) => {
      const home = await makeTempHome();
      homes.push(home);
      const fill = (t: string) => t.replaceAll('$HOME', home.home).replaceAll('$SERVER', server.url);
      for (const [path, content] of Object.entries(scenario.files ?? {})) await home.write(path, fill(content));
      const env: Record<string, string> = { ...home.env };
      if (scenario.sts) Object.assign(env, { AWS_ENDPOINT_URL: moto.endpoint, AWS_REGION: 'us-east-1' });
      for (const [k, v] of Object.entries(scenario.env ?? {})) env[k] = fill(v);
      return { env, home };
    }),
  );
  theirs.push(...(await nodeVerdicts(prepared.map((p, i) => ({ env: p.env, profile: NODE_SCENARIOS[i]!.profile })))));
  for (const [i, p] of prepared.entries())
    ours.push(await resolveCredentials(p.home.system(p.env), { profile: NODE_SCENARIOS[i]!.profile, sdk: 'node' }));
}, 120_000);

afterAll(async () => {
  await Promise.all([moto?.stop(), server?.close(), ...homes.map((h) => h.cleanup())]);
});

describe('node mode matches @aws-sdk/credential-provider-node', () => {
  it.each(NODE_SCENARIOS.map((s, i) => [s.name, i] as const))('%s', (_name, i) => {
    const scenario = NODE_SCENARIOS[i]!;
    const result = ours[i]!;
    const real = theirs[i]!;
    if ('error' in scenario.expect) {
      expect(real.error, real.message).toBe(scenario.expect.error);
      expect(result.error?.code).toBe(real.error);
      return;
    }
    expect(real.error, real.message).toBeNull();
    expect(result.error, JSON.stringify(result.trace)).toBeUndefined();
    expect(result.source).toBe(scenario.expect.source);
    if (scenario.randomKey) {
      expect(result.accessKeyId).toMatch(/^ASIA/);
      expect(real.accessKeyId).toMatch(/^ASIA/);
    } else {
      expect(real.accessKeyId).toBe(scenario.expect.key);
      expect(result.accessKeyId).toBe(real.accessKeyId);
    }
  });
});
