import type { Env, System } from '../system.js';
import type { JupyterPythonFacts } from './data-paths.js';
import { findExecutable } from './which.js';

export interface KernelInterpreter {
  /** argv[0] as written in kernel.json. */
  readonly command: string;
  /** The executable the kernel will run; undefined when it cannot be found. */
  readonly path: string | undefined;
  /** How it was found. */
  readonly how: 'jupyter-python' | 'path' | 'absolute' | 'not-found';
}

/**
 * Which program a kernel's argv[0] runs. jupyter_client replaces `python`, `python3` and `python3.N` (its own
 * version) by the Python running Jupyter; anything else is looked up on the kernel environment's PATH, as
 * `subprocess` does.
 */
export async function kernelInterpreter(
  argv0: string,
  kernelEnv: Env,
  system: Pick<System, 'platform' | 'cwd'>,
  jupyterPython: JupyterPythonFacts | undefined,
): Promise<KernelInterpreter> {
  if (jupyterPython) {
    const [major, minor] = jupyterPython.version;
    if (['python', `python${major}`, `python${major}.${minor}`].includes(argv0)) {
      return { command: argv0, path: jupyterPython.executable, how: 'jupyter-python' };
    }
  }
  const path = await findExecutable(argv0, kernelEnv, system);
  if (!path) return { command: argv0, path: undefined, how: 'not-found' };
  return { command: argv0, path, how: argv0 === path ? 'absolute' : 'path' };
}
