import { mkdtemp, mkdir, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createSystem, type System } from '../../src/system.js';

export interface TempHome {
  /** The temporary HOME directory. */
  readonly home: string;
  /** An environment with HOME pointing here and nothing else from the test runner's own environment. */
  readonly env: Record<string, string>;
  /** A System for library calls, seeing this HOME and `env` (plus any overrides). */
  system(overrides?: Record<string, string | undefined>, now?: () => number): System;
  /** Writes a file relative to HOME (parents created), mode 0600 by default. */
  write(relativePath: string, content: string, mode?: number): Promise<string>;
  path(...parts: string[]): string;
  cleanup(): Promise<void>;
}

/** A fresh, empty HOME in a temporary directory: no ~/.aws unless the test writes one. */
export async function makeTempHome(): Promise<TempHome> {
  const home = await mkdtemp(join(tmpdir(), 'awsdoctor-home-'));
  const env: Record<string, string> = {
    HOME: home,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    // Tests never reach real AWS: fail fast instead of probing instance metadata.
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  return {
    home,
    env,
    system(overrides = {}, now) {
      const merged: Record<string, string | undefined> = { ...env, ...overrides };
      for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
      return createSystem({ env: merged, cwd: home, platform: process.platform, ...(now ? { now } : {}) });
    },
    async write(relativePath, content, mode = 0o600) {
      const target = join(home, relativePath);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content);
      await chmod(target, mode);
      return target;
    },
    path: (...parts) => join(home, ...parts),
    cleanup: () => rm(home, { recursive: true, force: true }),
  };
}
