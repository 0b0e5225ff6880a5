import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { runMain } from './run-main.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

const GUIDE_ERROR =
  'An error occurred (AccessDeniedException) when calling the CreateRepository operation: User: arn:aws:iam::123456789012:user/dev is not authorized to perform: ecr:CreateRepository on resource: arn:aws:ecr:us-west-2:123456789012:repository/app because no identity-based policy allows the ecr:CreateRepository action';

let home: TempHome;
let sts: Server;
let stsEndpoint = '';
const stsRequests: string[] = [];

beforeAll(async () => {
  home = await makeTempHome();
  // A local stand-in for STS's DecodeAuthorizationMessage (moto does not implement it).
  sts = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      stsRequests.push(body);
      const decoded = JSON.stringify({
        allowed: false,
        explicitDeny: true,
        context: { action: 'ec2:RunInstances', principal: { arn: 'arn:aws:iam::123456789012:user/dev' } },
      }).replace(/"/g, '&quot;');
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        `<DecodeAuthorizationMessageResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><DecodeAuthorizationMessageResult><DecodedMessage>${decoded}</DecodedMessage></DecodeAuthorizationMessageResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></DecodeAuthorizationMessageResponse>`,
      );
    });
  });
  await new Promise<void>((resolve) => sts.listen(0, '127.0.0.1', resolve));
  const address = sts.address();
  stsEndpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((resolve) => sts?.close(resolve));
  await home?.cleanup();
});

describe('awsdoctor explain and policy (the CLI, in-process and as real processes)', () => {
  it('explain: human, --json, exit codes, --file and bad usage', async () => {
    const env = home.env;
    const file = await home.write('error.log', `noise\n${GUIDE_ERROR}\nmore noise\n`);
    const [human, json, none, fromFile, missingFile, both] = await Promise.all([
      runCli(['explain', GUIDE_ERROR], { env }),
      runMain(['explain', '--json', '-'], { env, input: GUIDE_ERROR }),
      runMain(['explain', '-'], { env, input: 'all good, nothing failed here\n' }),
      runMain(['explain', '--file', file, '--json'], { env }),
      runMain(['explain', '--file', home.path('nope.txt')], { env }),
      runMain(['explain', '--json', '--markdown', GUIDE_ERROR], { env }),
    ]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('IAM user dev');
    expect(human.stdout).toContain('"Resource": "arn:aws:ecr:us-west-2:123456789012:repository/app"');
    expect(human.stdout).toContain('You cannot:');
    expect(human.stdout).toContain('AmazonEC2ContainerRegistryFullAccess');

    expect(json.code).toBe(0);
    const [object] = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(object).toMatchObject({ kind: 'authorization', reason: 'no-identity-policy', region: 'us-west-2' });
    expect(Object.keys(object ?? {})).toHaveLength(14);

    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no AWS error found/);
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromFile.stdout)).toHaveLength(1);
    expect(missingFile.code).toBe(1);
    expect(missingFile.stderr).toMatch(/Cannot read .*nope\.txt/);
    expect(missingFile.stderr).toMatch(/next:/);
    expect(both.code).toBe(2);
  });

  it('explain --decode calls sts decode-authorization-message and shows the decoded reason', async () => {
    const encoded = `UnauthorizedOperation: You are not authorized to perform this operation. Encoded authorization failure message: ${'Ab3_-x'.repeat(20)}`;
    const result = await runCli(['explain', '--decode', '--region', 'us-east-1', '-'], {
      env: {
        ...home.env,
        AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        AWS_ENDPOINT_URL_STS: stsEndpoint,
      },
      input: encoded,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(stsRequests.some((b) => b.includes('Action=DecodeAuthorizationMessage') && b.includes('Ab3_-x'))).toBe(true);
    expect(result.stdout).toContain('Decoded authorization message');
    expect(result.stdout).toContain('"explicitDeny": true');
    expect(result.stdout).toContain('encoded authorization message');
  });

  it('policy: actions, misspellings, tasks and bad usage', async () => {
    const env = home.env;
    const [scoped, misspelt, tasks, task, unknownTask, noArgs] = await Promise.all([
      runMain(
        [
          'policy',
          'ecr:CreateRepository',
          'ecr:GetAuthorizationToken',
          '--resource',
          'arn:aws:ecr:us-east-1:123456789012:repository/app',
        ],
        { env },
      ),
      runMain(['policy', 's3:GetObjcet', '--json'], { env }),
      runMain(['policy', '--tasks'], { env }),
      runMain(['policy', '--task', 's3-write', '--resource', 'arn:aws:s3:::uploads', '--json'], { env }),
      runMain(['policy', '--task', 'nope'], { env }),
      runMain(['policy'], { env }),
    ]);
    expect(scoped.code, scoped.stderr).toBe(0);
    const document = JSON.parse(scoped.stdout) as { Statement: { Action: string; Resource: string }[] };
    expect(document.Statement).toEqual([
      {
        Sid: 'EcrRepository',
        Effect: 'Allow',
        Action: 'ecr:CreateRepository',
        Resource: 'arn:aws:ecr:us-east-1:123456789012:repository/app',
      },
      { Sid: 'AllResources', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    ]);
    expect(scoped.stderr).toMatch(/does not support resource-level permissions/);

    expect(misspelt.code).toBe(1);
    expect(JSON.parse(misspelt.stdout).unknownActions[0]).toMatchObject({
      action: 's3:GetObjcet',
      suggestions: ['s3:GetObject'],
    });

    expect(tasks.code).toBe(0);
    for (const name of [
      'ecr-push',
      'ecr-pull',
      'lambda-invoke',
      'lambda-deploy',
      's3-read',
      's3-write',
      'sts-identity',
    ]) {
      expect(tasks.stdout).toContain(name);
    }
    expect(task.code).toBe(0);
    const taskJson = JSON.parse(task.stdout) as { task: string; policy: { Statement: { Resource: string }[] } };
    expect(taskJson.task).toBe('s3-write');
    expect(taskJson.policy.Statement.map((s) => s.Resource).sort()).toEqual([
      'arn:aws:s3:::uploads',
      'arn:aws:s3:::uploads/*',
    ]);
    expect(unknownTask.code).toBe(2);
    expect(unknownTask.stderr).toMatch(/ecr-push/);
    expect(noArgs.code).toBe(2);
  });
});
