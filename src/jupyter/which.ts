import { access, constants, stat } from 'node:fs/promises';
import { delimiter as posixDelimiter, isAbsolute, join } from 'node:path';
import type { Env, System } from '../system.js';

/** Whether `path` is a file this user may execute. */
async function isExecutableFile(path: string, platform: NodeJS.Platform): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    if (platform === 'win32') return true;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds a command the way a process with environment `env` would (Python's `subprocess` searches the PATH of the
 * child's environment, not the parent's): absolute or relative paths are taken as they are, bare names searched on
 * PATH (with PATHEXT on Windows). Undefined when not found.
 */
export async function findExecutable(
  name: string,
  env: Env,
  options: Pick<System, 'platform' | 'cwd'>,
): Promise<string | undefined> {
  const { platform } = options;
  const windows = platform === 'win32';
  if (name.includes('/') || (windows && name.includes('\\'))) {
    const path = isAbsolute(name) ? name : join(options.cwd, name);
    return (await isExecutableFile(path, platform)) ? path : undefined;
  }
  const pathVar = env.PATH ?? (windows ? env.Path : undefined) ?? '';
  const extensions = windows ? ['', ...(env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)] : [''];
  for (const dir of pathVar.split(windows ? ';' : posixDelimiter)) {
    if (!dir) continue;
    for (const ext of extensions) {
      const candidate = join(dir, name + ext);
      if (await isExecutableFile(candidate, platform)) return candidate;
    }
  }
  return undefined;
}
