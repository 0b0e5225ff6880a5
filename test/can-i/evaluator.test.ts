import { describe, expect, it } from 'vitest';
import { evaluatePolicies } from '../../src/access/evaluate/index.js';
import type { EvaluationDecision, NamedPolicy, RequestContext } from '../../src/access/evaluate/index.js';

/** One table case: the policies of a principal, one request, the decision AWS documents for it, and where. */
interface Case {
  name: string;
  doc: string;
  identity: unknown[];
  boundary?: unknown;
  action: string;
  resource: string;
  context?: RequestContext;
  expected: EvaluationDecision;
  /** Sids (or `#index`) of the statements that must be reported as deciding. */
  statements?: string[];
}

const DOCS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide';

// "Example identity-based and resource-based policy evaluation" (user carlossalazar).
const carlos = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AllowS3ListRead',
      Effect: 'Allow',
      Action: ['s3:GetBucketLocation', 's3:GetAccountPublicAccessBlock', 's3:ListAccessPoints', 's3:ListAllMyBuckets'],
      Resource: 'arn:aws:s3:::*',
    },
    {
      Sid: 'AllowS3Self',
      Effect: 'Allow',
      Action: 's3:*',
      Resource: ['arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/*', 'arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar'],
    },
    { Sid: 'DenyS3Logs', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::*log*' },
  ],
};

// "NotAction with Allow": everything except IAM.
const allExceptIam = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }],
};

// "NotAction with Deny" + MFA: deny everything but IAM without MFA.
const denyWithoutMfa = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' },
    {
      Sid: 'DenyAllUsersNotUsingMFA',
      Effect: 'Deny',
      NotAction: 'iam:*',
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    },
  ],
};

// "NotResource": deny everything in S3 except the payroll folder (the doc's HRBucket example).
const denyButPayroll = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'AllowS3', Effect: 'Allow', Action: 's3:*', Resource: '*' },
    {
      Sid: 'DenyOutsidePayroll',
      Effect: 'Deny',
      Action: 's3:*',
      NotResource: ['arn:aws:s3:::HRBucket/Payroll', 'arn:aws:s3:::HRBucket/Payroll/*'],
    },
  ],
};

// "AWS: Denies access to AWS based on the requested Region".
const regionDeny = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' },
    {
      Sid: 'DenyAllOutsideRequestedRegions',
      Effect: 'Deny',
      NotAction: ['cloudfront:*', 'iam:*', 'route53:*', 'support:*'],
      Resource: '*',
      Condition: {
        StringNotEquals: { 'aws:RequestedRegion': ['eu-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3'] },
      },
    },
  ],
};

// "IAM policy elements: Variables and tags": home folder per user name.
const homeFolder = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AllowOwnPrefix',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*',
    },
    {
      Sid: 'AllowListOwnPrefix',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: 'arn:aws:s3:::amzn-s3-demo-bucket',
      Condition: { StringLike: { 's3:prefix': ['', 'home/', 'home/${aws:username}/*'] } },
    },
  ],
};

// "AWS: Denies access to AWS based on the source IP".
const ipDeny = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' },
    {
      Sid: 'DenyOutsideIpRanges',
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: {
        NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.0/24'] },
        Bool: { 'aws:ViaAWSService': 'false' },
      },
    },
  ],
};

// "AWS: Allows access within specific dates".
const dates = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Window',
      Effect: 'Allow',
      Action: 'service-prefix:action-name',
      Resource: '*',
      Condition: {
        DateGreaterThan: { 'aws:CurrentTime': '2020-04-01T00:00:00Z' },
        DateLessThan: { 'aws:CurrentTime': '2020-06-30T23:59:59Z' },
      },
    },
  ],
};

// Condition operators: String with aws:PrincipalTag; access keys of users.
const tagAdmin = {
  Version: '2012-10-17',
  Statement: {
    Sid: 'KeyAdmins',
    Effect: 'Allow',
    Action: 'iam:*AccessKey*',
    Resource: 'arn:aws:iam::111122223333:user/*',
    Condition: { StringEquals: { 'aws:PrincipalTag/job-category': 'iamuser-admin' } },
  },
};

// Set operators for multivalued context keys (aws:TagKeys).
const tagKeysAll = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'OnlyTheseTagKeys',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: '*',
      Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['environment', 'cost-center'] } },
    },
  ],
};
const tagKeysAny = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AnyOfTheseTagKeys',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: '*',
      Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['environment', 'cost-center'] } },
    },
  ],
};

// Permissions boundaries: the boundary allows only S3, CloudWatch and EC2.
const boundary = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:*', 'cloudwatch:*', 'ec2:*'], Resource: '*' }],
};
const createUser = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'CreateUser', Effect: 'Allow', Action: 'iam:CreateUser', Resource: '*' }],
};
const s3Read = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'S3Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
};

const CASES: Case[] = [
  // Policy evaluation logic (single account)
  {
    name: 'Carlos saves to his -logs bucket: DenyS3Logs wins over AllowS3Self',
    doc: `${DOCS}/reference_policies_evaluation-logic_policy-eval-basics.html`,
    identity: [carlos],
    action: 's3:PutObject',
    resource: 'arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/file.txt',
    expected: 'explicitly-denied',
    statements: ['DenyS3Logs'],
  },
  {
    name: 'Carlos writes to his own bucket',
    doc: `${DOCS}/reference_policies_evaluation-logic_policy-eval-basics.html`,
    identity: [carlos],
    action: 's3:PutObject',
    resource: 'arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/file.txt',
    expected: 'allowed',
    statements: ['AllowS3Self'],
  },
  {
    name: 'Carlos reads another bucket: nothing allows it',
    doc: `${DOCS}/reference_policies_evaluation-logic_policy-eval-basics.html`,
    identity: [carlos],
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::amzn-s3-demo-bucket-other/file.txt',
    expected: 'implicitly-denied',
  },
  {
    name: 'no policies: every request is implicitly denied',
    doc: `${DOCS}/reference_policies_evaluation-logic_policy-eval-denyallow.html`,
    identity: [],
    action: 'sts:GetSessionToken',
    resource: '*',
    expected: 'implicitly-denied',
  },
  // Action element: names are case-insensitive, wildcards
  {
    name: 'action names are case-insensitive',
    doc: `${DOCS}/reference_policies_elements_action.html`,
    identity: [carlos],
    action: 'S3:putobject',
    resource: 'arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/file.txt',
    expected: 'allowed',
  },
  {
    name: 'resource ARNs are case-sensitive',
    doc: `${DOCS}/reference_policies_elements_resource.html`,
    identity: [carlos],
    action: 's3:PutObject',
    resource: 'arn:aws:s3:::AMZN-S3-DEMO-BUCKET-CARLOSSALAZAR/file.txt',
    expected: 'implicitly-denied',
  },
  {
    name: 'multi-character wildcard in the middle of an action name',
    doc: `${DOCS}/reference_policies_elements_condition_operators.html`,
    identity: [tagAdmin],
    action: 'iam:CreateAccessKey',
    resource: 'arn:aws:iam::111122223333:user/alice',
    context: { 'aws:PrincipalTag/job-category': 'iamuser-admin' },
    expected: 'allowed',
    statements: ['KeyAdmins'],
  },
  {
    name: 'single-character wildcard ? matches exactly one character',
    doc: `${DOCS}/reference_policies_elements_resource.html`,
    identity: [
      {
        Version: '2012-10-17',
        Statement: [{ Sid: 'Q', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:*:*:queue-?' }],
      },
    ],
    action: 'sqs:SendMessage',
    resource: 'arn:aws:sqs:us-east-1:111122223333:queue-10',
    expected: 'implicitly-denied',
  },
  {
    name: 'single-character wildcard ? matches one character',
    doc: `${DOCS}/reference_policies_elements_resource.html`,
    identity: [
      {
        Version: '2012-10-17',
        Statement: [{ Sid: 'Q', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:*:*:queue-?' }],
      },
    ],
    action: 'sqs:SendMessage',
    resource: 'arn:aws:sqs:us-east-1:111122223333:queue-1',
    expected: 'allowed',
  },
  // NotAction
  {
    name: 'Allow + NotAction iam:*: S3 is allowed',
    doc: `${DOCS}/reference_policies_elements_notaction.html`,
    identity: [allExceptIam],
    action: 's3:ListAllMyBuckets',
    resource: '*',
    expected: 'allowed',
  },
  {
    name: 'Allow + NotAction iam:*: IAM is not allowed (implicit deny, not explicit)',
    doc: `${DOCS}/reference_policies_elements_notaction.html`,
    identity: [allExceptIam],
    action: 'iam:CreateUser',
    resource: '*',
    expected: 'implicitly-denied',
  },
  {
    name: 'Deny + NotAction without MFA: S3 denied when the MFA key is absent (BoolIfExists)',
    doc: `${DOCS}/reference_policies_elements_notaction.html`,
    identity: [denyWithoutMfa],
    action: 's3:ListAllMyBuckets',
    resource: '*',
    expected: 'explicitly-denied',
    statements: ['DenyAllUsersNotUsingMFA'],
  },
  {
    name: 'Deny + NotAction without MFA: IAM still allowed',
    doc: `${DOCS}/reference_policies_elements_notaction.html`,
    identity: [denyWithoutMfa],
    action: 'iam:ChangePassword',
    resource: '*',
    expected: 'allowed',
  },
  {
    name: 'Deny + NotAction without MFA: S3 allowed with MFA',
    doc: `${DOCS}/reference_policies_elements_notaction.html`,
    identity: [denyWithoutMfa],
    action: 's3:ListAllMyBuckets',
    resource: '*',
    context: { 'aws:MultiFactorAuthPresent': true },
    expected: 'allowed',
  },
  // NotResource
  {
    name: 'Deny + NotResource: outside the payroll folder is denied',
    doc: `${DOCS}/reference_policies_elements_notresource.html`,
    identity: [denyButPayroll],
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::HRBucket/Other/x.csv',
    expected: 'explicitly-denied',
    statements: ['DenyOutsidePayroll'],
  },
  {
    name: 'Deny + NotResource: inside the payroll folder is allowed',
    doc: `${DOCS}/reference_policies_elements_notresource.html`,
    identity: [denyButPayroll],
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::HRBucket/Payroll/2024.csv',
    expected: 'allowed',
    statements: ['AllowS3'],
  },
  // aws:RequestedRegion
  {
    name: 'requested Region outside the list: denied',
    doc: `${DOCS}/reference_policies_examples_aws_deny-requested-region.html`,
    identity: [regionDeny],
    action: 'ec2:RunInstances',
    resource: '*',
    context: { 'aws:RequestedRegion': 'us-east-1' },
    expected: 'explicitly-denied',
    statements: ['DenyAllOutsideRequestedRegions'],
  },
  {
    name: 'requested Region in the list: allowed',
    doc: `${DOCS}/reference_policies_examples_aws_deny-requested-region.html`,
    identity: [regionDeny],
    action: 'ec2:RunInstances',
    resource: '*',
    context: { 'aws:RequestedRegion': 'eu-west-1' },
    expected: 'allowed',
  },
  {
    name: 'global service exempted by NotAction: allowed in any Region',
    doc: `${DOCS}/reference_policies_examples_aws_deny-requested-region.html`,
    identity: [regionDeny],
    action: 'iam:ListUsers',
    resource: '*',
    context: { 'aws:RequestedRegion': 'us-east-1' },
    expected: 'allowed',
  },
  {
    name: 'StringNotEquals with the key missing is true (the deny applies)',
    doc: `${DOCS}/reference_policies_elements_condition_operators.html`,
    identity: [regionDeny],
    action: 'ec2:DescribeInstances',
    resource: '*',
    expected: 'explicitly-denied',
  },
  // Policy variables
  {
    name: '${aws:username} in Resource: own home folder',
    doc: `${DOCS}/reference_policies_variables.html`,
    identity: [homeFolder],
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::amzn-s3-demo-bucket/home/alice/notes.txt',
    context: { 'aws:username': 'alice' },
    expected: 'allowed',
    statements: ['AllowOwnPrefix'],
  },
  {
    name: "${aws:username} in Resource: someone else's folder",
    doc: `${DOCS}/reference_policies_variables.html`,
    identity: [homeFolder],
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::amzn-s3-demo-bucket/home/bob/notes.txt',
    context: { 'aws:username': 'alice' },
    expected: 'implicitly-denied',
  },
  {
    name: 'policy variable without a value in the request: the statement does not match',
    doc: `${DOCS}/reference_policies_variables.html`,
    identity: [homeFolder],
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::amzn-s3-demo-bucket/home/alice/notes.txt',
    expected: 'implicitly-denied',
  },
  {
    name: 'policy variable in a StringLike condition value',
    doc: `${DOCS}/reference_policies_variables.html`,
    identity: [homeFolder],
    action: 's3:ListBucket',
    resource: 'arn:aws:s3:::amzn-s3-demo-bucket',
    context: { 'aws:username': 'alice', 's3:prefix': 'home/alice/photos' },
    expected: 'allowed',
  },
  {
    name: 'policy variable in a StringLike condition value: other prefix',
    doc: `${DOCS}/reference_policies_variables.html`,
    identity: [homeFolder],
    action: 's3:ListBucket',
    resource: 'arn:aws:s3:::amzn-s3-demo-bucket',
    context: { 'aws:username': 'alice', 's3:prefix': 'home/bob/' },
    expected: 'implicitly-denied',
  },
  {
    name: 'Version 2008-10-17 treats ${...} as literal text',
    doc: `${DOCS}/reference_policies_elements_version.html`,
    identity: [{ ...homeFolder, Version: '2008-10-17' }],
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::amzn-s3-demo-bucket/home/alice/notes.txt',
    context: { 'aws:username': 'alice' },
    expected: 'implicitly-denied',
  },
  {
    name: '${*} is a literal asterisk, not a wildcard',
    doc: `${DOCS}/reference_policies_variables.html`,
    identity: [
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/${*}literal' }],
      },
    ],
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::bucket/anythingliteral',
    expected: 'implicitly-denied',
  },
  {
    name: '${*} matches a literal asterisk',
    doc: `${DOCS}/reference_policies_variables.html`,
    identity: [
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/${*}literal' }],
      },
    ],
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::bucket/*literal',
    expected: 'allowed',
  },
  {
    name: 'policy variable default value when the key is missing',
    doc: `${DOCS}/reference_policies_variables.html`,
    identity: [
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: "arn:aws:s3:::amzn-s3-demo-bucket/${aws:PrincipalTag/team, 'company-wide'}/*",
          },
        ],
      },
    ],
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::amzn-s3-demo-bucket/company-wide/handbook.pdf',
    expected: 'allowed',
  },
  {
    name: '${aws:PrincipalTag/...} variable resolves from the principal tags',
    doc: `${DOCS}/reference_policies_variables.html`,
    identity: [
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: "arn:aws:s3:::amzn-s3-demo-bucket/${aws:PrincipalTag/team, 'company-wide'}/*",
          },
        ],
      },
    ],
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::amzn-s3-demo-bucket/company-wide/handbook.pdf',
    context: { 'aws:PrincipalTag/team': 'red' },
    expected: 'implicitly-denied',
  },
  // Condition operators
  {
    name: 'StringEquals on a principal tag: missing tag does not match',
    doc: `${DOCS}/reference_policies_elements_condition_operators.html`,
    identity: [tagAdmin],
    action: 'iam:CreateAccessKey',
    resource: 'arn:aws:iam::111122223333:user/alice',
    expected: 'implicitly-denied',
  },
  {
    name: 'condition keys are case-insensitive, values case-sensitive (StringEquals)',
    doc: `${DOCS}/reference_policies_elements_condition.html`,
    identity: [tagAdmin],
    action: 'iam:CreateAccessKey',
    resource: 'arn:aws:iam::111122223333:user/alice',
    context: { 'AWS:PRINCIPALTAG/JOB-CATEGORY': 'IAMUSER-ADMIN' },
    expected: 'implicitly-denied',
  },
  {
    name: 'StringEqualsIgnoreCase ignores the value case',
    doc: `${DOCS}/reference_policies_elements_condition_operators.html`,
    identity: [
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'iam:CreateAccessKey',
            Resource: '*',
            Condition: { StringEqualsIgnoreCase: { 'aws:PrincipalTag/job-category': 'iamuser-admin' } },
          },
        ],
      },
    ],
    action: 'iam:CreateAccessKey',
    resource: '*',
    context: { 'aws:PrincipalTag/job-category': 'IAMUser-Admin' },
    expected: 'allowed',
  },
  {
    name: 'Numeric: s3:max-keys within the limit',
    doc: `${DOCS}/reference_policies_elements_condition_operators.html`,
    identity: [
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:ListBucket',
            Resource: 'arn:aws:s3:::amzn-s3-demo-bucket',
            Condition: { NumericLessThanEquals: { 's3:max-keys': '10' } },
          },
        ],
      },
    ],
    action: 's3:ListBucket',
    resource: 'arn:aws:s3:::amzn-s3-demo-bucket',
    context: { 's3:max-keys': 10 },
    expected: 'allowed',
  },
  {
    name: 'Numeric: s3:max-keys over the limit',
    doc: `${DOCS}/reference_policies_elements_condition_operators.html`,
    identity: [
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:ListBucket',
            Resource: 'arn:aws:s3:::amzn-s3-demo-bucket',
            Condition: { NumericLessThanEquals: { 's3:max-keys': '10' } },
          },
        ],
      },
    ],
    action: 's3:ListBucket',
    resource: 'arn:aws:s3:::amzn-s3-demo-bucket',
    context: { 's3:max-keys': '11' },
    expected: 'implicitly-denied',
  },
  {
    name: 'Date: inside the allowed window',
    doc: `${DOCS}/reference_policies_examples_aws-dates.html`,
    identity: [dates],
    action: 'service-prefix:action-name',
    resource: '*',
    context: { 'aws:CurrentTime': '2020-05-15T12:00:00Z' },
    expected: 'allowed',
    statements: ['Window'],
  },
  {
    name: 'Date: after the window',
    doc: `${DOCS}/reference_policies_examples_aws-dates.html`,
    identity: [dates],
    action: 'service-prefix:action-name',
    resource: '*',
    context: { 'aws:CurrentTime': '2020-07-01T00:00:00Z' },
    expected: 'implicitly-denied',
  },
  {
    name: 'Date: epoch seconds are accepted too',
    doc: `${DOCS}/reference_policies_elements_condition_operators.html`,
    identity: [dates],
    action: 'service-prefix:action-name',
    resource: '*',
    context: { 'aws:CurrentTime': String(Date.parse('2020-05-15T12:00:00Z') / 1000) },
    expected: 'allowed',
  },
  {
    name: 'IP: request from outside the ranges, not via a service: denied',
    doc: `${DOCS}/reference_policies_examples_aws_deny-ip.html`,
    identity: [ipDeny],
    action: 's3:ListAllMyBuckets',
    resource: '*',
    context: { 'aws:SourceIp': '198.51.100.7', 'aws:ViaAWSService': 'false' },
    expected: 'explicitly-denied',
  },
  {
    name: 'IP: request from inside 203.0.113.0/24: allowed',
    doc: `${DOCS}/reference_policies_examples_aws_deny-ip.html`,
    identity: [ipDeny],
    action: 's3:ListAllMyBuckets',
    resource: '*',
    context: { 'aws:SourceIp': '203.0.113.42', 'aws:ViaAWSService': 'false' },
    expected: 'allowed',
  },
  {
    name: 'IP: outside the ranges but via an AWS service: allowed (both conditions must hold)',
    doc: `${DOCS}/reference_policies_examples_aws_deny-ip.html`,
    identity: [ipDeny],
    action: 's3:ListAllMyBuckets',
    resource: '*',
    context: { 'aws:SourceIp': '198.51.100.7', 'aws:ViaAWSService': 'true' },
    expected: 'allowed',
  },
  {
    name: 'IpAddress with IPv6 ranges',
    doc: `${DOCS}/reference_policies_elements_condition_operators.html`,
    identity: [
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: '*',
            Resource: '*',
            Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:DB8:1234:5678::/64'] } },
          },
        ],
      },
    ],
    action: 'ec2:DescribeInstances',
    resource: '*',
    context: { 'aws:SourceIp': '2001:db8:1234:5678::1' },
    expected: 'allowed',
  },
  {
    name: 'ArnEquals on aws:SourceArn',
    doc: `${DOCS}/reference_policies_elements_condition_operators.html`,
    identity: [
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sqs:SendMessage',
            Resource: '*',
            Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:topic-*' } },
          },
        ],
      },
    ],
    action: 'sqs:SendMessage',
    resource: 'arn:aws:sqs:us-east-1:123456789012:q',
    context: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:topic-1' },
    expected: 'allowed',
  },
  {
    name: 'ArnLike wildcards do not cross ARN parts',
    doc: `${DOCS}/reference_policies_elements_condition_operators.html`,
    identity: [
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sqs:SendMessage',
            Resource: '*',
            Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012' } },
          },
        ],
      },
    ],
    action: 'sqs:SendMessage',
    resource: '*',
    context: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:topic' },
    expected: 'implicitly-denied',
  },
  {
    name: 'Null: aws:TokenIssueTime absent means long-term keys',
    doc: `${DOCS}/reference_policies_elements_condition_operators.html`,
    identity: [
      {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyLongTermKeys',
            Effect: 'Deny',
            Action: 'ec2:*',
            Resource: '*',
            Condition: { Null: { 'aws:TokenIssueTime': 'true' } },
          },
          { Effect: 'Allow', Action: 'ec2:*', Resource: '*' },
        ],
      },
    ],
    action: 'ec2:DescribeInstances',
    resource: '*',
    expected: 'explicitly-denied',
    statements: ['DenyLongTermKeys'],
  },
  {
    name: 'Null: temporary credentials carry aws:TokenIssueTime',
    doc: `${DOCS}/reference_policies_elements_condition_operators.html`,
    identity: [
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Deny', Action: 'ec2:*', Resource: '*', Condition: { Null: { 'aws:TokenIssueTime': 'true' } } },
          { Effect: 'Allow', Action: 'ec2:*', Resource: '*' },
        ],
      },
    ],
    action: 'ec2:DescribeInstances',
    resource: '*',
    context: { 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' },
    expected: 'allowed',
  },
  {
    name: 'StringEqualsIfExists: missing key passes',
    doc: `${DOCS}/reference_policies_elements_condition_operators.html`,
    identity: [
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'ec2:*',
            Resource: '*',
            Condition: { StringEqualsIfExists: { 'ec2:InstanceType': ['t1.*', 't2.*', 'm3.*'] } },
          },
        ],
      },
    ],
    action: 'ec2:DescribeInstances',
    resource: '*',
    expected: 'allowed',
  },
  {
    name: 'StringLikeIfExists: present key must match',
    doc: `${DOCS}/reference_policies_elements_condition_operators.html`,
    identity: [
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'ec2:*',
            Resource: '*',
            Condition: { StringLikeIfExists: { 'ec2:InstanceType': ['t1.*', 't2.*', 'm3.*'] } },
          },
        ],
      },
    ],
    action: 'ec2:RunInstances',
    resource: '*',
    context: { 'ec2:InstanceType': 'p4d.24xlarge' },
    expected: 'implicitly-denied',
  },
  {
    name: 'ForAllValues: every requested tag key is in the list',
    doc: `${DOCS}/reference_policies_condition-single-vs-multi-valued-context-keys.html`,
    identity: [tagKeysAll],
    action: 'ec2:CreateTags',
    resource: '*',
    context: { 'aws:TagKeys': ['environment'] },
    expected: 'allowed',
  },
  {
    name: 'ForAllValues: one requested tag key outside the list',
    doc: `${DOCS}/reference_policies_condition-single-vs-multi-valued-context-keys.html`,
    identity: [tagKeysAll],
    action: 'ec2:CreateTags',
    resource: '*',
    context: { 'aws:TagKeys': ['environment', 'owner'] },
    expected: 'implicitly-denied',
  },
  {
    name: 'ForAllValues: key missing from the request evaluates to true',
    doc: `${DOCS}/reference_policies_condition-single-vs-multi-valued-context-keys.html`,
    identity: [tagKeysAll],
    action: 'ec2:CreateTags',
    resource: '*',
    expected: 'allowed',
  },
  {
    name: 'ForAnyValue: one matching tag key is enough',
    doc: `${DOCS}/reference_policies_condition-single-vs-multi-valued-context-keys.html`,
    identity: [tagKeysAny],
    action: 'ec2:CreateTags',
    resource: '*',
    context: { 'aws:TagKeys': ['owner', 'cost-center'] },
    expected: 'allowed',
  },
  {
    name: 'ForAnyValue: key missing from the request evaluates to false',
    doc: `${DOCS}/reference_policies_condition-single-vs-multi-valued-context-keys.html`,
    identity: [tagKeysAny],
    action: 'ec2:CreateTags',
    resource: '*',
    expected: 'implicitly-denied',
  },
  {
    name: 'several values for one key are ORed, several keys are ANDed',
    doc: `${DOCS}/reference_policies_condition-logic-multiple-context-keys-or-values.html`,
    identity: [
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'iam:*',
            Resource: '*',
            Condition: {
              StringEquals: { 'aws:PrincipalTag/department': ['finance', 'hr', 'legal'] },
              ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::222222222222:user/Ana*' },
            },
          },
        ],
      },
    ],
    action: 'iam:ListUsers',
    resource: '*',
    context: {
      'aws:PrincipalTag/department': 'hr',
      'aws:PrincipalArn': 'arn:aws:iam::222222222222:user/Mary',
    },
    expected: 'implicitly-denied',
  },
  {
    name: 'several values for one key are ORed: both keys satisfied',
    doc: `${DOCS}/reference_policies_condition-logic-multiple-context-keys-or-values.html`,
    identity: [
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'iam:*',
            Resource: '*',
            Condition: {
              StringEquals: { 'aws:PrincipalTag/department': ['finance', 'hr', 'legal'] },
              ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::222222222222:user/Ana*' },
            },
          },
        ],
      },
    ],
    action: 'iam:ListUsers',
    resource: '*',
    context: {
      'aws:PrincipalTag/department': 'hr',
      'aws:PrincipalArn': 'arn:aws:iam::222222222222:user/Ana',
    },
    expected: 'allowed',
  },
  // Permissions boundaries
  {
    name: 'boundary: identity allows iam:CreateUser, boundary does not',
    doc: `${DOCS}/access_policies_boundaries.html`,
    identity: [createUser],
    boundary,
    action: 'iam:CreateUser',
    resource: '*',
    expected: 'implicitly-denied',
    statements: ['CreateUser'],
  },
  {
    name: 'boundary: both identity policy and boundary allow s3:GetObject',
    doc: `${DOCS}/access_policies_boundaries.html`,
    identity: [s3Read],
    boundary,
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::bucket/key',
    expected: 'allowed',
  },
  {
    name: 'boundary alone grants nothing',
    doc: `${DOCS}/access_policies_boundaries.html`,
    identity: [],
    boundary,
    action: 'ec2:DescribeInstances',
    resource: '*',
    expected: 'implicitly-denied',
  },
  {
    name: 'explicit deny in a boundary wins',
    doc: `${DOCS}/reference_policies_evaluation-logic_policy-eval-denyallow.html`,
    identity: [s3Read],
    boundary: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Sid: 'NoS3', Effect: 'Deny', Action: 's3:*', Resource: '*' },
      ],
    },
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::bucket/key',
    expected: 'explicitly-denied',
    statements: ['NoS3'],
  },
];

function named(document: unknown, index: number): NamedPolicy {
  return { name: `policy-${index}`, kind: 'given', document };
}

describe('evaluatePolicies: examples from the IAM User Guide', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = evaluatePolicies(
      {
        identity: c.identity.map(named),
        permissionsBoundary: c.boundary
          ? { name: 'boundary', kind: 'permissions-boundary', document: c.boundary }
          : undefined,
      },
      { action: c.action, resource: c.resource, context: c.context ?? {} },
    );
    expect(result.decision, `${c.doc}: ${result.reason}`).toBe(c.expected);
    if (c.statements) {
      expect(result.matchedStatements.map((s) => s.sid ?? `#${s.statementIndex}`)).toEqual(
        expect.arrayContaining(c.statements),
      );
    }
  });
});

describe('evaluatePolicies: inputs', () => {
  it('reads IAM URL-encoded policy documents', () => {
    const encoded = encodeURIComponent(JSON.stringify(carlos));
    const result = evaluatePolicies(
      { identity: [{ name: 'carlos', kind: 'user-inline', document: encoded }] },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/x' },
    );
    expect(result.decision).toBe('allowed');
    expect(result.reason).toContain('AllowS3Self');
  });

  it.each([
    ['truncated JSON', '{"Version":"2012-10-17","Statement":['],
    ['no Statement', '{"Version":"2012-10-17"}'],
    ['bad Effect', '{"Statement":{"Effect":"Maybe","Action":"*","Resource":"*"}}'],
    ['Action and NotAction', '{"Statement":{"Effect":"Allow","Action":"*","NotAction":"s3:*","Resource":"*"}}'],
    ['non-string action', '{"Statement":{"Effect":"Allow","Action":[1],"Resource":"*"}}'],
  ])('rejects a policy with %s with policy.invalid', (_label, text) => {
    expect(() =>
      evaluatePolicies(
        { identity: [{ name: 'bad', kind: 'given', document: text }] },
        { action: 's3:GetObject', resource: '*' },
      ),
    ).toThrow(expect.objectContaining({ reason: 'policy.invalid' }));
  });

  it('reports the context keys a condition needed and did not get', () => {
    const result = evaluatePolicies(
      { identity: [ipDeny].map(named) },
      { action: 's3:ListAllMyBuckets', resource: '*' },
    );
    expect(result.missingContextKeys).toEqual(['aws:sourceip', 'aws:viaawsservice']);
  });

  it('counts an unknown condition operator as not met and says so', () => {
    const result = evaluatePolicies(
      {
        identity: [
          named(
            {
              Version: '2012-10-17',
              Statement: { Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringSortOf: { 'aws:x': 'y' } } },
            },
            0,
          ),
        ],
      },
      { action: 's3:ListAllMyBuckets', resource: '*', context: { 'aws:x': 'y' } },
    );
    expect(result.decision).toBe('implicitly-denied');
    expect(result.reason).toContain('StringSortOf');
  });
});
