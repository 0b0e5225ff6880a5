import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { InvokeError, invokeLambda, MAX_SYNC_PAYLOAD_BYTES } from '../../src/helpers/invoke.js';
import { invokeResultJson } from '../../src/cli/invoke.js';
import { startMoto, type MotoServer } from '../helpers/moto.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';
import { runCli } from '../helpers/cli.js';
import { ADMIN_KEYS, createFunction, queueLambdaResults, useSimpleLambda } from './lambda-fixture.js';
import { startLambdaLikeServer } from './lambda-server.js';

let moto: MotoServer;
let home: TempHome;
let env: Record<string, string>;

beforeAll(async () => {
  moto = await startMoto();
  home = await makeTempHome();
  await useSimpleLambda(moto);
  await createFunction(moto, 'echo');
  env = { ...home.env, ...moto.env, ...ADMIN_KEYS };
});
afterAll(async () => {
  await moto?.stop();
  await home?.cleanup();
});

describe('invokeLambda against moto (Docker-less Lambda)', () => {
  it('sends the payload as JSON and decodes a JSON response', async () => {
    const result = await invokeLambda('echo', { name: 'Ada', n: [1, 2] }, { system: home.system(env) });
    expect(result).toMatchObject({
      statusCode: 200,
      isJson: true,
      json: { name: 'Ada', n: [1, 2] },
      functionError: undefined,
      region: 'us-east-1',
      regionSource: 'AWS_REGION',
      invocationType: 'RequestResponse',
    });
  });

  it('returns a non-JSON response as raw text', async () => {
    await queueLambdaResults(moto, ['plain text, not JSON']);
    const result = await invokeLambda('echo', {}, { system: home.system(env) });
    expect(result.isJson).toBe(false);
    expect(result.payload).toBe('plain text, not JSON');
  });

  it('handles a ~5 MB response and a request near the 6 MB limit', async () => {
    const big = JSON.stringify({ blob: 'x'.repeat(5_000_000) });
    await queueLambdaResults(moto, [big]);
    const result = await invokeLambda('echo', {}, { system: home.system(env) });
    expect(result.payloadBytes).toBe(big.length);
    expect((result.json as { blob: string }).blob.length).toBe(5_000_000);

    // moto echoes the request when nothing is queued: 5.9 MB goes there and back.
    const request = { blob: 'y'.repeat(5_900_000) };
    const echoed = await invokeLambda('echo', request, { system: home.system(env) });
    expect(echoed.functionError).toBeUndefined();
    expect((echoed.json as { blob: string }).blob.length).toBe(5_900_000);
  });

  it('refuses a function name with spaces or control characters', async () => {
    for (const name of ['', 'two words', 'evil\u001b[2J', 'x'.repeat(300)]) {
      await expect(invokeLambda(name, {}, { system: home.system(env) })).rejects.toMatchObject({
        reason: 'invoke.bad-function-name',
      });
    }
  });

  it('refuses a request over 6 MB before sending it', async () => {
    const error = await invokeLambda(
      'echo',
      { blob: 'z'.repeat(MAX_SYNC_PAYLOAD_BYTES) },
      { system: home.system(env) },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvokeError);
    expect(error).toMatchObject({ reason: 'invoke.payload-too-large' });
  });

  it('reports a function error (moto: response too large) as functionError, not as a thrown error', async () => {
    await queueLambdaResults(moto, ['w'.repeat(6_100_000)]);
    const result = await invokeLambda('echo', {}, { system: home.system(env) });
    expect(result.functionError).toMatchObject({ kind: 'Unhandled', errorType: 'Function.ResponseSizeTooLarge' });
    expect(result.functionError?.errorMessage).toMatch(/payload size exceeded/);
  });

  it('invokes asynchronously (Event, HTTP 202)', async () => {
    const result = await invokeLambda('echo', { a: 1 }, { system: home.system(env), async: true });
    expect(result.statusCode).toBe(202);
    expect(result.invocationType).toBe('Event');
  });
});

describe('invokeLambda wire details (real local server speaking the Invoke protocol)', () => {
  it('parses an unhandled function error with its stack trace and decodes the log tail', async () => {
    const log = 'START RequestId: 1\nTraceback: ZeroDivisionError\nEND RequestId: 1\n';
    const server = await startLambdaLikeServer([
      {
        headers: {
          'x-amz-function-error': 'Unhandled',
          'x-amz-log-result': Buffer.from(log).toString('base64'),
          'x-amz-executed-version': '$LATEST',
        },
        body: JSON.stringify({
          errorMessage: 'division by zero',
          errorType: 'ZeroDivisionError',
          stackTrace: ['  File "/var/task/app.py", line 3, in handler\n    return 1 / 0\n'],
        }),
      },
    ]);
    try {
      const system = home.system({
        ...home.env,
        ...ADMIN_KEYS,
        AWS_REGION: 'eu-west-1',
        AWS_ENDPOINT_URL: server.endpoint,
      });
      const result = await invokeLambda('calc', { x: 0 }, { system, log: true });
      expect(result.functionError).toEqual({
        kind: 'Unhandled',
        errorType: 'ZeroDivisionError',
        errorMessage: 'division by zero',
        stackTrace: ['  File "/var/task/app.py", line 3, in handler\n    return 1 / 0\n'],
      });
      expect(result.logTail).toBe(log);
      expect(result.executedVersion).toBe('$LATEST');
      expect(server.requests[0]?.headers['x-amz-log-type']).toBe('Tail');
      expect(server.requests[0]?.body).toBe('{"x":0}');
    } finally {
      await server.close();
    }
  });

  it('takes the region from the profile, and falls back to the guide’s us-west-2 saying so', async () => {
    const server = await startLambdaLikeServer([{ body: '{}' }, { body: '{}' }]);
    const tmp = await makeTempHome();
    try {
      await tmp.write('.aws/config', '[profile eu]\nregion = eu-central-1\n');
      const warnings: string[] = [];
      const base = { ...tmp.env, ...ADMIN_KEYS, AWS_ENDPOINT_URL: server.endpoint };
      const fromProfile = await invokeLambda('f', {}, { system: tmp.system({ ...base, AWS_PROFILE: 'eu' }) });
      expect(fromProfile).toMatchObject({ region: 'eu-central-1', regionSource: 'profile' });
      const system = tmp.system(base);
      const quiet = { ...system, warn: (m: string) => warnings.push(m) };
      const fallback = await invokeLambda('f', {}, { system: quiet });
      expect(fallback).toMatchObject({ region: 'us-west-2', regionSource: 'default' });
      expect(warnings.join('\n')).toMatch(/no region is set.*us-west-2/);
      expect(server.requests.map((r) => r.signedRegion)).toEqual(['eu-central-1', 'us-west-2']);
    } finally {
      await server.close();
      await tmp.cleanup();
    }
  });

  it('spots the wrong region when the ARN names another one (Lambda answers ResourceNotFound)', async () => {
    const arn = 'arn:aws:lambda:us-east-2:123456789012:function:calc';
    const notFound = {
      status: 404,
      headers: { 'x-amzn-errortype': 'ResourceNotFoundException' },
      body: JSON.stringify({ Type: 'User', message: `Function not found: ${arn}` }),
    };
    const server = await startLambdaLikeServer([notFound, notFound]);
    try {
      const local = { ...home.env, ...ADMIN_KEYS, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: server.endpoint };
      const warnings: string[] = [];
      const system = { ...home.system(local), warn: (m: string) => warnings.push(m) };
      const error = await invokeLambda(arn, {}, { system }).catch((e: unknown) => e);
      expect(error).toMatchObject({ reason: 'invoke.wrong-region', region: 'us-east-1' });
      expect((error as InvokeError).message).toMatch(/names region us-east-2, but the call went to us-east-1/);
      expect((error as InvokeError).hint).toBe(`awsdoctor invoke ${arn} --region us-east-2`);
      expect(warnings).toEqual(['the function ARN names region us-east-2 but the call goes to us-east-1']);
      const cli = await runCli(['invoke', arn, '--payload', '{}'], { env: local });
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain(`next: awsdoctor invoke ${arn} --region us-east-2`);
    } finally {
      await server.close();
    }
  });

  it('gives a clear error for a gateway answering 403 with an XML body on the JSON protocol', async () => {
    const server = await startLambdaLikeServer([
      {
        status: 403,
        headers: { 'content-type': 'text/xml' },
        body: '<ErrorResponse><Error><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/bob is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:eu-west-1:123456789012:function:calc</Message></Error></ErrorResponse>',
      },
    ]);
    try {
      const system = home.system({
        ...home.env,
        ...ADMIN_KEYS,
        AWS_REGION: 'eu-west-1',
        AWS_ENDPOINT_URL: server.endpoint,
      });
      const error = await invokeLambda('calc', {}, { system, maxAttempts: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvokeError);
      expect(error).toMatchObject({ reason: 'invoke.access-denied' });
      expect((error as InvokeError).sdk?.message).toMatch(
        /^User: arn:aws:iam::123456789012:user\/bob is not authorized/,
      );
    } finally {
      await server.close();
    }
  });
});

describe('awsdoctor invoke (CLI, real process)', () => {
  it('prints the response as pretty JSON and exits 0', async () => {
    const r = await runCli(['invoke', 'echo', '--payload', '{"greeting":"hi"}'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{\n  "greeting": "hi"\n}\n');
  });

  it('reads the payload from stdin with - and from a file', async () => {
    const viaStdin = await runCli(['invoke', 'echo', '-'], { env, input: '{"from":"stdin"}' });
    expect(viaStdin.code).toBe(0);
    expect(JSON.parse(viaStdin.stdout)).toEqual({ from: 'stdin' });
    const file = await home.write('event.json', '{"from":"file"}');
    const viaFile = await runCli(['invoke', 'echo', '--payload-file', file], { env });
    expect(JSON.parse(viaFile.stdout)).toEqual({ from: 'file' });
  });

  it('rejects a payload that is not JSON with one line and exit 2, sending nothing', async () => {
    await queueLambdaResults(moto, ['sentinel']);
    const r = await runCli(['invoke', 'echo', '--payload', '{"truncated": '], { env });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^awsdoctor: The payload is not valid JSON/);
    expect(r.stdout).toBe('');
    // The queued result is still there: the bad payload never reached Lambda.
    const next = await invokeLambda('echo', {}, { system: home.system(env) });
    expect(next.payload).toBe('sentinel');
  });

  it('prints a non-JSON response raw', async () => {
    await queueLambdaResults(moto, ['hello <b>world</b>']);
    const r = await runCli(['invoke', 'echo', '--payload', '{}'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('hello <b>world</b>\n');
  });

  it('exits 1 on a function error and says it is the function’s, not the invocation’s', async () => {
    await queueLambdaResults(moto, ['v'.repeat(6_100_000)]);
    const r = await runCli(['invoke', 'echo', '--payload', '{}'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/function error \(Unhandled\) in echo: Function\.ResponseSizeTooLarge/);
    expect(r.stderr).toMatch(/the invocation worked; the function code failed/);
  });

  it('--log prints the decoded log tail on stderr; --json gives the whole result', async () => {
    const server = await startLambdaLikeServer([
      { headers: { 'x-amz-log-result': Buffer.from('hello from the log\n').toString('base64') }, body: '{"ok":true}' },
      { headers: { 'x-amz-executed-version': '7' }, body: '"done"' },
    ]);
    try {
      const local = { ...home.env, ...ADMIN_KEYS, AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL: server.endpoint };
      const withLog = await runCli(['invoke', 'f', '--payload', '{}', '--log'], { env: local });
      expect(withLog.code).toBe(0);
      expect(withLog.stdout).toBe('{\n  "ok": true\n}\n');
      expect(withLog.stderr).toContain('hello from the log');
      const json = await runCli(['invoke', 'f', '--json'], { env: local });
      expect(JSON.parse(json.stdout)).toEqual({
        ok: true,
        functionName: 'f',
        region: 'eu-west-1',
        regionSource: 'AWS_REGION',
        invocationType: 'RequestResponse',
        statusCode: 200,
        executedVersion: '7',
        functionError: null,
        payload: 'done',
        payloadIsJson: true,
        logTail: null,
      });
    } finally {
      await server.close();
    }
  });

  it('pins the --json shape of a function error (golden)', () => {
    const shape = invokeResultJson({
      functionName: 'f',
      region: 'us-west-2',
      regionSource: 'default',
      invocationType: 'RequestResponse',
      statusCode: 200,
      payload: '{"errorType":"KeyError"}',
      payloadBytes: 24,
      json: { errorType: 'KeyError' },
      isJson: true,
      functionError: { kind: 'Unhandled', errorType: 'KeyError', errorMessage: "'name'", stackTrace: ['line 1'] },
      logTail: undefined,
      executedVersion: '$LATEST',
    });
    expect(JSON.stringify(shape)).toBe(
      '{"ok":false,"functionName":"f","region":"us-west-2","regionSource":"default","invocationType":"RequestResponse","statusCode":200,"executedVersion":"$LATEST","functionError":{"kind":"Unhandled","errorType":"KeyError","errorMessage":"\'name\'","stackTrace":["line 1"]},"payload":{"errorType":"KeyError"},"payloadIsJson":true,"logTail":null}',
    );
  });

  it('reads a payload file given on the command line and rejects two payload sources', async () => {
    const file = home.path('two.json');
    await writeFile(file, '{}');
    const r = await runCli(['invoke', 'echo', '--payload', '{}', '--payload-file', file], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Give the payload once/);
  });
});
