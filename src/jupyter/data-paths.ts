import { join } from 'node:path';
import type { System } from '../system.js';
import { findExecutable } from './which.js';
import { runProcess } from './run-process.js';

/** What Jupyter's own path logic takes from the Python it runs in (jupyter_core.paths). */
export interface JupyterPythonFacts {
  /** The interpreter asked. */
  readonly executable: string;
  readonly prefix: string;
  readonly basePrefix: string;
  /** `site.getuserbase()` when user site-packages are enabled, else null. */
  readonly userBase: string | null;
  /** IPython importable: jupyter_client then also searches `<ipython dir>/kernels`. */
  readonly hasIPython: boolean;
  /** `[major, minor]`: jupyter_client swaps a kernel's `python`, `python3`, `python3.N` argv[0] for this executable. */
  readonly version: [number, number];
}

const FACTS_SCRIPT = `
import json, site, sys, importlib.util
ub = None
if site.ENABLE_USER_SITE:
    ub = site.getuserbase() if hasattr(site, "getuserbase") else site.USER_BASE
print(json.dumps({"executable": sys.executable, "prefix": sys.prefix, "basePrefix": sys.base_prefix,
  "userBase": ub, "hasIPython": importlib.util.find_spec("IPython") is not None, "version": list(sys.version_info[:2])}))
`;

/** Asks the `python3` (else `python`) on the System's PATH for the facts jupyter_core's paths depend on. */
export async function jupyterPythonFacts(system: System, python?: string): Promise<JupyterPythonFacts | undefined> {
  const interpreter =
    python ??
    (await findExecutable('python3', system.env, system)) ??
    (await findExecutable('python', system.env, system));
  if (!interpreter) return undefined;
  const result = await runProcess(interpreter, ['-c', FACTS_SCRIPT], { env: system.env, timeoutMs: 20_000 });
  if (result.code !== 0) return undefined;
  try {
    const facts = JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as JupyterPythonFacts;
    return typeof facts.prefix === 'string' ? facts : undefined;
  } catch {
    return undefined;
  }
}

function envSet(value: string | undefined): boolean {
  return value !== undefined && !['no', 'n', 'false', 'off', '0', '0.0'].includes(value.toLowerCase());
}

/** jupyter_core's `jupyter_data_dir()`: JUPYTER_DATA_DIR, else the per-platform user directory. */
export function jupyterUserDataDir(system: System): string {
  const env = system.env;
  if (env.JUPYTER_DATA_DIR) return env.JUPYTER_DATA_DIR;
  if (system.platform === 'darwin') return join(system.homeDir, 'Library', 'Jupyter');
  if (system.platform === 'win32') {
    if (env.APPDATA) return join(env.APPDATA, 'jupyter');
    return join(env.JUPYTER_CONFIG_DIR || join(system.homeDir, '.jupyter'), 'data');
  }
  return join(env.XDG_DATA_HOME || join(system.homeDir, '.local', 'share'), 'jupyter');
}

/**
 * jupyter_core's `jupyter_path()`, in its order: JUPYTER_PATH entries, then the user directories and the
 * environment's `{sys.prefix}/share/jupyter` (environment first when JUPYTER_PREFER_ENV_PATH says so, or inside a
 * virtualenv), then the system directories. (`JUPYTER_PLATFORM_DIRS` layouts are not modelled.)
 */
export function jupyterDataPaths(system: System, facts: JupyterPythonFacts | undefined): string[] {
  const env = system.env;
  const windows = system.platform === 'win32';
  const sep = windows ? '\\' : '/';
  const paths: string[] = [];
  if (env.JUPYTER_PATH) {
    for (const entry of env.JUPYTER_PATH.split(windows ? ';' : ':')) {
      let trimmed = entry;
      while (trimmed.endsWith(sep)) trimmed = trimmed.slice(0, -1);
      paths.push(trimmed);
    }
  }
  const user = [jupyterUserDataDir(system)];
  if (facts?.userBase) {
    const userDir = join(facts.userBase, 'share', 'jupyter');
    if (!user.includes(userDir)) user.push(userDir);
  }
  const systemPaths = windows
    ? facts
      ? [join(facts.prefix, 'share', 'jupyter')]
      : []
    : ['/usr/local/share/jupyter', '/usr/share/jupyter'];
  const envPaths = facts
    ? [join(facts.prefix, 'share', 'jupyter')].filter((p) => windows || !systemPaths.includes(p))
    : [];
  const preferEnv =
    env.JUPYTER_PREFER_ENV_PATH !== undefined
      ? envSet(env.JUPYTER_PREFER_ENV_PATH)
      : facts !== undefined && facts.prefix !== facts.basePrefix;
  paths.push(...(preferEnv ? [...envPaths, ...user] : [...user, ...envPaths]));
  for (const path of systemPaths) if (!paths.includes(path)) paths.push(path);
  return paths;
}

/** Where jupyter_client looks for kernel specs: `<each data path>/kernels`, then `<IPython dir>/kernels`. */
export function kernelSpecDirectories(system: System, facts: JupyterPythonFacts | undefined): string[] {
  const dirs = jupyterDataPaths(system, facts).map((p) => join(p, 'kernels'));
  if (facts?.hasIPython) dirs.push(join(system.env.IPYTHONDIR || join(system.homeDir, '.ipython'), 'kernels'));
  return dirs;
}
