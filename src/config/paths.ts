import { join } from 'node:path';
import type { System } from '../system.js';

/**
 * Expands `~` and `$VAR` / `${VAR}` the way botocore does (`os.path.expandvars(os.path.expanduser(p))`):
 * unknown variables are left as written.
 */
export function expandPath(path: string, system: System): string {
  let expanded = path;
  if (expanded === '~' || expanded.startsWith('~/') || expanded.startsWith('~\\')) {
    expanded = system.homeDir + expanded.slice(1);
  }
  return expanded.replace(/\$(\w+)|\$\{([^}]+)\}/g, (whole, bare: string | undefined, braced: string | undefined) => {
    const value = system.env[(bare ?? braced) as string];
    return value === undefined ? whole : value;
  });
}

/** The shared config file: `AWS_CONFIG_FILE` or `~/.aws/config`. */
export function configFilePath(system: System): string {
  const fromEnv = system.env.AWS_CONFIG_FILE;
  return fromEnv ? expandPath(fromEnv, system) : join(system.homeDir, '.aws', 'config');
}

/** The shared credentials file: `AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`. */
export function credentialsFilePath(system: System): string {
  const fromEnv = system.env.AWS_SHARED_CREDENTIALS_FILE;
  return fromEnv ? expandPath(fromEnv, system) : join(system.homeDir, '.aws', 'credentials');
}

/** The `aws login` cache directory: `AWS_LOGIN_CACHE_DIRECTORY` (expanded as botocore does) or `~/.aws/login/cache`. */
export function loginCacheDirectory(system: System): string {
  const fromEnv = system.env.AWS_LOGIN_CACHE_DIRECTORY;
  return fromEnv ? expandPath(fromEnv, system) : join(system.homeDir, '.aws', 'login', 'cache');
}
