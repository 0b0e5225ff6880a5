import { homedir } from 'node:os';

/** An environment: the variables of the process we reason about, which is not necessarily this one. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * The one seam between awsdoctor and the outside world. The CLI creates it once from the real process; tests and
 * the doctor create others (a Jupyter kernel's environment, a temporary HOME). Library code reads the environment,
 * the home directory and the clock only through it, never from `process.env` or `Date.now()` directly.
 */
export interface System {
  /** Environment variables of the process being reasoned about. */
  readonly env: Env;
  /** The home directory that process would see (`~`), computed from its environment as the SDKs do. */
  readonly homeDir: string;
  readonly cwd: string;
  readonly platform: NodeJS.Platform;
  /** Milliseconds since the epoch. */
  now(): number;
  /** A non-fatal notice for the person (the CLI prints it on stderr; the library never prints). */
  warn(message: string): void;
}

export interface SystemOptions {
  env?: Env;
  homeDir?: string;
  cwd?: string;
  platform?: NodeJS.Platform;
  now?: () => number;
  warn?: (message: string) => void;
}

/** The home directory botocore and the JS SDK derive from an environment: HOME, then USERPROFILE, then HOMEDRIVE+HOMEPATH. */
export function homeDirFromEnv(env: Env): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? 'C:'}${env.HOMEPATH}`;
  return homedir();
}

export function createSystem(options: SystemOptions = {}): System {
  const env = Object.freeze({ ...(options.env ?? {}) });
  return {
    env,
    homeDir: options.homeDir ?? homeDirFromEnv(env),
    cwd: options.cwd ?? '/',
    platform: options.platform ?? 'linux',
    now: options.now ?? (() => Date.now()),
    warn: options.warn ?? (() => {}),
  };
}

/** The same system seen from a process with other environment variables (a kernel, a child). */
export function withEnv(system: System, env: Env): System {
  return createSystem({ ...system, env, homeDir: homeDirFromEnv(env), warn: system.warn, now: system.now });
}
