import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCredentialsEndpoint } from '../../src/bridge/endpoint.js';
import { setupProcessProfile } from '../../src/bridge/setup-process.js';
import { writeLoginSession, type WrittenLoginSession } from '../helpers/login-fixture.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs `script` (ESM) in a fresh Node process with exactly `env`, from the repo root so the SDK resolves. */
function node(script: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env, cwd: ROOT });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

const PRINT = `.then((c) => console.log(JSON.stringify({ key: c.accessKeyId, expiration: c.expiration?.toISOString() })))`;

let home: TempHome;
let session: WrittenLoginSession;
beforeAll(async () => {
  home = await makeTempHome();
  session = await writeLoginSession(home.home, {
    profile: 'dev',
    region: 'us-east-1',
    expiresAt: Date.now() + 60 * 60 * 1000,
  });
});
afterAll(() => home.cleanup());

describe('the JS SDK reads the bridges too', () => {
  it('fromHttp accepts the endpoint (Z-terminated Expiration, token header, loopback URL)', async () => {
    const endpoint = await startCredentialsEndpoint({
      provider: async () => ({
        accessKeyId: 'ASIAEXAMPLEEXAMPLE06',
        secretAccessKey: 'secret',
        sessionToken: 'token',
        expiration: new Date(Date.now() + 30 * 60 * 1000),
      }),
    });
    try {
      const result = await node(`import { fromHttp } from '@aws-sdk/credential-providers'; fromHttp({})()${PRINT}`, {
        ...home.env,
        AWS_CONTAINER_CREDENTIALS_FULL_URI: endpoint.url,
        AWS_CONTAINER_AUTHORIZATION_TOKEN: endpoint.token,
      });
      expect(result.code, result.out).toBe(0);
      expect(JSON.parse(result.out)).toMatchObject({ key: 'ASIAEXAMPLEEXAMPLE06' });
    } finally {
      await endpoint.close();
    }
  });

  it('fromProcess runs the setup-process line through a shell and reads the JSON', async () => {
    await setupProcessProfile(home.system(), { profile: 'dev' });
    const result = await node(
      `import { fromProcess } from '@aws-sdk/credential-providers'; fromProcess({ profile: 'dev-process' })()${PRINT}`,
      home.env,
    );
    expect(result.code, result.out).toBe(0);
    const parsed = JSON.parse(result.out) as { key: string; expiration: string };
    expect(parsed.key).toBe(session.accessKeyId);
    expect(Date.parse(parsed.expiration)).toBeGreaterThan(Date.now() + 50 * 60 * 1000);
  });
});
