import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromLoginCache } from '../../src/login/index.js';
import { writeLoginSession } from '../helpers/login-fixture.js';
import { startMoto, type MotoServer } from '../helpers/moto.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';
import { startSigninTestServer, type SigninTestServer } from '../servers/signin-test-server.js';

let moto: MotoServer;
let server: SigninTestServer;
let home: TempHome;
/** The test's clock, shared by the System and the sign-in test server (which checks DPoP iat against it). */
let now = Date.now();
beforeAll(async () => {
  [moto, server, home] = await Promise.all([
    startMoto(),
    startSigninTestServer({ expiresIn: 900, now: () => now }),
    makeTempHome(),
  ]);
});
afterAll(async () => {
  await Promise.all([moto?.stop(), server?.stop(), home?.cleanup()]);
});

describe('fromLoginCache with a real SDK v3 client', () => {
  it('STS GetCallerIdentity works before and after a transparent refresh', async () => {
    now = Date.now();
    const s = await writeLoginSession(home.home, {
      profile: 'dev',
      region: 'us-east-1',
      expiresAt: now + 20 * 60_000,
      server,
    });
    // The System's clock lets the test cross the refresh boundary without waiting; the test server shares it.
    const system = home.system(s.env, () => now);
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: fromLoginCache({ profile: 'dev', system }),
    });
    const exchanges = server.exchanges;
    const before = await sts.send(new GetCallerIdentityCommand({}));
    expect(before.Account).toMatch(/^\d{12}$/);
    expect(server.exchanges).toBe(exchanges);
    expect(await sts.config.credentials()).toMatchObject({ accessKeyId: s.accessKeyId });

    // 17 minutes later: 3 minutes left, inside the 5-minute window. The SDK asks its provider again only when its
    // cached identity nears expiry, so a new client is the plain way to ask now.
    now += 17 * 60_000;
    const later = new STSClient({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: fromLoginCache({ profile: 'dev', system }),
    });
    const after = await later.send(new GetCallerIdentityCommand({}));
    expect(after.Account).toMatch(/^\d{12}$/);
    expect(server.exchanges).toBe(exchanges + 1);
    const used = await later.config.credentials();
    expect(used.accessKeyId).toBe(server.issued.at(-1)!.accessKeyId);
    expect(used.expiration!.getTime()).toBeGreaterThan(now + 14 * 60_000);
  });
});
