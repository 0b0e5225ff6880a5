import { describe, expect, it } from 'vitest';
import { explainError, parseErrors, principalTypeOf, permissionSetName } from '../../src/access/index.js';

describe('principal types', () => {
  it.each([
    ['arn:aws:iam::123456789012:user/path/dev', 'user'],
    ['arn:aws:sts::123456789012:assumed-role/deploy/ci', 'assumed-role'],
    ['arn:aws:iam::123456789012:role/deploy', 'role'],
    ['arn:aws:iam::123456789012:root', 'root'],
    ['arn:aws:sts::123456789012:federated-user/Bob', 'federated-user'],
    ['arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_ReadOnly_0123456789abcdef/alice@example.com', 'sso-role'],
    ['arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef', 'sso-role'],
    ['events.amazonaws.com', 'service'],
    ['anonymous', 'unknown'],
  ])('%s is %s', (principal, type) => {
    expect(principalTypeOf(principal)).toBe(type);
  });

  it('names the permission set behind an Identity Center role', () => {
    expect(
      permissionSetName('arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_DataEngineer_0123456789abcdef/alice'),
    ).toBe('DataEngineer');
  });
});

describe('parseErrors', () => {
  it('reads a service principal and a federated user', () => {
    const [service] = parseErrors(
      'User: events.amazonaws.com is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:eu-west-1:123456789012:function:f',
    );
    expect(service).toMatchObject({ principal: 'events.amazonaws.com', principalType: 'service', account: null });
    expect(service?.region).toBe('eu-west-1');
    const [federated] = parseErrors(
      'User: arn:aws:sts::123456789012:federated-user/Bob is not authorized to perform: s3:ListBucket because no session policy allows the s3:ListBucket action',
    );
    expect(federated).toMatchObject({ principalType: 'federated-user', reason: 'no-session-policy' });
  });

  it('takes the region from the endpoint when the resource has none, and says null when nothing names one', () => {
    const [fromHost] = parseErrors(
      'POST https://sqs.eu-north-1.amazonaws.com/ 403\nAn error occurred (AccessDenied) when calling the SendMessage operation: Access to the resource https://sqs.eu-north-1.amazonaws.com/123456789012/jobs is denied.',
    );
    expect(fromHost).toMatchObject({ kind: 'authorization', region: 'eu-north-1', operation: 'SendMessage' });
    const [none] = parseErrors(
      'An error occurred (AccessDenied) when calling the ListBuckets operation: Access Denied',
    );
    expect(none).toMatchObject({ region: null, principal: null, action: null, resource: null, reason: 'unspecified' });
  });

  it('never guesses: an S3 bare Access Denied keeps every unknown field null', () => {
    const [error] = parseErrors(
      'botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the GetObject operation: Access Denied',
    );
    expect(error).toMatchObject({
      kind: 'authorization',
      errorCode: 'AccessDenied',
      operation: 'GetObject',
      principal: null,
      principalType: null,
      account: null,
      action: null,
      resource: null,
      region: null,
      reason: 'unspecified',
      denyingPolicy: null,
    });
  });

  it('reads several different errors from one log, each once', () => {
    const log = [
      '2026-01-01T00:00:00Z INFO starting',
      'An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired',
      'retrying...',
      'An error occurred (AccessDeniedException) when calling the Invoke operation: User: arn:aws:iam::123456789012:user/dev is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:123456789012:function:hello because no identity-based policy allows the lambda:InvokeFunction action',
      'An error occurred (AccessDeniedException) when calling the Invoke operation: User: arn:aws:iam::123456789012:user/dev is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:123456789012:function:hello because no identity-based policy allows the lambda:InvokeFunction action',
      'An error occurred (ResourceNotFoundException) when calling the GetFunction operation: Function not found',
    ].join('\n');
    const errors = parseErrors(log);
    expect(errors.map((e) => [e.kind, e.errorCode, e.operation])).toEqual([
      ['credentials', 'ExpiredToken', 'GetCallerIdentity'],
      ['authorization', 'AccessDeniedException', 'Invoke'],
      ['other', 'ResourceNotFoundException', 'GetFunction'],
    ]);
  });

  it('reads the JS SDK v3 printed object form, with its message split across lines', () => {
    const printed = `AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/app/i-0abc is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-2:123456789012:table/orders because no identity-based policy allows the dynamodb:PutItem action
    at throwDefaultError (/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20) {
  '$fault': 'client',
  '$metadata': { httpStatusCode: 400, requestId: 'Q8V...', attempts: 1, totalRetryDelay: 0 },
  __type: 'com.amazonaws.dynamodb.v20120810#AccessDeniedException'
}`;
    const [error] = parseErrors(printed);
    expect(error).toMatchObject({
      errorCode: 'AccessDeniedException',
      principalType: 'assumed-role',
      action: 'dynamodb:PutItem',
      region: 'us-east-2',
      reason: 'no-identity-policy',
    });
  });

  it('reads a raw JSON body whose code comes after the message', () => {
    const [error] = parseErrors(
      '{"message":"User: arn:aws:iam::123456789012:user/dev is not authorized to perform: ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action","__type":"AccessDeniedException"}',
    );
    expect(error).toMatchObject({
      errorCode: 'AccessDeniedException',
      resource: '*',
      action: 'ecr:GetAuthorizationToken',
    });
  });

  it('says that an explicit deny is not fixed by an Allow, and that AssumeRole has two sides', () => {
    const [deny] = parseErrors(
      'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: s3:DeleteBucket on resource: arn:aws:s3:::logs with an explicit deny in an identity-based policy: arn:aws:iam::123456789012:policy/NoDeletes',
    );
    expect(deny?.denyingPolicy).toBe('arn:aws:iam::123456789012:policy/NoDeletes');
    const explained = explainError(deny!);
    expect(explained.notes.join(' ')).toMatch(/never fixes it/);
    expect(explained.fix).toMatch(/NoDeletes/);
    expect(explained.identityPolicyHelps).toBe(false);

    const [assume] = parseErrors(
      'An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::123456789012:user/dev is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::210987654321:role/deploy',
    );
    const notes = explainError(assume!).notes.join(' ');
    expect(notes).toMatch(/trust policy/);
    expect(notes).toMatch(/identity policy/);
  });

  it('routes credential errors to doctor and names who acts for each policy type', () => {
    const [creds] = parseErrors('botocore.exceptions.NoCredentialsError: Unable to locate credentials');
    expect(explainError(creds!).fix).toMatch(/awsdoctor doctor/);
    const whoFor = (text: string) => explainError(parseErrors(text)[0]!).whoMustAct;
    const base =
      'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k';
    expect(whoFor(`${base} with an explicit deny in a service control policy`)).toMatch(/Organizations/);
    expect(whoFor(`${base} because no resource-based policy allows the s3:GetObject action`)).toMatch(
      /owner of arn:aws:s3:::b\/k/,
    );
    expect(whoFor(`${base} because no VPC endpoint policy allows the s3:GetObject action`)).toMatch(/network owner/);
    expect(whoFor(`${base} because no session policy allows the s3:GetObject action`)).toMatch(/creates your session/);
    expect(whoFor(`${base} because no permissions boundary allows the s3:GetObject action`)).toMatch(/boundary/);
    expect(
      whoFor(
        'User: arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Dev_0123456789abcdef/a is not authorized to perform: s3:GetObject because no identity-based policy allows the s3:GetObject action',
      ),
    ).toMatch(/permission set "Dev"/);
  });
});
