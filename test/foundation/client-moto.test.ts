import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createClient } from '../../src/helpers/client.js';
import { startMoto, type MotoServer } from '../helpers/moto.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

let moto: MotoServer;
let home: TempHome;
beforeAll(async () => {
  moto = await startMoto();
  home = await makeTempHome();
});
afterAll(async () => {
  await moto?.stop();
  await home?.cleanup();
});

describe('createClient', () => {
  it('wires region, endpoint override and credentials from the System into a real SDK client', async () => {
    const system = home.system({
      ...moto.env,
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    });
    const sts = await createClient(STSClient, { system, serviceId: 'STS' });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toMatch(/^\d{12}$/);
    expect(await sts.config.region()).toBe('us-east-1');
  });

  it('says which region is missing and how to set it', async () => {
    await expect(createClient(STSClient, { system: home.system(), serviceId: 'STS' })).rejects.toMatchObject({
      reason: 'region.missing',
    });
  });
});
