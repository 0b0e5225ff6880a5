import { startCredentialsEndpoint, endpointEnvironment, type CredentialsEndpoint } from '../bridge/endpoint.js';
import type { CredentialProvider } from '../credentials/types.js';
import { UsageError } from '../errors.js';
import { maskKeyId } from '../redact.js';
import { bridgeProvider } from './bridge-provider.js';
import { ExitCode, action, printJson, type CliContext, type RegisterCommand } from './context.js';

interface ServeFlags {
  profile?: string;
  port?: string;
  json?: boolean;
  verbose?: boolean;
}

export function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new UsageError(`Invalid port ${value}.`, 'Pass 1-65535, or omit --port.');
  return port;
}

/** Resolves once to fail fast (no credentials → exit 1 before anyone relies on the endpoint), then starts it. */
export async function startEndpointFor(
  ctx: CliContext,
  provider: CredentialProvider,
  options: { port: number; verbose?: boolean | undefined },
): Promise<CredentialsEndpoint> {
  const first = await provider();
  const endpoint = await startCredentialsEndpoint({
    provider,
    port: options.port,
    now: () => ctx.system.now(),
    ...(options.verbose ? { onRequest: (status, detail) => ctx.stderr.write(`awsdoctor: ${status} ${detail}\n`) } : {}),
  });
  ctx.stderr.write(
    `awsdoctor: serving credentials (${maskKeyId(first.accessKeyId)}) on ${endpoint.url}; refreshed as needed.\n`,
  );
  return endpoint;
}

/** Resolves on the first SIGINT/SIGTERM. */
export function untilStopped(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** `awsdoctor creds serve --profile P [--port N]`: a local container-credentials endpoint. */
export const registerCredsServe: RegisterCommand = (creds, ctx) => {
  creds
    .command('serve')
    .description('serve refreshing credentials on 127.0.0.1 in the container-credentials format')
    .option('--profile <name>', 'profile to resolve (default: AWS_PROFILE, then default)')
    .option('--port <port>', 'port on 127.0.0.1 (default: a free one)')
    .option('--json', 'print {"AWS_CONTAINER_CREDENTIALS_FULL_URI": ..., "AWS_CONTAINER_AUTHORIZATION_TOKEN": ...}')
    .option('--verbose', 'log every request (status only, never a secret) on stderr')
    .addHelpText(
      'after',
      `
Examples:
  awsdoctor creds serve --profile dev
    AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127.0.0.1:PORT/awsdoctor/credentials
    AWS_CONTAINER_AUTHORIZATION_TOKEN=...
  Give both lines to the process that needs credentials (e.g. a Jupyter kernel's env); every SDK then asks this
  endpoint and gets fresh credentials. The token is a secret: without it a request gets 401. Ctrl-C stops.
  awsdoctor creds exec --profile dev -- jupyter lab     does all of this for one command`,
    )
    .action(
      action(ctx, async (flags: ServeFlags) => {
        const port = parsePort(flags.port);
        const endpoint = await startEndpointFor(ctx, bridgeProvider(ctx.system, flags.profile), {
          port,
          verbose: flags.verbose,
        });
        const env = endpointEnvironment(endpoint);
        // The token is a secret; printing it is this command's purpose (the person hands it to one process).
        if (flags.json) printJson(ctx.stdout, env);
        else for (const [name, value] of Object.entries(env)) ctx.stdout.write(`${name}=${value}\n`);
        const signal = await untilStopped();
        await endpoint.close();
        ctx.stderr.write(`awsdoctor: ${signal}: endpoint stopped.\n`);
        return ExitCode.ok;
      }),
    );
};
