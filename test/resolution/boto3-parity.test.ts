import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCredentials, type ResolutionResult } from '../../src/credentials/resolve.js';
import { capabilitiesOf, probePython } from '../../src/credentials/python-probe.js';
import type { BotocoreCapabilities } from '../../src/credentials/plan.js';
import { startMoto, type MotoServer } from '../helpers/moto.js';
import {
  botocoreVerdicts,
  startCredentialServer,
  FIXTURES,
  type BotocoreVerdict,
  type LocalServer,
} from '../helpers/oracles.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';
import { writeLoginSession } from '../helpers/login-fixture.js';
import { rm } from 'node:fs/promises';
import { BOTO3_SCENARIOS, type Scenario } from './scenarios.js';

let moto: MotoServer;
let server: LocalServer;
let capabilities: BotocoreCapabilities;
const homes: TempHome[] = [];
const ours: ResolutionResult[] = [];
let theirs: BotocoreVerdict[] = [];

const loginKeys = new Map<number, string>();

async function materialise(
  scenario: Scenario,
  index: number,
): Promise<{ env: Record<string, string>; home: TempHome }> {
  const home = await makeTempHome();
  homes.push(home);
  if (scenario.login) {
    const written = await writeLoginSession(home.home, {
      profile: scenario.login.profile,
      region: 'us-east-1',
      expiresAt: Date.now() + scenario.login.expiresInMs,
    });
    if (scenario.login.cache === false) await rm(written.cacheFile);
    loginKeys.set(index, written.accessKeyId);
  }
  const fill = (text: string) =>
    text.replaceAll('$HOME', home.home).replaceAll('$SERVER', server.url).replaceAll('$FIX', FIXTURES);
  for (const [path, content] of Object.entries(scenario.files ?? {})) await home.write(path, fill(content));
  const env: Record<string, string> = { ...home.env };
  if (scenario.sts) Object.assign(env, { AWS_ENDPOINT_URL: moto.endpoint, AWS_DEFAULT_REGION: 'us-east-1' });
  for (const [k, v] of Object.entries(scenario.env ?? {})) env[k] = fill(v);
  return { env, home };
}

beforeAll(async () => {
  [moto, server] = await Promise.all([startMoto(), startCredentialServer()]);
  capabilities = capabilitiesOf(await probePython('python3', { env: { PATH: process.env.PATH ?? '' } }));
  const prepared = await Promise.all(BOTO3_SCENARIOS.map((s, i) => materialise(s, i)));
  theirs = await botocoreVerdicts(
    prepared.map((p, i) => ({ env: p.env, profile: BOTO3_SCENARIOS[i]!.profile, awscrt: BOTO3_SCENARIOS[i]!.awscrt })),
  );
  for (const [i, p] of prepared.entries()) {
    const caps = BOTO3_SCENARIOS[i]!.awscrt ? { ...capabilities, hasAwscrt: true } : capabilities;
    ours.push(
      await resolveCredentials(p.home.system(p.env), {
        profile: BOTO3_SCENARIOS[i]!.profile,
        sdk: 'boto3',
        capabilities: caps,
      }),
    );
  }
}, 120_000);

afterAll(async () => {
  await Promise.all([moto?.stop(), server?.close(), ...homes.map((h) => h.cleanup())]);
});

describe('boto3 mode matches real botocore on every scenario', () => {
  it.each(BOTO3_SCENARIOS.map((s, i) => [s.name, i] as const))('%s', (_name, i) => {
    const scenario = BOTO3_SCENARIOS[i]!;
    const result = ours[i]!;
    const real = theirs[i]!;
    if ('error' in scenario.expect) {
      expect(real.error, real.message).toBe(scenario.expect.error);
      expect(result.ok).toBe(false);
      expect(result.error?.code, result.error?.message).toBe(real.error);
      if (real.method) expect(result.trace.find((t) => t.status === 'failed')?.source).toBe(real.method);
      return;
    }
    expect(real.error, real.message).toBeNull();
    expect(real.method).toBe(scenario.expect.source);
    expect(result.error, JSON.stringify(result.trace)).toBeUndefined();
    expect(result.source).toBe(real.method);
    if (scenario.randomKey) {
      expect(result.accessKeyId).toMatch(/^ASIA/);
      expect(real.accessKeyId).toMatch(/^ASIA/);
    } else {
      expect(result.accessKeyId).toBe(real.accessKeyId);
      expect(result.accessKeyId).toBe(scenario.expect.key === 'LOGIN' ? loginKeys.get(i) : scenario.expect.key);
    }
    // The trace names every source of the chain once, in botocore's order, and never a secret.
    expect(result.trace.filter((t) => t.status === 'used')).toHaveLength(1);
    expect(JSON.stringify(result)).not.toMatch(/secret-|fixture-secret|container-secret|sso-secret/);
  });
});
