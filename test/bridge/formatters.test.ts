import { describe, expect, it } from 'vitest';
import { formatCredentialProcess } from '../../src/bridge/process-output.js';
import { containerCredentialsBody } from '../../src/bridge/container-body.js';
import { formatEnvExport, quoteFish, quotePowerShell, quoteSh } from '../../src/bridge/env-export.js';
import type { AwsCredentials } from '../../src/credentials/types.js';

// Fake, documentation-style values: golden files never hold a real secret.
const NOW = Date.parse('2026-01-02T03:04:05.678Z');
const SHORT: AwsCredentials = {
  accessKeyId: 'ASIAEXAMPLEEXAMPLE01',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE+token/with=chars',
  expiration: new Date(NOW + 14 * 60 * 1000 + 321),
  accountId: '123456789012',
};
const LONG: AwsCredentials = { accessKeyId: 'AKIAEXAMPLEEXAMPLE02', secretAccessKey: 'secret/long+key=' };

const NOTICE = [
  '# Credentials of profile dev, exported by awsdoctor.',
  '# These credentials expire at 2026-01-02T03:18:05Z (in 14 min).',
  '# A long-running process (a notebook kernel, a server) started with them breaks then: boto3 raises',
  '# "Credentials were refreshed, but the refreshed credentials are still expired". For credentials that refresh, use',
  '# `awsdoctor creds exec --profile dev -- CMD` or `awsdoctor creds setup-process --profile dev` (credential_process).',
].join('\n');

describe('credential_process JSON', () => {
  it('has Version 1, the three keys and Expiration in UTC ending in Z', () => {
    expect(formatCredentialProcess(SHORT)).toBe(`{
  "Version": 1,
  "AccessKeyId": "ASIAEXAMPLEEXAMPLE01",
  "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "SessionToken": "IQoJb3JpZ2luX2VjEXAMPLE+token/with=chars",
  "Expiration": "2026-01-02T03:18:05Z"
}
`);
  });
  it('omits SessionToken and Expiration for long-lived keys (both SDKs then never re-run the process)', () => {
    expect(JSON.parse(formatCredentialProcess(LONG))).toEqual({
      Version: 1,
      AccessKeyId: 'AKIAEXAMPLEEXAMPLE02',
      SecretAccessKey: 'secret/long+key=',
    });
  });
});

describe('container-credentials body', () => {
  it('uses Token and a Z-terminated Expiration (the JS SDK rejects +00:00), no RoleArn', () => {
    expect(containerCredentialsBody(SHORT, NOW)).toEqual({
      AccessKeyId: 'ASIAEXAMPLEEXAMPLE01',
      SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      Token: 'IQoJb3JpZ2luX2VjEXAMPLE+token/with=chars',
      Expiration: '2026-01-02T03:18:05Z',
      AccountId: '123456789012',
    });
  });
  it('gives long-lived keys an empty Token and an expiry one hour out, since both SDKs require the fields', () => {
    expect(containerCredentialsBody(LONG, NOW)).toEqual({
      AccessKeyId: 'AKIAEXAMPLEEXAMPLE02',
      SecretAccessKey: 'secret/long+key=',
      Token: '',
      Expiration: '2026-01-02T04:04:05Z',
    });
  });
});

describe('env export golden output', () => {
  const options = { now: NOW, profile: 'dev', region: 'eu-west-1' };
  it('sh', () => {
    expect(formatEnvExport(SHORT, { ...options, format: 'sh' })).toBe(`${NOTICE}
export AWS_ACCESS_KEY_ID='ASIAEXAMPLEEXAMPLE01'
export AWS_SECRET_ACCESS_KEY='wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
export AWS_SESSION_TOKEN='IQoJb3JpZ2luX2VjEXAMPLE+token/with=chars'
export AWS_CREDENTIAL_EXPIRATION='2026-01-02T03:18:05Z'
export AWS_REGION='eu-west-1'
export AWS_DEFAULT_REGION='eu-west-1'
`);
  });
  it('fish', () => {
    expect(formatEnvExport(SHORT, { ...options, format: 'fish' })).toBe(`${NOTICE}
set -gx AWS_ACCESS_KEY_ID 'ASIAEXAMPLEEXAMPLE01'
set -gx AWS_SECRET_ACCESS_KEY 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
set -gx AWS_SESSION_TOKEN 'IQoJb3JpZ2luX2VjEXAMPLE+token/with=chars'
set -gx AWS_CREDENTIAL_EXPIRATION '2026-01-02T03:18:05Z'
set -gx AWS_REGION 'eu-west-1'
set -gx AWS_DEFAULT_REGION 'eu-west-1'
`);
  });
  it('powershell', () => {
    expect(formatEnvExport(SHORT, { ...options, format: 'powershell' })).toBe(`${NOTICE}
$Env:AWS_ACCESS_KEY_ID = 'ASIAEXAMPLEEXAMPLE01'
$Env:AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
$Env:AWS_SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLE+token/with=chars'
$Env:AWS_CREDENTIAL_EXPIRATION = '2026-01-02T03:18:05Z'
$Env:AWS_REGION = 'eu-west-1'
$Env:AWS_DEFAULT_REGION = 'eu-west-1'
`);
  });
  it('dotenv', () => {
    expect(formatEnvExport(SHORT, { ...options, format: 'dotenv' })).toBe(`${NOTICE}
AWS_ACCESS_KEY_ID=ASIAEXAMPLEEXAMPLE01
AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEXAMPLE+token/with=chars
AWS_CREDENTIAL_EXPIRATION=2026-01-02T03:18:05Z
AWS_REGION=eu-west-1
AWS_DEFAULT_REGION=eu-west-1
`);
  });
  it('json (no comments: the expiry is a value)', () => {
    expect(formatEnvExport(SHORT, { ...options, format: 'json' })).toBe(`{
  "AWS_ACCESS_KEY_ID": "ASIAEXAMPLEEXAMPLE01",
  "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "AWS_SESSION_TOKEN": "IQoJb3JpZ2luX2VjEXAMPLE+token/with=chars",
  "AWS_CREDENTIAL_EXPIRATION": "2026-01-02T03:18:05Z",
  "AWS_REGION": "eu-west-1",
  "AWS_DEFAULT_REGION": "eu-west-1"
}
`);
  });
  it('long-lived keys: no expiry claim, and a stale session token is unset rather than left behind', () => {
    expect(formatEnvExport(LONG, { now: NOW, format: 'sh' })).toBe(`# Credentials, exported by awsdoctor.
# Long-lived keys: they do not expire, so treat them like a password.
export AWS_ACCESS_KEY_ID='AKIAEXAMPLEEXAMPLE02'
export AWS_SECRET_ACCESS_KEY='secret/long+key='
unset AWS_SESSION_TOKEN
unset AWS_CREDENTIAL_EXPIRATION
`);
    expect(formatEnvExport(LONG, { now: NOW, format: 'fish' })).toContain('set -e AWS_SESSION_TOKEN\n');
    expect(formatEnvExport(LONG, { now: NOW, format: 'powershell' })).toContain(
      'Remove-Item Env:AWS_SESSION_TOKEN -ErrorAction SilentlyContinue\n',
    );
    expect(formatEnvExport(LONG, { now: NOW, format: 'dotenv' })).not.toContain('AWS_SESSION_TOKEN');
  });
  it('quotes hostile text for each shell and refuses control characters and unrepresentable dotenv values', () => {
    expect(quoteSh(`a'b$c`)).toBe(`'a'\\''b$c'`);
    expect(quoteFish(`a'b\\c$d`)).toBe(`'a\\'b\\\\c$d'`);
    expect(quotePowerShell(`a'b$c`)).toBe(`'a''b$c'`);
    const hostile = { ...LONG, secretAccessKey: 'x\ny' };
    expect(() => formatEnvExport(hostile, { now: NOW, format: 'sh' })).toThrow(/control character/);
    const quote = { ...LONG, secretAccessKey: "it's" };
    expect(() => formatEnvExport(quote, { now: NOW, format: 'dotenv' })).toThrow(/dotenv/);
    expect(formatEnvExport({ ...LONG, secretAccessKey: 'a b$c' }, { now: NOW, format: 'dotenv' })).toContain(
      "AWS_SECRET_ACCESS_KEY='a b$c'",
    );
  });
});
