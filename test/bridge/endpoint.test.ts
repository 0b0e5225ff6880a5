import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { startCredentialsEndpoint, type CredentialsEndpoint } from '../../src/bridge/endpoint.js';
import { AwsDoctorError } from '../../src/errors.js';
import type { AwsCredentials, CredentialProvider } from '../../src/credentials/types.js';

interface Reply {
  status: number;
  body: string;
}

function get(url: string, headers: Record<string, string>, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A provider that counts its calls and mints new keys each time (a stand-in for any source; the login engine is
 * exercised end to end in boto3-bridges.test.ts). */
function countingProvider(lifetimeMs: number, delayMs = 0): CredentialProvider & { calls: number } {
  const provider = Object.assign(
    async (): Promise<AwsCredentials> => {
      provider.calls++;
      const serial = provider.calls;
      await new Promise((r) => setTimeout(r, delayMs));
      return {
        accessKeyId: `ASIATESTKEY${String(serial).padStart(9, '0')}`,
        secretAccessKey: `secret-${serial}`,
        sessionToken: `token-${serial}`,
        expiration: new Date(Date.now() + lifetimeMs),
      };
    },
    { calls: 0 },
  );
  return provider;
}

let endpoint: CredentialsEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

describe('credentials endpoint', () => {
  it('serves the container format to the holder of the token, on 127.0.0.1 only', async () => {
    endpoint = await startCredentialsEndpoint({ provider: countingProvider(60 * 60 * 1000) });
    expect(endpoint.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/awsdoctor\/credentials$/);
    expect(endpoint.token.length).toBeGreaterThanOrEqual(43);
    const ok = await get(endpoint.url, { Authorization: endpoint.token });
    expect(ok.status).toBe(200);
    const body = JSON.parse(ok.body) as Record<string, string>;
    expect(body.AccessKeyId).toBe('ASIATESTKEY000000001');
    expect(body.Token).toBe('token-1');
    expect(body.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('answers 401 and no credentials without the token or with a wrong one', async () => {
    const provider = countingProvider(60 * 60 * 1000);
    endpoint = await startCredentialsEndpoint({ provider });
    const attempts: Array<Record<string, string>> = [
      {},
      { Authorization: 'wrong' },
      { Authorization: `${endpoint.token}x` },
      { Authorization: '' },
    ];
    for (const headers of attempts) {
      const reply = await get(endpoint.url, headers);
      expect(reply.status).toBe(401);
      expect(reply.body).not.toMatch(/AccessKeyId|secret|token-/);
    }
    // A wrong token never even reaches the credential source.
    expect(provider.calls).toBe(0);
  });

  it('refuses a foreign Host header (DNS rebinding) and browser requests, even with the token', async () => {
    endpoint = await startCredentialsEndpoint({ provider: countingProvider(60 * 60 * 1000) });
    const port = new URL(endpoint.url).port;
    for (const host of ['evil.example', `evil.example:${port}`, `localhost:${port}`, '127.0.0.1', `127.0.0.1:1`]) {
      const reply = await get(endpoint.url, { Authorization: endpoint.token, Host: host });
      expect(reply.status).toBe(403);
      expect(reply.body).not.toContain('AccessKeyId');
    }
    const browser = await get(endpoint.url, { Authorization: endpoint.token, Origin: 'https://evil.example' });
    expect(browser.status).toBe(403);
    expect((await get(endpoint.url, { Authorization: endpoint.token }, 'POST')).status).toBe(405);
    expect((await get(endpoint.url.replace('/credentials', '/other'), { Authorization: endpoint.token })).status).toBe(
      404,
    );
  });

  it('is not reachable on a non-loopback address, and refuses to bind one', async () => {
    await expect(startCredentialsEndpoint({ provider: countingProvider(1000), host: '0.0.0.0' })).rejects.toThrow(
      AwsDoctorError,
    );
    endpoint = await startCredentialsEndpoint({ provider: countingProvider(60 * 60 * 1000) });
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    // Every test machine so far has one; without one there is no other address to try.
    if (!external) return;
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({ host: external.address, port: endpoint!.port });
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(outcome).toBe('ECONNREFUSED');
  });

  it('gives N concurrent requests valid credentials with a single refresh (single-flight)', async () => {
    // 60 s lifetime is inside the 5-minute refresh margin: without single-flight every request would refresh.
    const provider = countingProvider(60 * 1000, 50);
    endpoint = await startCredentialsEndpoint({ provider });
    const replies = await Promise.all(
      Array.from({ length: 25 }, () => get(endpoint!.url, { Authorization: endpoint!.token })),
    );
    expect(provider.calls).toBe(1);
    for (const reply of replies) {
      expect(reply.status).toBe(200);
      const body = JSON.parse(reply.body) as { AccessKeyId: string; Expiration: string };
      expect(body.AccessKeyId).toBe('ASIATESTKEY000000001');
      expect(Date.parse(body.Expiration)).toBeGreaterThan(Date.now());
    }
  });

  it('answers from memory while fresh and refreshes once inside the margin', async () => {
    let clock = Date.now();
    const provider = countingProvider(10 * 60 * 1000);
    endpoint = await startCredentialsEndpoint({ provider, now: () => clock });
    const read = async () =>
      (JSON.parse((await get(endpoint!.url, { Authorization: endpoint!.token })).body) as { AccessKeyId: string })
        .AccessKeyId;
    expect(await read()).toBe('ASIATESTKEY000000001');
    expect(await read()).toBe('ASIATESTKEY000000001');
    expect(provider.calls).toBe(1);
    clock += 6 * 60 * 1000; // 4 minutes left: inside the 5-minute margin
    expect(await read()).toBe('ASIATESTKEY000000002');
    expect(provider.calls).toBe(2);
  });

  it('turns a source failure into a 500 whose message is the next step, with no credentials', async () => {
    const failing: CredentialProvider = async () => {
      throw new AwsDoctorError('login.expired', 'Your session has expired.', { hint: 'aws login --profile dev' });
    };
    endpoint = await startCredentialsEndpoint({ provider: failing });
    const reply = await get(endpoint.url, { Authorization: endpoint.token });
    expect(reply.status).toBe(500);
    expect(JSON.parse(reply.body)).toEqual({
      Code: 'CredentialsUnavailable',
      Message: 'awsdoctor: Your session has expired. next: aws login --profile dev',
    });
  });
});
