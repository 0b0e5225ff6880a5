import { whoami, type Identity } from '../credentials/whoami.js';
import { describeExpiry } from '../credentials/doctor.js';
import { maskKeyId } from '../redact.js';
import { action, printJson, type RegisterCommand } from './context.js';

/** Pure: the human form of an identity. */
export function renderIdentity(identity: Identity, now: number): string {
  const p = identity.principal;
  const who =
    p.kind === 'assumed-role'
      ? `role ${p.name}, session ${p.session ?? '?'}`
      : p.kind === 'root'
        ? 'the account root user'
        : `${p.kind} ${p.name}`;
  return [
    `account   ${identity.account}`,
    `arn       ${identity.arn}`,
    `principal ${who}`,
    `via       profile ${identity.profile}, source ${identity.source}, key ${maskKeyId(identity.accessKeyId)}`,
    `expiry    ${describeExpiry(identity.expiresAt, now, identity.source ?? '')}`,
    '',
  ].join('\n');
}

/** `awsdoctor whoami`: GetCallerIdentity with the credentials boto3 would resolve. */
export const registerWhoami: RegisterCommand = (program, ctx) => {
  program
    .command('whoami')
    .description('who am I: account, ARN and principal of the credentials boto3 would use, their source and expiry')
    .option('--profile <name>', 'profile to use')
    .option('--region <region>', 'region for the STS call')
    .option('--json', 'one JSON document')
    .addHelpText(
      'after',
      `
Exit code: 0 identified, 1 no credentials or STS refused them.

Examples:
  awsdoctor whoami
  awsdoctor whoami --profile dev --json
`,
    )
    .action(
      action(ctx, async (opts: { profile?: string; region?: string; json?: boolean }) => {
        const identity = await whoami(ctx.system, { profile: opts.profile, region: opts.region });
        const { accessKeyId, ...rest } = identity;
        if (opts.json) printJson(ctx.stdout, { ...rest, accessKeyId: maskKeyId(accessKeyId) });
        else ctx.stdout.write(renderIdentity(identity, ctx.system.now()));
      }),
    );
};
