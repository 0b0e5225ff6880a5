import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetRoleCommand,
  IAMClient,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  PurgeQueueCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { canI } from '../../src/access/can-i.js';
import { runProbe } from '../../src/access/can-i/probe.js';
import type { CanIDecision } from '../../src/access/can-i/types.js';
import { startMoto, type MotoServer } from '../helpers/moto.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';
import { runCli } from '../helpers/cli.js';

const ACCOUNT = '123456789012';
const Q = (region: string, name: string) => `arn:aws:sqs:${region}:${ACCOUNT}:${name}`;

interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Reading one's own IAM policies: what the local fallback needs (and not iam:SimulatePrincipalPolicy). */
const SELF_READ = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ReadOwnPolicies',
      Effect: 'Allow',
      Action: [
        'iam:GetUser',
        'iam:ListUserPolicies',
        'iam:GetUserPolicy',
        'iam:ListAttachedUserPolicies',
        'iam:ListGroupsForUser',
        'iam:ListGroupPolicies',
        'iam:GetGroupPolicy',
        'iam:ListAttachedGroupPolicies',
        'iam:GetPolicy',
        'iam:GetPolicyVersion',
      ],
      Resource: '*',
    },
  ],
};

const TRUST_ADMIN = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/admin` }, Action: 'sts:AssumeRole' }],
});

let moto: MotoServer;
let home: TempHome;
let admin: Keys;
const keys: Record<string, Keys> = {};

function client<C>(Ctor: new (c: object) => C, k: Keys, region = 'us-east-1'): C {
  return new Ctor({ region, endpoint: moto.endpoint, credentials: k, maxAttempts: 1 });
}

/** What really happens when the principal makes the call: allowed (any non-denial answer) or denied. */
async function attempt(run: () => Promise<unknown>): Promise<'allowed' | 'denied'> {
  try {
    await run();
    return 'allowed';
  } catch (error) {
    const e = error as { name?: string; $response?: { statusCode?: number } };
    if (/AccessDenied|Unauthorized/.test(e.name ?? '')) return 'denied';
    // moto answers a denied JSON-protocol call (SQS) with an XML AccessDenied body: the SDK only sees a 403.
    if (e.$response?.statusCode === 403) return 'denied';
    // Any other error (NotFound, validation) came after authorization passed.
    return 'allowed';
  }
}

beforeAll(async () => {
  // Three unauthenticated calls bootstrap an administrator; from then on moto enforces IAM for every request.
  moto = await startMoto({ enforceIamAfter: 3 });
  home = await makeTempHome();
  const boot = client(IAMClient, { accessKeyId: 'AKIABOOTSTRAP0000000', secretAccessKey: 'x' });
  await boot.send(new CreateUserCommand({ UserName: 'admin' }));
  await boot.send(
    new PutUserPolicyCommand({
      UserName: 'admin',
      PolicyName: 'all',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
      }),
    }),
  );
  const created = await boot.send(new CreateAccessKeyCommand({ UserName: 'admin' }));
  admin = { accessKeyId: created.AccessKey!.AccessKeyId!, secretAccessKey: created.AccessKey!.SecretAccessKey! };
  const iam = client(IAMClient, admin);
  // Enforcement is on: bootstrap keys no longer work.
  await expect(boot.send(new ListUsersCommand({}))).rejects.toThrow();

  const sqsUs = client(SQSClient, admin);
  for (const name of ['app-1', 'secret-1', 'other-1']) await sqsUs.send(new CreateQueueCommand({ QueueName: name }));
  await client(SQSClient, admin, 'eu-west-1').send(new CreateQueueCommand({ QueueName: 'app-eu' }));

  const selfRead = await iam.send(
    new CreatePolicyCommand({ PolicyName: 'self-read', PolicyDocument: JSON.stringify(SELF_READ) }),
  );
  const selfReadArn = selfRead.Policy!.Arn!;
  const assume = async (rolePath: string, session: string): Promise<Keys> => {
    const assumed = await client(STSClient, admin).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/${rolePath}`, RoleSessionName: session }),
    );
    return {
      accessKeyId: assumed.Credentials!.AccessKeyId!,
      secretAccessKey: assumed.Credentials!.SecretAccessKey!,
      sessionToken: assumed.Credentials!.SessionToken!,
    };
  };
  const newUser = async (name: string) => {
    await iam.send(new CreateUserCommand({ UserName: name }));
    const k = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
    keys[name] = { accessKeyId: k.AccessKey!.AccessKeyId!, secretAccessKey: k.AccessKey!.SecretAccessKey! };
  };
  const put = (user: string, name: string, doc: object) =>
    iam.send(new PutUserPolicyCommand({ UserName: user, PolicyName: name, PolicyDocument: JSON.stringify(doc) }));

  // alice: inline allow on app-* queues (resource ARNs with a wildcard) and an explicit deny on PurgeQueue.
  await newUser('alice');
  await iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: selfReadArn }));
  await put('alice', 'queues', {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AppQueues', Effect: 'Allow', Action: 'sqs:*', Resource: `arn:aws:sqs:*:${ACCOUNT}:app-*` },
      { Sid: 'List', Effect: 'Allow', Action: 'sqs:ListQueues', Resource: '*' },
      { Sid: 'NoPurge', Effect: 'Deny', Action: 'sqs:PurgeQueue', Resource: '*' },
    ],
  });

  // bob: everything through a group: attached managed read policy, inline deny on secret-* queues.
  await newUser('bob');
  await iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
  await iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'bob' }));
  const sqsRead = await iam.send(
    new CreatePolicyCommand({
      PolicyName: 'sqs-read',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'Read', Effect: 'Allow', Action: ['sqs:Get*', 'sqs:List*'], Resource: '*' }],
      }),
    }),
  );
  await iam.send(new AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: sqsRead.Policy!.Arn! }));
  await iam.send(new AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: selfReadArn }));
  await iam.send(
    new PutGroupPolicyCommand({
      GroupName: 'devs',
      PolicyName: 'no-secrets',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'NoSecretQueues', Effect: 'Deny', Action: 'sqs:*', Resource: `arn:aws:sqs:*:*:secret-*` }],
      }),
    }),
  );

  // carol: NotAction (everything but IAM) — so she cannot read her own policies: nothing readable, probes only.
  await newUser('carol');
  await put('carol', 'not-iam', {
    Version: '2012-10-17',
    Statement: [{ Sid: 'AllButIam', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }],
  });

  // frank: NotAction, an action name in odd case, and the ? wildcard.
  await newUser('frank');
  await iam.send(new AttachUserPolicyCommand({ UserName: 'frank', PolicyArn: selfReadArn }));
  await put('frank', 'not-action', {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllButIamAndPurge',
        Effect: 'Allow',
        NotAction: ['iam:*', 'sqs:PurgeQueue', 'sqs:SendMessage'],
        Resource: '*',
      },
      { Sid: 'OddCase', Effect: 'Allow', Action: 'SQS:sendmessage', Resource: `arn:aws:sqs:*:${ACCOUNT}:other-1` },
      { Sid: 'OneChar', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:*:${ACCOUNT}:app-?` },
    ],
  });

  // gina: can read her inline policies only; the managed policy that allows SendMessage is out of her sight.
  await newUser('gina');
  await put('gina', 'partial-read', {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ListQueues', Effect: 'Allow', Action: 'sqs:ListQueues', Resource: '*' },
      { Sid: 'ReadInline', Effect: 'Allow', Action: ['iam:ListUserPolicies', 'iam:GetUserPolicy'], Resource: '*' },
    ],
  });
  const send = await iam.send(
    new CreatePolicyCommand({
      PolicyName: 'sqs-send',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }],
      }),
    }),
  );
  await iam.send(new AttachUserPolicyCommand({ UserName: 'gina', PolicyArn: send.Policy!.Arn! }));

  // dave: role ARNs as resources (moto passes the role ARN for role operations) and a wildcard action.
  await newUser('dave');
  await iam.send(new AttachUserPolicyCommand({ UserName: 'dave', PolicyArn: selfReadArn }));
  await put('dave', 'roles', {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AppRoles', Effect: 'Allow', Action: 'iam:GetRole*', Resource: `arn:aws:iam::${ACCOUNT}:role/app-*` },
      { Sid: 'Users', Effect: 'Allow', Action: 'iam:List*', Resource: '*' },
    ],
  });

  // erin: a role with a permissions boundary that allows only reads (moto keeps boundaries but does not apply them).
  const boundary = await iam.send(
    new CreatePolicyCommand({
      PolicyName: 'read-boundary',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['sqs:List*', 'sqs:Get*', 'iam:Get*', 'iam:List*'], Resource: '*' }],
      }),
    }),
  );
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'erin',
      AssumeRolePolicyDocument: TRUST_ADMIN,
      PermissionsBoundary: boundary.Policy!.Arn!,
    }),
  );
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: 'erin',
      PolicyName: 'sqs-all',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'AllSqs', Effect: 'Allow', Action: 'sqs:*', Resource: '*' },
          { Sid: 'ReadOwnRole', Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' },
        ],
      }),
    }),
  );
  keys.erin = await assume('erin', 'erin-session');

  // deployer role (assumed by admin): SQS only in eu-west-1 (aws:RequestedRegion), reads its own policies.
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'deployer',
      Path: '/ci/',
      AssumeRolePolicyDocument: TRUST_ADMIN,
    }),
  );
  const regional = await iam.send(
    new CreatePolicyCommand({
      PolicyName: 'sqs-eu-only',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'SqsInEu',
            Effect: 'Allow',
            Action: 'sqs:*',
            Resource: '*',
            Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
          },
        ],
      }),
    }),
  );
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'deployer', PolicyArn: regional.Policy!.Arn! }));
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: 'deployer',
      PolicyName: 'self',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ReadOwnRole',
            Effect: 'Allow',
            Action: [
              'iam:GetRole',
              'iam:ListRolePolicies',
              'iam:GetRolePolicy',
              'iam:ListAttachedRolePolicies',
              'iam:GetPolicy',
              'iam:GetPolicyVersion',
            ],
            Resource: '*',
          },
          { Sid: 'NeverPurge', Effect: 'Deny', Action: 'sqs:PurgeQueue', Resource: '*' },
        ],
      }),
    }),
  );
  await iam.send(
    new CreateRoleCommand({ RoleName: 'app-web', AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}' }),
  );
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'db-admin',
      AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}',
    }),
  );
  keys.deployer = await assume('ci/deployer', 'build-42');
  // moto builds its EC2 backend (AMIs, regions) on first use, which takes seconds: do it before the probe test.
  await runProbe(systemFor(admin), { action: 'ec2:DescribeInstances', region: 'us-east-1' });
  expect((await iam.send(new GetRoleCommand({ RoleName: 'deployer' }))).Role?.Arn).toBe(
    `arn:aws:iam::${ACCOUNT}:role/ci/deployer`,
  );
});

afterAll(async () => {
  await moto?.stop();
  await home?.cleanup();
});

function systemFor(k: Keys) {
  return home.system({
    ...moto.env,
    AWS_ACCESS_KEY_ID: k.accessKeyId,
    AWS_SECRET_ACCESS_KEY: k.secretAccessKey,
    AWS_SESSION_TOKEN: k.sessionToken,
  });
}

async function queueUrl(region: string, name: string): Promise<string> {
  const out = await client(SQSClient, admin, region).send(new GetQueueUrlCommand({ QueueName: name }));
  return out.QueueUrl!;
}

/** The real call for an action, made with the principal's own keys. */
async function realCall(k: Keys, action: string, resource: string, region: string): Promise<'allowed' | 'denied'> {
  const sqs = client(SQSClient, k, region);
  const queue = resource.startsWith('arn:aws:sqs:') ? resource.split(':')[5]! : undefined;
  switch (action) {
    case 'sqs:ListQueues':
      return attempt(() => sqs.send(new ListQueuesCommand({})));
    case 'sqs:GetQueueAttributes':
      return attempt(async () => sqs.send(new GetQueueAttributesCommand({ QueueUrl: await queueUrl(region, queue!) })));
    case 'sqs:SendMessage':
      return attempt(async () =>
        sqs.send(new SendMessageCommand({ QueueUrl: await queueUrl(region, queue!), MessageBody: 'hi' })),
      );
    case 'sqs:PurgeQueue':
      return attempt(async () => sqs.send(new PurgeQueueCommand({ QueueUrl: await queueUrl(region, queue!) })));
    case 'iam:GetRole':
      return attempt(() => client(IAMClient, k).send(new GetRoleCommand({ RoleName: resource.split('/').pop()! })));
    case 'iam:ListUsers':
      return attempt(() => client(IAMClient, k).send(new ListUsersCommand({})));
    case 'sts:GetCallerIdentity':
      return attempt(() => client(STSClient, k, region).send(new GetCallerIdentityCommand({})));
    default:
      throw new Error(`no real call for ${action}`);
  }
}

interface Case {
  principal: string;
  action: string;
  resource: string;
  region: string;
  /** A known difference between moto and AWS: why moto's answer is not AWS's. */
  motoDiffers?: string;
}

const CASES: Case[] = [
  { principal: 'alice', action: 'sqs:ListQueues', resource: '*', region: 'us-east-1' },
  { principal: 'alice', action: 'sqs:GetQueueAttributes', resource: Q('us-east-1', 'app-1'), region: 'us-east-1' },
  { principal: 'alice', action: 'sqs:SendMessage', resource: Q('us-east-1', 'app-1'), region: 'us-east-1' },
  { principal: 'alice', action: 'sqs:SendMessage', resource: Q('us-east-1', 'other-1'), region: 'us-east-1' },
  { principal: 'alice', action: 'sqs:PurgeQueue', resource: Q('us-east-1', 'app-1'), region: 'us-east-1' },
  { principal: 'alice', action: 'iam:ListUsers', resource: '*', region: 'us-east-1' },
  { principal: 'alice', action: 'sts:GetCallerIdentity', resource: '*', region: 'us-east-1' },
  { principal: 'bob', action: 'sqs:ListQueues', resource: '*', region: 'us-east-1' },
  { principal: 'bob', action: 'sqs:GetQueueAttributes', resource: Q('us-east-1', 'app-1'), region: 'us-east-1' },
  { principal: 'bob', action: 'sqs:GetQueueAttributes', resource: Q('us-east-1', 'secret-1'), region: 'us-east-1' },
  { principal: 'bob', action: 'sqs:SendMessage', resource: Q('us-east-1', 'app-1'), region: 'us-east-1' },
  { principal: 'bob', action: 'iam:ListUsers', resource: '*', region: 'us-east-1' },
  { principal: 'frank', action: 'sqs:ListQueues', resource: '*', region: 'us-east-1' },
  { principal: 'frank', action: 'sqs:GetQueueAttributes', resource: Q('us-east-1', 'secret-1'), region: 'us-east-1' },
  { principal: 'frank', action: 'iam:ListUsers', resource: '*', region: 'us-east-1' },
  { principal: 'frank', action: 'sqs:PurgeQueue', resource: Q('us-east-1', 'other-1'), region: 'us-east-1' },
  { principal: 'frank', action: 'sqs:SendMessage', resource: Q('us-east-1', 'secret-1'), region: 'us-east-1' },
  {
    principal: 'frank',
    action: 'sqs:SendMessage',
    resource: Q('us-east-1', 'other-1'),
    region: 'us-east-1',
    motoDiffers:
      'moto matches action names case-sensitively (a regular expression), so "SQS:sendmessage" does not match; IAM action names are case-insensitive and AWS allows.',
  },
  {
    principal: 'frank',
    action: 'sqs:SendMessage',
    resource: Q('us-east-1', 'app-1'),
    region: 'us-east-1',
    motoDiffers:
      'moto turns only * into a regular expression, so "?" means "optional previous character" instead of "any one character"; app-? matches app-1 in AWS, which allows.',
  },
  { principal: 'dave', action: 'iam:GetRole', resource: `arn:aws:iam::${ACCOUNT}:role/app-web`, region: 'us-east-1' },
  { principal: 'dave', action: 'iam:GetRole', resource: `arn:aws:iam::${ACCOUNT}:role/db-admin`, region: 'us-east-1' },
  { principal: 'dave', action: 'iam:ListUsers', resource: '*', region: 'us-east-1' },
  { principal: 'dave', action: 'sqs:ListQueues', resource: '*', region: 'us-east-1' },
  { principal: 'erin', action: 'sqs:ListQueues', resource: '*', region: 'us-east-1' },
  {
    principal: 'erin',
    action: 'sqs:SendMessage',
    resource: Q('us-east-1', 'app-1'),
    region: 'us-east-1',
    motoDiffers:
      'moto stores the role permissions boundary but never applies it (access_control.py collects only identity policies); AWS denies.',
  },
  { principal: 'deployer', action: 'sqs:ListQueues', resource: '*', region: 'eu-west-1' },
  { principal: 'deployer', action: 'sqs:SendMessage', resource: Q('eu-west-1', 'app-eu'), region: 'eu-west-1' },
  {
    principal: 'deployer',
    action: 'sqs:ListQueues',
    resource: '*',
    region: 'us-east-1',
    motoDiffers:
      'moto does not evaluate Condition blocks of identity policies (no request context is passed), so the aws:RequestedRegion condition never limits the Allow; AWS denies outside eu-west-1.',
  },
  { principal: 'deployer', action: 'sqs:PurgeQueue', resource: Q('eu-west-1', 'app-eu'), region: 'eu-west-1' },
  { principal: 'deployer', action: 'iam:ListUsers', resource: '*', region: 'us-east-1' },
];

function agrees(decision: CanIDecision, real: 'allowed' | 'denied'): boolean {
  return decision === 'allowed' ? real === 'allowed' : decision !== 'unknown' && real === 'denied';
}

describe('can-i against moto with IAM enforced (local evaluation: moto has no SimulatePrincipalPolicy)', () => {
  it('agrees with what moto actually does for every (principal, action, resource), except known moto differences', async () => {
    const rows: string[] = [];
    let agreed = 0;
    let explained = 0;
    for (const c of CASES) {
      const report = await canI({
        system: systemFor(keys[c.principal]!),
        actions: [c.action],
        resources: [c.resource],
        region: c.region,
      });
      const answer = report.results[0]!;
      expect(report.method, `${c.principal}: ${report.notes.join(' ')}`).toBe('local');
      const real = await realCall(keys[c.principal]!, c.action, c.resource, c.region);
      const ok = agrees(answer.decision, real);
      if (ok) agreed += 1;
      else if (c.motoDiffers) explained += 1;
      rows.push(
        `${ok ? 'agree   ' : 'DIFFER  '} ${c.principal} ${c.action} ${c.resource} ${c.region}: can-i ${answer.decision}, moto ${real}${ok ? '' : ` — ${c.motoDiffers ?? 'UNEXPLAINED'}`}`,
      );
      // A case marked as a moto difference must really differ (else the note is stale).
      expect(ok, rows.at(-1)).toBe(!c.motoDiffers);
    }
    console.log(
      `can-i/moto agreement: ${agreed}/${CASES.length} (${explained} known moto differences)\n${rows.join('\n')}`,
    );
    expect(agreed + explained).toBe(CASES.length);
  });

  it('names the deciding statements and the blind spots', async () => {
    const report = await canI({
      system: systemFor(keys.bob!),
      actions: ['sqs:GetQueueAttributes'],
      resources: [Q('us-east-1', 'secret-1')],
      region: 'us-east-1',
    });
    expect(report.principal).toBe(`arn:aws:iam::${ACCOUNT}:user/bob`);
    expect(report.results[0]).toMatchObject({
      decision: 'explicitly-denied',
      matchedStatements: [
        { policy: 'no-secrets', policyType: 'group-inline', group: 'devs', sid: 'NoSecretQueues', effect: 'Deny' },
      ],
    });
    expect(report.blindSpots).toEqual(expect.arrayContaining(['scp', 'rcp', 'resource-policy', 'session-policy']));
    expect(report.notes.join(' ')).toMatch(/SimulatePrincipalPolicy is not available \(AccessDenied/);
  });

  it('with some policies unreadable: an implicit deny becomes unknown, and the unread parts are blind spots', async () => {
    const report = await canI({
      system: systemFor(keys.gina!),
      actions: ['sqs:ListQueues', 'sqs:SendMessage'],
      resources: ['*'],
      region: 'us-east-1',
    });
    expect(report.method).toBe('local');
    expect(report.results.map((r) => r.decision)).toEqual(['allowed', 'unknown']);
    expect(report.results[1]!.reason).toMatch(/could not be read/);
    expect(report.blindSpots).toEqual(
      expect.arrayContaining([
        'iam:ListAttachedUserPolicies (managed policies of user gina): AccessDenied',
        'iam:ListGroupsForUser (groups of user gina): AccessDenied',
        'permissions-boundary',
      ]),
    );
    // What really happens: the unread managed policy allows it.
    expect(await realCall(keys.gina!, 'sqs:SendMessage', Q('us-east-1', 'app-1'), 'us-east-1')).toBe('allowed');
  });

  it('asked about *, an action allowed only on some resources says which', async () => {
    const report = await canI({ system: systemFor(keys.alice!), actions: ['sqs:SendMessage'], region: 'us-east-1' });
    expect(report.results[0]!.decision).toBe('implicitly-denied');
    expect(report.results[0]!.reason).toContain(`allowed on some resources only (arn:aws:sqs:*:${ACCOUNT}:app-*)`);
  });

  it('maps an assumed-role session to its role, path included (GetRole)', async () => {
    const report = await canI({ system: systemFor(keys.deployer!), actions: ['sqs:ListQueues'], region: 'eu-west-1' });
    expect(report.caller).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/deployer/build-42`);
    expect(report.principal).toBe(`arn:aws:iam::${ACCOUNT}:role/ci/deployer`);
    expect(report.results[0]).toMatchObject({
      decision: 'allowed',
      matchedStatements: [{ policy: 'sqs-eu-only', sid: 'SqsInEu' }],
    });
  });

  it('with nothing readable: method none with probe suggestions; --probe makes only the allowlisted calls', async () => {
    const actions = ['sqs:ListQueues', 'iam:ListUsers', 'sqs:CreateQueue', 'ec2:DescribeInstances'];
    const none = await canI({ system: systemFor(keys.carol!), actions, region: 'us-east-1' });
    expect(none.method).toBe('none');
    expect(none.results.map((r) => r.decision)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    expect(none.results[0]!.probe?.command).toBe('aws sqs list-queues --max-results 1');
    expect(none.results[2]!.probe).toBeUndefined();

    const probed = await canI({ system: systemFor(keys.carol!), actions, region: 'us-east-1', probe: true });
    expect(probed.method).toBe('probe');
    const real = await Promise.all(actions.slice(0, 2).map((a) => realCall(keys.carol!, a, '*', 'us-east-1')));
    expect(real).toEqual(['allowed', 'denied']);
    expect(
      probed.results.map((r) => r.decision),
      probed.results.map((r) => r.reason).join(' | '),
    ).toEqual(['allowed', 'implicitly-denied', 'unknown', 'allowed']);
    expect(probed.results[3]!.reason).toContain('DryRunOperation');
    // The probe never created anything: sqs:CreateQueue has no probe, and no queue appeared.
    const queues = await client(SQSClient, admin).send(new ListQueuesCommand({}));
    expect(queues.QueueUrls?.length).toBe(3);
  });

  it('CLI: --json shape, exit 1 when something is not allowed, 0 when all are', async () => {
    const env = {
      ...home.env,
      ...moto.env,
      AWS_ACCESS_KEY_ID: keys.alice!.accessKeyId,
      AWS_SECRET_ACCESS_KEY: keys.alice!.secretAccessKey,
    };
    const denied = await runCli(['can-i', 'sqs:ListQueues', 'sqs:PurgeQueue', '--json'], { env });
    expect(denied.code, denied.stderr).toBe(1);
    const doc = JSON.parse(denied.stdout);
    expect(Object.keys(doc)).toEqual(
      expect.arrayContaining(['principal', 'method', 'blindSpots', 'results', 'missingPolicy']),
    );
    expect(doc.method).toBe('local');
    expect(doc.results.map((r: { decision: string }) => r.decision)).toEqual(['allowed', 'explicitly-denied']);
    expect(JSON.stringify(doc.missingPolicy)).toContain('sqs:PurgeQueue');
    const ok = await runCli(['can-i', 'sqs:ListQueues'], { env });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('allowed');
    expect(ok.stdout).not.toContain(keys.alice!.secretAccessKey);
    const bad = await runCli(['can-i', 'not-an-action'], { env });
    expect(bad.code).toBe(2);
  });
});
