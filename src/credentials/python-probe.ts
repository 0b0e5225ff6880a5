import { spawn } from 'node:child_process';
import { AwsDoctorError, UsageError } from '../errors.js';
import type { Env } from '../system.js';
import type { BotocoreCapabilities } from './plan.js';

/** The first botocore release with `LoginProvider` (`login_session`), for when only a version number is known. */
export const LOGIN_PROVIDER_MIN_BOTOCORE = '1.41.0';

export interface PythonEnvironment {
  readonly pythonPath: string;
  readonly executable: string;
  readonly pythonVersion: string;
  readonly boto3Version: string | undefined;
  readonly botocoreVersion: string | undefined;
  /** Read from the installed botocore itself (`hasattr(botocore.credentials, 'LoginProvider')`). */
  readonly hasLoginProvider: boolean;
  readonly awscrtVersion: string | undefined;
  readonly hasAwscrt: boolean;
}

const PROBE = `
import json, sys
out = {"executable": sys.executable, "python": sys.version.split()[0]}
try:
    import botocore, botocore.credentials
    out["botocore"] = botocore.__version__
    out["login"] = hasattr(botocore.credentials, "LoginProvider")
except Exception:
    out["botocore"] = None
    out["login"] = False
try:
    import boto3
    out["boto3"] = boto3.__version__
except Exception:
    out["boto3"] = None
try:
    import awscrt
    out["awscrt"] = getattr(awscrt, "__version__", "installed")
except Exception:
    out["awscrt"] = None
print(json.dumps(out))
`;

/** Compares dotted versions numerically: -1, 0, 1. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/**
 * Asks a Python interpreter (a child process) which boto3/botocore it has, whether that botocore has the login
 * provider and whether `awscrt` imports: what decides if a notebook kernel can use `login_session`.
 */
export async function probePython(
  pythonPath: string,
  options: { env?: Env; timeoutMs?: number } = {},
): Promise<PythonEnvironment> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.env ?? {})) if (v !== undefined) env[k] = v;
  const { code, stdout, stderr, error } = await new Promise<{
    code: number | null;
    stdout: string;
    stderr: string;
    error?: Error;
  }>((resolve) => {
    const child = spawn(pythonPath, ['-c', PROBE], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-2000)));
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: null, stdout: out, stderr: err, error: e });
    });
    child.on('close', (exit) => {
      clearTimeout(timer);
      resolve({ code: exit, stdout: out, stderr: err });
    });
  });
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  if (errno === 'ENOENT' || errno === 'EACCES') {
    throw new UsageError(
      `--python ${pythonPath}: ${errno === 'ENOENT' ? 'no such interpreter' : 'not executable'}.`,
      'Pass the interpreter your kernel runs: inside the notebook, `import sys; print(sys.executable)`.',
    );
  }
  if (error || code !== 0) {
    throw new AwsDoctorError(
      'python.unusable',
      `Cannot run ${pythonPath}: ${error?.message ?? (stderr.trim().split('\n').pop() || `exit code ${code}`)}`,
      {
        hint: 'Pass --python with the interpreter your notebook kernel uses (e.g. `python -c "import sys; print(sys.executable)"` inside the notebook).',
      },
    );
  }
  let parsed: {
    executable: string;
    python: string;
    botocore: string | null;
    login: boolean;
    boto3: string | null;
    awscrt: string | null;
  };
  try {
    parsed = JSON.parse(stdout.trim().split('\n').pop() ?? '') as typeof parsed;
  } catch {
    throw new AwsDoctorError(
      'python.unusable',
      `${pythonPath} did not answer the probe (is it a Python interpreter?).`,
      { hint: 'Pass --python PATH to a python3 binary.' },
    );
  }
  return {
    pythonPath,
    executable: parsed.executable,
    pythonVersion: parsed.python,
    boto3Version: parsed.boto3 ?? undefined,
    botocoreVersion: parsed.botocore ?? undefined,
    hasLoginProvider: Boolean(parsed.login),
    awscrtVersion: parsed.awscrt ?? undefined,
    hasAwscrt: parsed.awscrt !== null,
  };
}

/** What the plan needs from a probed interpreter. */
export function capabilitiesOf(python: PythonEnvironment): BotocoreCapabilities {
  return {
    botocoreVersion: python.botocoreVersion,
    hasLoginProvider: python.hasLoginProvider,
    hasAwscrt: python.hasAwscrt,
    origin: 'probe',
  };
}
