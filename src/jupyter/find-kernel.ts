import { AwsDoctorError } from '../errors.js';
import type { System } from '../system.js';
import { discoverKernels, type DiscoveredKernel, type KernelDiscovery, type KernelSpec } from './kernelspecs.js';

/** A kernel with an editable kernel.json and a readable spec. */
export interface EditableKernel extends DiscoveredKernel {
  readonly specFile: string;
  readonly spec: KernelSpec;
}

/** Finds one kernel by name (case-insensitive, as Jupyter) or throws with the names that do exist. */
export async function findKernel(
  system: System,
  name: string,
  discovery?: KernelDiscovery,
): Promise<{ kernel: DiscoveredKernel; discovery: KernelDiscovery }> {
  const found = discovery ?? (await discoverKernels(system));
  const kernel = found.kernels.find((k) => k.name === name.toLowerCase());
  if (!kernel) {
    const names = found.kernels.map((k) => k.name).join(', ') || 'none';
    throw new AwsDoctorError(
      'jupyter.kernel-not-found',
      `No Jupyter kernel named ${JSON.stringify(name)} (found: ${names}).`,
      {
        hint: 'List them with `awsdoctor jupyter check` or `jupyter kernelspec list`.',
      },
    );
  }
  return { kernel, discovery: found };
}

/** Checks that a kernel's spec is a kernel.json awsdoctor may edit. */
export function requireEditable(kernel: DiscoveredKernel): EditableKernel {
  if (!kernel.spec) {
    throw new AwsDoctorError(
      'jupyter.kernel-unreadable',
      `Kernel ${kernel.name}: ${kernel.error ?? 'unreadable spec'}.`,
      {
        hint: `Repair or reinstall it (e.g. \`python3 -m ipykernel install --user --name ${kernel.name}\`).`,
      },
    );
  }
  if (!kernel.specFile) {
    throw new AwsDoctorError(
      'jupyter.kernel-builtin',
      `Kernel ${kernel.name} is Jupyter's built-in spec: there is no kernel.json to edit.`,
      { hint: `Install it as a file first: \`python3 -m ipykernel install --user --name ${kernel.name}\`.` },
    );
  }
  return kernel as EditableKernel;
}

/** Python kernels are the ones awsdoctor diagnoses (boto3 is a Python library). */
export function isPythonKernel(spec: KernelSpec): boolean {
  if (spec.language) return spec.language.toLowerCase() === 'python';
  return /(^|[\\/])python[\d.]*(\.exe)?$/i.test(spec.argv[0] ?? '');
}
