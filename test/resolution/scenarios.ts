import { FIXTURES } from '../helpers/oracles.js';

/** A credential scenario: files under a fresh HOME, extra environment, an explicit profile, and the verdict expected. */
export interface Scenario {
  readonly name: string;
  readonly files?: Record<string, string>;
  /** `$HOME` in values is replaced by the scenario's HOME, `$SERVER` by the local credential server, `$FIX` by test/fixtures. */
  readonly env?: Record<string, string>;
  readonly profile?: string;
  /** Needs moto (STS) as AWS_ENDPOINT_URL. */
  readonly sts?: boolean;
  /** The source that wins, or the error code, as botocore decides (checked against real botocore too). */
  readonly expect: { source: string; key?: string } | { error: string };
  /** An `aws login` session written by the login tests' fixture (profile, expiry from now, whether to write the cache). */
  readonly login?: { profile: string; expiresInMs: number; cache?: boolean };
  /** Play a Python with awscrt (botocore's login provider works). */
  readonly awscrt?: boolean;
  /** Credentials come from moto: key ids are random, compare the prefix only. */
  readonly randomKey?: boolean;
}

const PROC = `python3 ${FIXTURES}credential-process/print-creds.py`;
const keys = (id: string) => `aws_access_key_id = ${id}\naws_secret_access_key = secret-${id}\n`;
const SSO_TOKEN = (startUrl: string) =>
  JSON.stringify({ startUrl, region: 'us-east-1', accessToken: 'sso-access-token', expiresAt: '2099-01-01T00:00:00Z' });
// sha1('https://corp.awsapps.com/start') and sha1('corp'), the CLI's cache file names.
export const SSO_LEGACY_CACHE = '.aws/sso/cache/a51746d4aa793ae07b25e90c3a5db96fc7832bd7.json';

export const BOTO3_SCENARIOS: Scenario[] = [
  { name: 'empty HOME: nothing configured', expect: { error: 'NoCredentialsError' } },
  {
    name: 'environment keys',
    env: { AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT00001', AWS_SECRET_ACCESS_KEY: 's' },
    expect: { source: 'env', key: 'AKIAENVIRONMENT00001' },
  },
  {
    name: 'environment key without secret',
    env: { AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT00001' },
    expect: { error: 'PartialCredentialsError' },
  },
  {
    name: 'credentials file default',
    files: { '.aws/credentials': `[default]\n${keys('AKIACREDSFILE0000001')}` },
    expect: { source: 'shared-credentials-file', key: 'AKIACREDSFILE0000001' },
  },
  {
    name: 'config file default keys',
    files: { '.aws/config': `[default]\n${keys('AKIACONFIGFILE000001')}` },
    expect: { source: 'config-file', key: 'AKIACONFIGFILE000001' },
  },
  {
    name: 'credentials file beats config file',
    files: {
      '.aws/credentials': `[default]\n${keys('AKIACREDSFILE0000001')}`,
      '.aws/config': `[default]\n${keys('AKIACONFIGFILE000001')}`,
    },
    expect: { source: 'shared-credentials-file', key: 'AKIACREDSFILE0000001' },
  },
  {
    name: 'AWS_PROFILE selects a credentials-file profile',
    files: { '.aws/credentials': `[dev]\n${keys('AKIADEVPROFILE000001')}` },
    env: { AWS_PROFILE: 'dev' },
    expect: { source: 'shared-credentials-file', key: 'AKIADEVPROFILE000001' },
  },
  {
    name: 'AWS_DEFAULT_PROFILE wins over AWS_PROFILE in botocore',
    files: { '.aws/credentials': `[a]\n${keys('AKIAPROFILEA00000001')}[b]\n${keys('AKIAPROFILEB00000001')}` },
    env: { AWS_DEFAULT_PROFILE: 'a', AWS_PROFILE: 'b' },
    expect: { source: 'shared-credentials-file', key: 'AKIAPROFILEA00000001' },
  },
  { name: 'AWS_PROFILE names a missing profile', env: { AWS_PROFILE: 'nope' }, expect: { error: 'ProfileNotFound' } },
  {
    name: 'explicit profile turns off environment keys',
    files: { '.aws/credentials': `[dev]\n${keys('AKIADEVPROFILE000001')}` },
    env: { AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT00001', AWS_SECRET_ACCESS_KEY: 's' },
    profile: 'dev',
    expect: { source: 'shared-credentials-file', key: 'AKIADEVPROFILE000001' },
  },
  {
    name: 'environment keys shadow AWS_PROFILE',
    files: { '.aws/credentials': `[dev]\n${keys('AKIADEVPROFILE000001')}` },
    env: { AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT00001', AWS_SECRET_ACCESS_KEY: 's', AWS_PROFILE: 'dev' },
    expect: { source: 'env', key: 'AKIAENVIRONMENT00001' },
  },
  {
    name: '[dev] without "profile " in the config file is not a profile',
    files: { '.aws/config': `[dev]\n${keys('AKIACONFIGDEV0000001')}` },
    env: { AWS_PROFILE: 'dev' },
    expect: { error: 'ProfileNotFound' },
  },
  {
    name: '[profile  dev ] with extra spaces is accepted',
    files: { '.aws/config': `[profile  dev ]\n${keys('AKIACONFIGDEV0000001')}` },
    env: { AWS_PROFILE: 'dev' },
    expect: { source: 'config-file', key: 'AKIACONFIGDEV0000001' },
  },
  {
    name: '[profile "a b"] is split like shlex',
    files: { '.aws/config': `[profile "a b"]\n${keys('AKIAQUOTEDPROFILE001')}` },
    profile: 'a b',
    expect: { source: 'config-file', key: 'AKIAQUOTEDPROFILE001' },
  },
  {
    name: 'an inline comment is part of the value',
    files: {
      '.aws/credentials': '[default]\naws_access_key_id = AKIAINLINE0000000001 # mine\naws_secret_access_key = s\n',
    },
    expect: { source: 'shared-credentials-file', key: 'AKIAINLINE0000000001 # mine' },
  },
  {
    name: 'colon separates keys too',
    files: { '.aws/credentials': '[default]\naws_access_key_id: AKIACOLON00000000001\naws_secret_access_key: s\n' },
    expect: { source: 'shared-credentials-file', key: 'AKIACOLON00000000001' },
  },
  {
    name: 'duplicate key is a parse error',
    files: { '.aws/config': '[default]\nregion = us-east-1\nregion = eu-west-1\n' },
    expect: { error: 'ConfigParseError' },
  },
  {
    name: 'a broken config file fails even with environment keys',
    files: { '.aws/config': 'region = us-east-1\n' },
    env: { AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT00001', AWS_SECRET_ACCESS_KEY: 's' },
    expect: { error: 'ConfigParseError' },
  },
  {
    name: 'secret without key id is ignored',
    files: { '.aws/credentials': '[default]\naws_secret_access_key = s\n' },
    expect: { error: 'NoCredentialsError' },
  },
  {
    name: 'key id without secret',
    files: { '.aws/credentials': '[default]\naws_access_key_id = AKIAHALF000000000001\n' },
    expect: { error: 'PartialCredentialsError' },
  },
  {
    name: 'AWS_SHARED_CREDENTIALS_FILE elsewhere',
    files: { 'elsewhere/creds': `[default]\n${keys('AKIAELSEWHERE0000001')}` },
    env: { AWS_SHARED_CREDENTIALS_FILE: '$HOME/elsewhere/creds' },
    expect: { source: 'shared-credentials-file', key: 'AKIAELSEWHERE0000001' },
  },
  {
    name: 'credential_process',
    files: { '.aws/config': `[default]\ncredential_process = ${PROC} AKIAPROCESS000000001\n` },
    expect: { source: 'custom-process', key: 'AKIAPROCESS000000001' },
  },
  {
    name: 'credential_process argv split like shlex',
    files: { '.aws/config': `[default]\ncredential_process = ${PROC} 'AKIA QUOTED "ARG"' expiring\n` },
    expect: { source: 'custom-process', key: 'AKIA QUOTED "ARG"' },
  },
  {
    name: 'credential_process exits 1',
    files: { '.aws/config': `[default]\ncredential_process = ${PROC} X fail\n` },
    expect: { error: 'CredentialRetrievalError' },
  },
  {
    name: 'credential_process Version 2',
    files: { '.aws/config': `[default]\ncredential_process = ${PROC} X v2\n` },
    expect: { error: 'CredentialRetrievalError' },
  },
  {
    name: 'credential_process prints garbage',
    files: { '.aws/config': `[default]\ncredential_process = ${PROC} X garbage\n` },
    expect: { error: 'JSONDecodeError' },
  },
  {
    name: 'credential_process command missing',
    files: { '.aws/config': '[default]\ncredential_process = /nonexistent/awsdoctor-helper\n' },
    expect: { error: 'FileNotFoundError' },
  },
  {
    name: 'static keys win over credential_process in the same profile',
    files: {
      '.aws/credentials': `[default]\n${keys('AKIACREDSFILE0000001')}`,
      '.aws/config': `[default]\ncredential_process = ${PROC} AKIAPROCESS000000001\n`,
    },
    expect: { source: 'shared-credentials-file', key: 'AKIACREDSFILE0000001' },
  },
  {
    name: 'assume-role with source_profile',
    files: {
      '.aws/config': '[profile role]\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = base\n',
      '.aws/credentials': `[base]\n${keys('AKIABASE000000000001')}`,
    },
    profile: 'role',
    sts: true,
    randomKey: true,
    expect: { source: 'assume-role' },
  },
  {
    name: 'assume-role chain of two roles',
    files: {
      '.aws/config':
        '[profile top]\nrole_arn = arn:aws:iam::123456789012:role/top\nsource_profile = mid\n[profile mid]\nrole_arn = arn:aws:iam::123456789012:role/mid\nsource_profile = base\n',
      '.aws/credentials': `[base]\n${keys('AKIABASE000000000001')}`,
    },
    env: { AWS_PROFILE: 'top' },
    sts: true,
    randomKey: true,
    expect: { source: 'assume-role' },
  },
  {
    name: 'assume-role cycle',
    files: {
      '.aws/config':
        '[profile a]\nrole_arn = arn:aws:iam::123456789012:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::123456789012:role/b\nsource_profile = a\n',
    },
    profile: 'a',
    expect: { error: 'InfiniteLoopConfigError' },
  },
  {
    name: 'assume-role sourcing its own static keys',
    files: {
      '.aws/credentials': `[self]\n${keys('AKIASELF000000000001')}`,
      '.aws/config': '[profile self]\nrole_arn = arn:aws:iam::123456789012:role/self\nsource_profile = self\n',
    },
    profile: 'self',
    sts: true,
    randomKey: true,
    expect: { source: 'assume-role' },
  },
  {
    name: 'role_arn without a source',
    files: { '.aws/config': '[default]\nrole_arn = arn:aws:iam::123456789012:role/x\n' },
    expect: { error: 'PartialCredentialsError' },
  },
  {
    name: 'role_arn with both source_profile and credential_source',
    files: {
      '.aws/config':
        '[default]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = default\ncredential_source = Environment\n',
    },
    expect: { error: 'InvalidConfigError' },
  },
  {
    name: 'credential_source Environment',
    files: {
      '.aws/config': '[profile ci]\nrole_arn = arn:aws:iam::123456789012:role/ci\ncredential_source = Environment\n',
    },
    env: { AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT00001', AWS_SECRET_ACCESS_KEY: 's' },
    profile: 'ci',
    sts: true,
    randomKey: true,
    expect: { source: 'assume-role' },
  },
  {
    name: 'credential_source unknown',
    files: { '.aws/config': '[default]\nrole_arn = arn:aws:iam::123456789012:role/x\ncredential_source = Laptop\n' },
    expect: { error: 'InvalidConfigError' },
  },
  {
    name: 'source_profile missing',
    files: { '.aws/config': '[default]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = ghost\n' },
    expect: { error: 'InvalidConfigError' },
  },
  {
    name: 'source_profile without credentials',
    files: {
      '.aws/config':
        '[default]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = empty\n[profile empty]\nregion = us-east-1\n',
    },
    expect: { error: 'InvalidConfigError' },
  },
  {
    name: 'web identity from the environment',
    files: { 'token.jwt': 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2ln' },
    env: { AWS_WEB_IDENTITY_TOKEN_FILE: '$HOME/token.jwt', AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/web' },
    sts: true,
    randomKey: true,
    expect: { source: 'assume-role-with-web-identity' },
  },
  {
    name: 'web identity from a profile',
    files: {
      'token.jwt': 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2ln',
      '.aws/config':
        '[profile web]\nweb_identity_token_file = $HOME/token.jwt\nrole_arn = arn:aws:iam::123456789012:role/web\n',
    },
    profile: 'web',
    sts: true,
    randomKey: true,
    expect: { source: 'assume-role-with-web-identity' },
  },
  {
    name: 'web identity without role ARN',
    files: { 'token.jwt': 'x' },
    env: { AWS_WEB_IDENTITY_TOKEN_FILE: '$HOME/token.jwt' },
    expect: { error: 'InvalidConfigError' },
  },
  {
    name: 'SSO legacy profile with a cached token',
    files: {
      '.aws/config':
        '[profile sso]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Dev\n',
      [SSO_LEGACY_CACHE]: SSO_TOKEN('https://corp.awsapps.com/start'),
    },
    env: { AWS_ENDPOINT_URL_SSO: '$SERVER' },
    profile: 'sso',
    expect: { source: 'sso', key: 'AKIASSODEV0000000000' },
  },
  {
    name: 'SSO with sso_session and a cached token',
    files: {
      '.aws/config':
        '[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n',
      '.aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json': SSO_TOKEN('https://corp.awsapps.com/start'),
    },
    env: { AWS_ENDPOINT_URL_SSO: '$SERVER' },
    profile: 'sso',
    expect: { source: 'sso', key: 'AKIASSOADMIN00000000' },
  },
  {
    name: 'SSO missing settings',
    files: { '.aws/config': '[default]\nsso_account_id = 123456789012\n' },
    expect: { error: 'InvalidConfigError' },
  },
  {
    name: 'SSO session that does not exist',
    files: { '.aws/config': '[default]\nsso_session = nope\nsso_account_id = 1\nsso_role_name = R\n' },
    expect: { error: 'InvalidConfigError' },
  },
  {
    name: 'SSO legacy without a cached token',
    files: {
      '.aws/config':
        '[default]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Dev\n',
    },
    expect: { error: 'SSOTokenLoadError' },
  },
  {
    name: 'login_session without awscrt',
    files: { '.aws/config': '[default]\nlogin_session = arn:aws:iam::123456789012:user/me\nregion = us-east-1\n' },
    expect: { error: 'MissingDependencyException' },
  },
  {
    name: 'static keys shadow login_session in the same profile',
    files: {
      '.aws/config': '[default]\nlogin_session = arn:aws:iam::123456789012:user/me\n',
      '.aws/credentials': `[default]\n${keys('AKIASTALESTATIC00001')}`,
    },
    expect: { source: 'shared-credentials-file', key: 'AKIASTALESTATIC00001' },
  },
  {
    name: 'aws login session (with awscrt)',
    login: { profile: 'default', expiresInMs: 3_600_000 },
    awscrt: true,
    expect: { source: 'login', key: 'LOGIN' },
  },
  {
    name: 'aws login session without its cache file',
    login: { profile: 'default', expiresInMs: 3_600_000, cache: false },
    awscrt: true,
    expect: { error: 'LoginTokenLoadError' },
  },
  {
    name: 'environment keys shadow an aws login session',
    login: { profile: 'default', expiresInMs: 3_600_000 },
    awscrt: true,
    env: { AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT00001', AWS_SECRET_ACCESS_KEY: 's' },
    expect: { source: 'env', key: 'AKIAENVIRONMENT00001' },
  },
  {
    name: 'container endpoint',
    env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: '$SERVER/creds' },
    expect: { source: 'container-role', key: 'AKIACONTAINER0000001' },
  },
];
