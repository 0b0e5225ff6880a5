import { spawn } from 'node:child_process';
import type { Env } from '../system.js';

export interface ProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the process could not be started or was killed for running too long. */
  readonly failure?: string;
}

/** Runs a command without a shell, with exactly `env`, collecting output (capped) and giving up after `timeoutMs`. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { env: Env; cwd?: string; timeoutMs?: number; maxOutputBytes?: number },
): Promise<ProcessResult> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.env)) if (value !== undefined) env[key] = value;
  const cap = options.maxOutputBytes ?? 8 * 1024 * 1024;
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const finish = (result: ProcessResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const child = spawn(command, [...args], { env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({
        code: null,
        stdout,
        stderr,
        failure: `${command} did not finish within ${options.timeoutMs ?? 30_000} ms`,
      });
    }, options.timeoutMs ?? 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      if (stdout.length < cap) stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < cap) stderr += chunk.toString('utf8');
    });
    child.on('error', (error) => finish({ code: null, stdout, stderr, failure: error.message }));
    child.on('close', (code) => finish({ code, stdout, stderr }));
  });
}
