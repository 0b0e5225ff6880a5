// Public exports of this area, re-exported by src/index.ts.
export {
  discoverKernels,
  listKernelsInDirectories,
  parseKernelSpec,
  readKernelSpecFile,
  type KernelSpec,
  type DiscoveredKernel,
  type KernelDiscovery,
} from './kernelspecs.js';
export {
  jupyterDataPaths,
  jupyterUserDataDir,
  kernelSpecDirectories,
  jupyterPythonFacts,
  type JupyterPythonFacts,
} from './data-paths.js';
export { kernelLaunchEnvironment, substituteTemplate } from './kernel-env.js';
export { kernelInterpreter, type KernelInterpreter } from './interpreter.js';
export { findExecutable } from './which.js';
export { findKernel, isPythonKernel } from './find-kernel.js';
export {
  checkJupyter,
  checkKernel,
  type JupyterCheck,
  type KernelCheck,
  type KernelStatus,
  type CheckOptions,
} from './check.js';
export {
  fixKernel,
  unfixKernel,
  withProfileInKernelJson,
  type FixKernelOptions,
  type KernelFixResult,
  type UnfixKernelResult,
  type FixVia,
} from './fix.js';
export { readFixState, fixStatePath, FIX_STATE_FILE, type KernelFixState } from './fix-state.js';
export {
  scanNotebooks,
  scanNotebookText,
  findSecrets,
  redactSecrets,
  type NotebookScan,
  type NotebookFinding,
  type SecretKind,
  type ScanOptions,
} from './notebook-scan.js';
