import { afterEach, describe, expect, it } from 'vitest';
import { configFilePath, credentialsFilePath, expandPath, loginCacheDirectory } from '../../src/config/paths.js';
import { loadSharedConfig } from '../../src/config/shared-files.js';
import { maskKeyId } from '../../src/redact.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';
import { runCli } from '../helpers/cli.js';

let home: TempHome;
afterEach(async () => home?.cleanup());

describe('shared file locations', () => {
  it('default to ~/.aws under the HOME of the environment reasoned about, not the test runner', async () => {
    home = await makeTempHome();
    const system = home.system();
    expect(configFilePath(system)).toBe(home.path('.aws', 'config'));
    expect(credentialsFilePath(system)).toBe(home.path('.aws', 'credentials'));
    expect(loginCacheDirectory(system)).toBe(home.path('.aws', 'login', 'cache'));
  });

  it('honour AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE and AWS_LOGIN_CACHE_DIRECTORY with ~ and $VAR expansion', async () => {
    home = await makeTempHome();
    const system = home.system({
      AWS_CONFIG_FILE: '~/elsewhere/config',
      AWS_SHARED_CREDENTIALS_FILE: '$HOME/creds',
      AWS_LOGIN_CACHE_DIRECTORY: '${CACHE_ROOT}/login',
      CACHE_ROOT: '/var/cache/x',
    });
    expect(configFilePath(system)).toBe(home.path('elsewhere', 'config'));
    expect(credentialsFilePath(system)).toBe(home.path('creds'));
    expect(loginCacheDirectory(system)).toBe('/var/cache/x/login');
  });

  it('leaves unknown variables as written, like os.path.expandvars', async () => {
    home = await makeTempHome();
    expect(expandPath('$NOPE/x', home.system())).toBe('$NOPE/x');
  });
});

describe('loadSharedConfig', () => {
  it('parses [default] and [profile x] forms, comments and odd whitespace with the SDK parser', async () => {
    home = await makeTempHome();
    await home.write(
      '.aws/config',
      '# a comment\n[default]\nregion = us-west-2\n\n[profile dev]\n  login_session =  arn:aws:iam::123456789012:user/dev  \n; other\n[sso-session corp]\nsso_region=eu-west-1\n',
    );
    const shared = await loadSharedConfig(home.system());
    expect(shared.config.exists).toBe(true);
    expect(shared.credentials.exists).toBe(false);
    expect(shared.config.sections.default?.region).toBe('us-west-2');
    expect(shared.config.sections.dev?.login_session).toBe('arn:aws:iam::123456789012:user/dev');
    expect(shared.config.sections['sso-session.corp']?.sso_region).toBe('eu-west-1');
  });

  it('refuses a huge file with a clear error instead of reading it', async () => {
    home = await makeTempHome();
    await home.write('.aws/config', '#'.repeat(5 * 1024 * 1024));
    await expect(loadSharedConfig(home.system())).rejects.toMatchObject({ reason: 'config.too-large' });
  });
});

describe('maskKeyId', () => {
  it('shows only the first and last four characters', () => {
    expect(maskKeyId('ASIAABCDEFGHIJKLWXYZ')).toBe('ASIA…WXYZ');
    expect(maskKeyId(undefined)).toBe('(none)');
  });
});

describe('the CLI', () => {
  it('prints help with examples and exits 0', async () => {
    home = await makeTempHome();
    const result = await runCli(['--help'], { env: home.env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Examples:');
  });

  it('exits 2 on bad usage', async () => {
    home = await makeTempHome();
    const result = await runCli(['--no-such-flag'], { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown option');
  });
});
