import { Command, CommanderError } from 'commander';
import { AwsDoctorError, UsageError, describeError } from '../errors.js';
import { createSystem, type Env } from '../system.js';
import { ExitCode, type CliContext, type Output, type RegisterCommand } from './context.js';

/**
 * Each command's module, loaded only when that command runs: a command pulls in the AWS SDK clients it needs, and
 * `awsdoctor whoami` should not pay for `can-i`'s policy data. Order here is the order in `--help`.
 */
const COMMANDS: Record<string, () => Promise<RegisterCommand>> = {
  doctor: async () => (await import('./doctor.js')).registerDoctor,
  whoami: async () => (await import('./whoami.js')).registerWhoami,
  login: async () => (await import('./login.js')).registerLogin,
  creds: async () => (await import('./creds.js')).registerCreds,
  jupyter: async () => (await import('./jupyter.js')).registerJupyter,
  explain: async () => (await import('./explain.js')).registerExplain,
  policy: async () => (await import('./policy.js')).registerPolicy,
  'can-i': async () => (await import('./can-i.js')).registerCanI,
  invoke: async () => (await import('./invoke.js')).registerInvoke,
  configure: async () => (await import('./configure.js')).registerConfigure,
};

/** The command modules `argv` needs: just the named command, or all of them for help and unknown commands. */
export async function commandsFor(argv: readonly string[]): Promise<RegisterCommand[]> {
  const first = argv.find((arg) => !arg.startsWith('-'));
  if (first === undefined && argv.some((arg) => arg === '-V' || arg === '--version')) return [];
  const names = first !== undefined && first in COMMANDS && first !== 'help' ? [first] : Object.keys(COMMANDS);
  return Promise.all(names.map((name) => COMMANDS[name]!()));
}

export const VERSION = '0.1.0';

export interface MainOptions {
  env?: Env;
  cwd?: string;
  stdout?: Output;
  stderr?: Output;
  stdin?: NodeJS.ReadableStream;
}

function streamOutput(stream: NodeJS.WriteStream): Output {
  // A reader that stops early (`awsdoctor policy ... | head`) closes the pipe: that ends our output, not in a crash.
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  return { write: (text) => void stream.write(text), isTTY: Boolean(stream.isTTY) };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

export function buildProgram(ctx: CliContext, commands: readonly RegisterCommand[]): Command {
  const program = new Command();
  program
    .name('awsdoctor')
    .description('Makes AWS credentials and permissions stop being a mystery.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage and examples)')
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
    })
    .exitOverride();
  program.addHelpText(
    'after',
    `
Examples:
  awsdoctor doctor                      why does (or doesn't) this process find credentials?
  awsdoctor whoami --profile dev        who am I, with which credentials, until when?
  awsdoctor login list                  every aws login session in the cache
  awsdoctor jupyter check               why a notebook kernel raises NoCredentialsError
  awsdoctor explain - < error.txt       explain an AccessDenied error and write the policy to ask for
`,
  );
  for (const register of commands) register(program, ctx);
  return program;
}

/** Renders any error as one line plus the next step; a stack only with AWSDOCTOR_DEBUG=1. */
function renderError(ctx: CliContext, error: unknown): number {
  const debug = ctx.system.env.AWSDOCTOR_DEBUG === '1';
  if (error instanceof AwsDoctorError) {
    ctx.stderr.write(`awsdoctor: ${error.message}\n`);
    if (error.hint) ctx.stderr.write(`  next: ${error.hint}\n`);
    if (debug && error.stack) ctx.stderr.write(`${error.stack}\n`);
    return error instanceof UsageError ? ExitCode.usage : ExitCode.failure;
  }
  ctx.stderr.write(`awsdoctor: unexpected error: ${describeError(error)}\n`);
  ctx.stderr.write('  next: this is a bug in awsdoctor; re-run with AWSDOCTOR_DEBUG=1 and report the trace.\n');
  if (debug && error instanceof Error && error.stack) ctx.stderr.write(`${error.stack}\n`);
  return ExitCode.internal;
}

/** The CLI entry: builds the seam once from the real process and runs one command. Returns the exit code. */
export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  const env = options.env ?? { ...process.env };
  const stderr = options.stderr ?? streamOutput(process.stderr);
  const stdin = options.stdin ?? process.stdin;
  const ctx: CliContext = {
    system: createSystem({
      env,
      cwd: options.cwd ?? process.cwd(),
      platform: process.platform,
      warn: (message) => stderr.write(`awsdoctor: warning: ${message}\n`),
    }),
    stdout: options.stdout ?? streamOutput(process.stdout),
    stderr,
    readStdin: () => readAll(stdin),
    exitCode: ExitCode.ok,
  };
  const program = buildProgram(ctx, await commandsFor(argv));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit through here with code 0; parse errors were already printed by commander.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    return renderError(ctx, error);
  }
}
