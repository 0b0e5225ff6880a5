import { Readable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { CliResult } from '../helpers/cli.js';

/** The CLI in this process (same argv parsing, output and exit codes as bin/awsdoctor.cjs, without a node start-up). */
export async function runMain(
  args: string[],
  options: { env: Record<string, string>; input?: string },
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    env: options.env,
    cwd: options.env.HOME,
    stdout: { write: (t) => void (stdout += t), isTTY: false },
    stderr: { write: (t) => void (stderr += t), isTTY: false },
    stdin: Readable.from([options.input ?? '']),
  });
  return { code, stdout, stderr };
}
