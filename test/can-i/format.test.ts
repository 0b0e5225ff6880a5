import { describe, expect, it } from 'vitest';
import { callerPrincipal } from '../../src/access/can-i/principal.js';
import { canIJson, formatCanIText } from '../../src/access/can-i/format.js';
import { missingPolicyFor } from '../../src/access/can-i/missing-policy.js';
import { probeActions, probeFor } from '../../src/access/can-i/probe-catalog.js';
import type { CanIReport } from '../../src/access/can-i/types.js';

const REPORT: CanIReport = {
  principal: 'arn:aws:iam::111122223333:role/ci/deploy',
  caller: 'arn:aws:sts::111122223333:assumed-role/deploy/run-1',
  account: '111122223333',
  region: 'eu-west-1',
  method: 'local',
  blindSpots: ['scp', 'rcp', 'resource-policy', 'session-policy'],
  notes: ['iam:SimulatePrincipalPolicy is not available (AccessDenied: not authorized).'],
  results: [
    {
      action: 'ecr:GetAuthorizationToken',
      resource: '*',
      decision: 'allowed',
      matchedStatements: [
        { policy: 'ecr', policyType: 'role-inline', sid: 'Login', statementIndex: 0, effect: 'Allow' },
      ],
      reason: 'ecr:GetAuthorizationToken on * is allowed by ecr Sid "Login".',
      method: 'local',
    },
    {
      action: 'ecr:PutImage',
      resource: 'arn:aws:ecr:eu-west-1:111122223333:repository/app',
      decision: 'explicitly-denied',
      matchedStatements: [
        {
          policy: 'guard',
          policyType: 'role-managed',
          policyArn: 'arn:aws:iam::111122223333:policy/guard',
          statementIndex: 2,
          effect: 'Deny',
        },
      ],
      reason:
        'ecr:PutImage on arn:aws:ecr:eu-west-1:111122223333:repository/app is explicitly denied by guard statement #2.',
      method: 'local',
    },
  ],
};

describe('can-i output (golden)', () => {
  it('--json document', async () => {
    const missing = await missingPolicyFor(REPORT);
    expect(canIJson(REPORT, missing.document)).toEqual({
      principal: 'arn:aws:iam::111122223333:role/ci/deploy',
      caller: 'arn:aws:sts::111122223333:assumed-role/deploy/run-1',
      account: '111122223333',
      region: 'eu-west-1',
      method: 'local',
      blindSpots: ['scp', 'rcp', 'resource-policy', 'session-policy'],
      results: [
        {
          action: 'ecr:GetAuthorizationToken',
          resource: '*',
          decision: 'allowed',
          matchedStatements: [
            { policy: 'ecr', policyType: 'role-inline', sid: 'Login', statementIndex: 0, effect: 'Allow' },
          ],
          reason: 'ecr:GetAuthorizationToken on * is allowed by ecr Sid "Login".',
          method: 'local',
        },
        {
          action: 'ecr:PutImage',
          resource: 'arn:aws:ecr:eu-west-1:111122223333:repository/app',
          decision: 'explicitly-denied',
          matchedStatements: [
            {
              policy: 'guard',
              policyType: 'role-managed',
              policyArn: 'arn:aws:iam::111122223333:policy/guard',
              statementIndex: 2,
              effect: 'Deny',
            },
          ],
          reason:
            'ecr:PutImage on arn:aws:ecr:eu-west-1:111122223333:repository/app is explicitly denied by guard statement #2.',
          method: 'local',
        },
      ],
      missingPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'EcrRepository',
            Effect: 'Allow',
            Action: 'ecr:PutImage',
            Resource: 'arn:aws:ecr:eu-west-1:111122223333:repository/app',
          },
        ],
      },
      notes: ['iam:SimulatePrincipalPolicy is not available (AccessDenied: not authorized).'],
    });
    expect(missing.notes).toEqual([
      'Explicitly denied (ecr:PutImage): an Allow does not help until the Deny is removed.',
    ]);
  });

  it('human text', async () => {
    const missing = await missingPolicyFor(REPORT);
    expect(formatCanIText(REPORT, missing.document, missing.notes))
      .toBe(`principal: arn:aws:iam::111122223333:role/ci/deploy (as arn:aws:sts::111122223333:assumed-role/deploy/run-1)
region:    eu-west-1
answered from its policies, read from IAM and evaluated by awsdoctor

  allowed            ecr:GetAuthorizationToken
      ecr:GetAuthorizationToken on * is allowed by ecr Sid "Login".
  EXPLICITLY DENIED  ecr:PutImage on arn:aws:ecr:eu-west-1:111122223333:repository/app
      ecr:PutImage on arn:aws:ecr:eu-west-1:111122223333:repository/app is explicitly denied by guard statement #2.

not visible to can-i: scp; rcp; resource-policy; session-policy
note: iam:SimulatePrincipalPolicy is not available (AccessDenied: not authorized).

To get what is missing, ask your administrator to grant this policy:
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "EcrRepository",
      "Effect": "Allow",
      "Action": "ecr:PutImage",
      "Resource": "arn:aws:ecr:eu-west-1:111122223333:repository/app"
    }
  ]
}
  - Explicitly denied (ecr:PutImage): an Allow does not help until the Deny is removed.
`);
  });

  it('no missing policy when everything is allowed', async () => {
    const allowed: CanIReport = { ...REPORT, results: [REPORT.results[0]!] };
    const missing = await missingPolicyFor(allowed);
    expect(missing.document).toBeNull();
    expect(canIJson(allowed, missing.document).missingPolicy).toBeNull();
  });
});

describe('callerPrincipal', () => {
  it.each([
    ['arn:aws:iam::111122223333:user/dev/alice', 'user', 'alice', 'arn:aws:iam::111122223333:user/dev/alice'],
    ['arn:aws:sts::111122223333:assumed-role/deploy/run-1', 'role', 'deploy', 'arn:aws:iam::111122223333:role/deploy'],
    [
      'arn:aws-cn:sts::111122223333:assumed-role/AWSReservedSSO_Admin_1a2b/alice@example.com',
      'role',
      'AWSReservedSSO_Admin_1a2b',
      'arn:aws-cn:iam::111122223333:role/AWSReservedSSO_Admin_1a2b',
    ],
    ['arn:aws:iam::111122223333:root', 'root', undefined, 'arn:aws:iam::111122223333:root'],
    [
      'arn:aws:sts::111122223333:federated-user/bob',
      'federated-user',
      'bob',
      'arn:aws:sts::111122223333:federated-user/bob',
    ],
  ])('%s', (arn, kind, name, principalArn) => {
    expect(callerPrincipal(arn)).toMatchObject({ kind, name, principalArn });
  });
});

describe('probe allowlist', () => {
  it('holds only read-only calls, and EC2 ones run with DryRun', () => {
    for (const action of probeActions()) {
      const probe = probeFor(action)!;
      expect(probe.operation, action).toMatch(/^(List|Describe|Get)/);
      if (probe.signingName === 'ec2') {
        expect(probe.dryRun).toBe(true);
        expect(probe.params).toMatchObject({ DryRun: true });
      }
    }
    expect(probeFor('ec2:RunInstances')).toBeUndefined();
    expect(probeFor('s3:DeleteBucket')).toBeUndefined();
    expect(probeFor('EC2:describeinstances')?.action).toBe('ec2:DescribeInstances');
  });
});
