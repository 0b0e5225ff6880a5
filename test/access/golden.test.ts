import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  adminRequestMarkdown,
  buildPolicy,
  buildTaskPolicy,
  explainedErrorJson,
  formatPolicyDocument,
  parseErrors,
  requestPolicyFor,
} from '../../src/access/index.js';

const GOLDEN_DIR = new URL('./golden/', import.meta.url);

/** Compares with test/access/golden/<name>; UPDATE_GOLDEN=1 rewrites the file (then review the diff). */
function expectGolden(name: string, actual: string): void {
  const file = new URL(name, GOLDEN_DIR);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.UPDATE_GOLDEN !== '1')
      throw new Error(`missing golden file ${file.pathname}; run with UPDATE_GOLDEN=1`);
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const GUIDE_ERROR = `An error occurred (AccessDeniedException) when calling the
CreateRepository operation:
User: arn:aws:iam::123456789012:user/dev is not authorized to perform:
ecr:CreateRepository on resource:
arn:aws:ecr:us-west-2:123456789012:repository/app
because no identity-based policy allows the ecr:CreateRepository action`;

const SSO_SCP_ERROR =
  'An error occurred (AccessDenied) when calling the PutObject operation: User: arn:aws:sts::112233445566:assumed-role/AWSReservedSSO_DataEngineer_0123456789abcdef/alice is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::reports/2026/q1.csv" with an explicit deny in a service control policy: arn:aws:organizations::999988887777:policy/o-abc123/service_control_policy/p-xyz789';

const ROLE_BARE_S3 = [
  'POST https://s3.eu-west-1.amazonaws.com/',
  'An error occurred (AccessDenied) when calling the ListBuckets operation: Access Denied',
].join('\n');

describe('golden outputs', () => {
  it('policy for explicit actions, scoped and unscoped', async () => {
    const built = await buildPolicy(['ecr:CreateRepository', 'ecr:GetAuthorizationToken', 'ecr:PutImage'], {
      resource: 'arn:aws:ecr:us-west-2:123456789012:repository/app',
    });
    expectGolden('policy-ecr-actions.json.golden', `${formatPolicyDocument(built.document)}\n`);
    expect(built.notes.join('\n')).toMatch(/ecr:GetAuthorizationToken does not support resource-level permissions/);
  });

  it('task bundles: ecr-push (the guide’s policy), s3-read and lambda-deploy', async () => {
    const repo = 'arn:aws:ecr:us-west-2:123456789012:repository/app';
    expectGolden(
      'task-ecr-push.json.golden',
      `${formatPolicyDocument((await buildTaskPolicy('ecr-push', { resource: repo })).document)}\n`,
    );
    const guide = await buildTaskPolicy('ecr-push');
    // Without a resource the bundle is exactly the guide's custom policy: ten actions on "*".
    expect(guide.document.Statement).toHaveLength(1);
    expect(guide.document.Statement[0]?.Resource).toBe('*');
    expect(guide.document.Statement[0]?.Action).toHaveLength(10);
    expect(guide.managedPolicies[0]?.name).toBe('AmazonEC2ContainerRegistryFullAccess');
    expectGolden(
      'task-s3-read.json.golden',
      `${formatPolicyDocument((await buildTaskPolicy('s3-read', { resource: 'arn:aws:s3:::reports' })).document)}\n`,
    );
    expectGolden(
      'task-lambda-deploy.json.golden',
      `${formatPolicyDocument((await buildTaskPolicy('lambda-deploy', { resource: 'arn:aws:lambda:us-east-1:123456789012:function:api' })).document)}\n`,
    );
  });

  it('explain --json objects', () => {
    const objects = [...parseErrors(GUIDE_ERROR), ...parseErrors(SSO_SCP_ERROR)].map(explainedErrorJson);
    expect(Object.keys(objects[0] ?? {})).toEqual([
      'kind',
      'errorCode',
      'operation',
      'principal',
      'principalType',
      'account',
      'action',
      'resource',
      'region',
      'reason',
      'denyingPolicy',
      'explanation',
      'whoMustAct',
      'fix',
    ]);
    expectGolden('explain.json.golden', `${JSON.stringify(objects, null, 2)}\n`);
  });

  it('the administrator request in markdown: user, SSO role under an SCP, and an operation-only S3 denial', async () => {
    for (const [name, text] of [
      ['request-user.md.golden', GUIDE_ERROR],
      ['request-sso-scp.md.golden', SSO_SCP_ERROR],
      ['request-bare-s3.md.golden', ROLE_BARE_S3],
    ] as const) {
      const [error] = parseErrors(text);
      expectGolden(name, adminRequestMarkdown(error!, await requestPolicyFor(error!)));
    }
  });
});
