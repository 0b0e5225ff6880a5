import type { Env } from '../system.js';

/**
 * Python's `string.Template(value).safe_substitute(mapping)`, which jupyter_client (7+) applies to every value of a
 * kernel spec's `env` with the launching process's environment: `$$` is a `$`, `$NAME` and `${NAME}` are replaced
 * when NAME is set, anything else is left exactly as written.
 */
export function substituteTemplate(value: string, mapping: Env): string {
  return value.replace(
    /\$(?:(\$)|([_a-zA-Z][_a-zA-Z0-9]*)|\{([_a-zA-Z][_a-zA-Z0-9]*)\})/g,
    (whole, dollar: string | undefined, bare: string | undefined, braced: string | undefined) => {
      if (dollar) return '$';
      const replacement = mapping[(bare ?? braced) as string];
      return replacement === undefined ? whole : replacement;
    },
  );
}

/**
 * The environment a kernel process starts with: the launching environment (the Jupyter server's, here the System's)
 * with the kernel spec's `env` merged over it after template substitution, as jupyter_client's provisioner does.
 */
export function kernelLaunchEnvironment(launching: Env, specEnv: Readonly<Record<string, string>>): Env {
  const merged: Record<string, string | undefined> = { ...launching };
  for (const [key, value] of Object.entries(specEnv)) merged[key] = substituteTemplate(value, launching);
  return merged;
}
