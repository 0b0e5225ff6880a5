import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { startMoto, type MotoServer } from '../helpers/moto.js';
import { runMain } from './run-main.js';
import { parseErrors } from '../../src/access/index.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

// The real boto3 performs each operation as a user without permissions; moto enforces IAM after the setup calls.
const OPERATIONS: { service: string; call: string }[] = [
  { service: 'sqs', call: "c.create_queue(QueueName='jobs')" },
  { service: 'dynamodb', call: 'c.list_tables()' },
  { service: 'ssm', call: "c.put_parameter(Name='/app/flag', Value='on', Type='String')" },
  { service: 'secretsmanager', call: 'c.list_secrets()' },
];

/** Runs every operation in one real boto3 process (one interpreter start-up); the error text per operation, or OK. */
function runBoto3(env: Record<string, string>, operations: typeof OPERATIONS): Promise<string[]> {
  const script = [
    'import boto3, botocore, json',
    'out = []',
    ...operations.flatMap(({ service, call }) => [
      'try:',
      `    c = boto3.client('${service}')`,
      `    ${call}`,
      "    out.append('OK')",
      'except botocore.exceptions.ClientError as e:',
      '    out.append(str(e))',
    ]),
    'print(json.dumps(out))',
  ].join('\n');
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(`python3: ${err}`)),
    );
  });
}

let moto: MotoServer;
let home: TempHome;
let userEnv: Record<string, string>;
let iam: IAMClient;

beforeAll(async () => {
  // Setup makes 5 unauthenticated calls (an admin user with a full policy and keys, the dev user and its keys);
  // everything after them is enforced.
  moto = await startMoto({ enforceIamAfter: 5 });
  home = await makeTempHome();
  const bootstrap = new IAMClient({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'bootstrap' },
  });
  await bootstrap.send(new CreateUserCommand({ UserName: 'admin' }));
  await bootstrap.send(
    new PutUserPolicyCommand({
      UserName: 'admin',
      PolicyName: 'admin',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
      }),
    }),
  );
  const adminKey = await bootstrap.send(new CreateAccessKeyCommand({ UserName: 'admin' }));
  iam = new IAMClient({
    region: 'us-east-1',
    endpoint: moto.endpoint,
    credentials: {
      accessKeyId: adminKey.AccessKey?.AccessKeyId ?? '',
      secretAccessKey: adminKey.AccessKey?.SecretAccessKey ?? '',
    },
  });
  await bootstrap.send(new CreateUserCommand({ UserName: 'dev' }));
  const key = await bootstrap.send(new CreateAccessKeyCommand({ UserName: 'dev' }));
  userEnv = {
    ...home.env,
    ...moto.env,
    AWS_ACCESS_KEY_ID: key.AccessKey?.AccessKeyId ?? '',
    AWS_SECRET_ACCESS_KEY: key.AccessKey?.SecretAccessKey ?? '',
  };
});

afterAll(async () => {
  await moto?.stop();
  await home?.cleanup();
});

describe('explain against moto with IAM enforced', () => {
  it('turns each real AccessDenied into a policy that, once attached by an admin, lets the call through', async () => {
    const denied = await runBoto3(userEnv, OPERATIONS);
    for (const [index, { service }] of OPERATIONS.entries()) {
      const text = denied[index] ?? '';
      expect(text, `${service}: expected a denial`).toMatch(/AccessDenied|not authorized/);
      const [error] = parseErrors(text);
      expect(error?.principal).toBe('arn:aws:iam::123456789012:user/dev');
      expect(error?.action?.startsWith(`${service}:`)).toBe(true);
      expect(error?.reason).toBe('unspecified');

      const markdown = await runMain(['explain', '--markdown', '-'], { env: home.env, input: text });
      expect(markdown.code, markdown.stderr).toBe(0);
      expect(markdown.stdout).toContain('aws iam put-user-policy --user-name dev');
      const policyJson = /```json\n([\s\S]*?)\n```/.exec(markdown.stdout)?.[1];
      expect(policyJson, markdown.stdout).toBeTruthy();
      expect(policyJson).toContain(`"${error?.action}"`);
      await iam.send(
        new PutUserPolicyCommand({ UserName: 'dev', PolicyName: `awsdoctor-${service}`, PolicyDocument: policyJson }),
      );
    }
    const after = await runBoto3(userEnv, OPERATIONS);
    expect(after).toEqual(OPERATIONS.map(() => 'OK'));
  }, 180_000);
});
