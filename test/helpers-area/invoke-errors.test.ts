import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvokeError, invokeLambda } from '../../src/helpers/invoke.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';
import { runCli } from '../helpers/cli.js';
import { createFunction, startEnforcedMoto, type EnforcedMoto, type Keys } from './lambda-fixture.js';

let server: EnforcedMoto;
let home: TempHome;

function envWith(keys: Keys, region = 'us-east-1'): Record<string, string> {
  return {
    ...home.env,
    AWS_ENDPOINT_URL: server.moto.endpoint,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
  };
}

beforeAll(async () => {
  server = await startEnforcedMoto();
  home = await makeTempHome();
  // Moto's default (Docker) Lambda backend: invoking a missing function fails before any container is needed.
  await createFunction(server.moto, 'hello', 'us-east-1', server.admin);
});
afterAll(async () => {
  await server?.moto.stop();
  await home?.cleanup();
});

describe('invocation errors, with IAM enforced by moto', () => {
  it('AccessDenied is an invocation error carrying the service message, with explain as the next step', async () => {
    const error = await invokeLambda(
      'hello',
      {},
      { system: home.system(envWith(server.limited)), maxAttempts: 1 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvokeError);
    const invokeError = error as InvokeError;
    expect(invokeError.reason).toBe('invoke.access-denied');
    expect(invokeError.sdk?.message).toContain(`User: ${server.limited.arn} is not authorized to perform: lambda:`);
    expect(invokeError.hint).toMatch(/awsdoctor explain/);
  });

  it('a missing function suggests listing the functions of that region', async () => {
    const error = await invokeLambda('no-such-function', {}, { system: home.system(envWith(server.admin)) }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ reason: 'invoke.function-not-found', region: 'us-east-1' });
    expect((error as InvokeError).hint).toMatch(/^aws lambda list-functions --region us-east-1/);
  });

  it('unknown keys are reported as invalid credentials, not as a missing function', async () => {
    const bogus = { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'not-a-real-secret' };
    const error = await invokeLambda('hello', {}, { system: home.system(envWith(bogus)), maxAttempts: 1 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ reason: 'invoke.invalid-credentials' });
  });
});

describe('awsdoctor invoke errors (CLI)', () => {
  it('AccessDenied: prints the error, points to awsdoctor explain with the message, exits 1', async () => {
    const r = await runCli(['invoke', 'hello', '--payload', '{}'], { env: envWith(server.limited) });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`is not authorized to perform: lambda:`);
    expect(r.stderr).toMatch(/next: awsdoctor explain/);
    // The access area's parser explains it in one line.
    expect(r.stderr).toMatch(
      /^ {2}why: IAM user limited \(arn:aws:iam::\d{12}:user\/limited\) is denied lambda:Invoke\. /m,
    );
    expect(r.stderr).not.toContain(server.limited.secretAccessKey);
  });

  it('ResourceNotFound: one line and the list-functions command, exit 1', async () => {
    const r = await runCli(['invoke', 'nope', '--payload', '{}', '--region', 'us-east-2'], {
      env: envWith(server.admin),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^awsdoctor: Function nope was not found in us-east-2/);
    expect(r.stderr).toContain('next: aws lambda list-functions --region us-east-2');
  });
});
