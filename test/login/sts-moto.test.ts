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
let offsetMs = 0;
const clock = () => Date.now() + offsetMs;
beforeAll(async () => {
  [moto, server, home] = await Promise.all([
    startMoto(),
    startSigninTestServer({ expiresIn: 900, now: clock }),
    makeTempHome(),
  ]);
});
afterAll(async () => {
  await Promise.all([moto?.stop(), server?.stop(), home?.cleanup()]);
});

describe('fromLoginCache with a real SDK v3 client', () => {
  it('STS GetCallerIdentity works before and after a transparent refresh', async () => {
    const now = Date.now();
    const s = await writeLoginSession(home.home, {
      profile: 'dev',
      region: 'us-east-1',
      expiresAt: now + 20 * 60_000,
      server,
    });
    // The System's clock lets the test cross the refresh boundary without waiting; the test server shares it.
    const system = home.system(s.env, clock);
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
    offsetMs = 17 * 60_000;
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
    expect(used.expiration!.getTime()).toBeGreaterThan(clock() + 14 * 60_000);
    offsetMs = 0;
  });

  it('one client keeps working across refreshes when credentials are short-lived (each use refreshes)', async () => {
    offsetMs = 0;
    server.setExpiresIn(240); // under the 5-minute threshold: the SDK re-asks and the engine refreshes every time
    try {
      const s = await writeLoginSession(home.home, {
        profile: 'short',
        region: 'us-east-1',
        expiresAt: Date.now() + 4 * 60_000,
        server,
      });
      const sts = new STSClient({
        region: 'us-east-1',
        endpoint: moto.endpoint,
        credentials: fromLoginCache({ profile: 'short', system: home.system(s.env) }),
      });
      const exchanges = server.exchanges;
      const rejections = server.rejections.length;
      for (let i = 0; i < 3; i++) {
        expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toMatch(/^\d{12}$/);
      }
      // At least one refresh per request (the SDK may ask its provider more than once per request), and never a
      // refresh token presented twice.
      expect(server.exchanges).toBeGreaterThanOrEqual(exchanges + 3);
      expect(server.rejections.length).toBe(rejections);
      expect(server.isActive(s.refreshToken)).toBe(false);
      expect((await sts.config.credentials()).accessKeyId).toBe(server.issued.at(-1)!.accessKeyId);
    } finally {
      server.setExpiresIn(900);
    }
  });
});
