import { canI, type CanIQuestion } from '../access/can-i.js';
import { canIJson, formatCanIText } from '../access/can-i/format.js';
import { missingPolicyFor } from '../access/can-i/missing-policy.js';
import { validateActions } from '../access/iam-actions.js';
import { getTaskBundle, scopeResource } from '../access/tasks.js';
import { UsageError } from '../errors.js';
import { ExitCode, action, printJson, type RegisterCommand } from './context.js';

interface CanIFlags {
  resource?: string[];
  task?: string;
  region?: string;
  profile?: string;
  probe?: boolean;
  json?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `awsdoctor can-i ACTION...`: which of these may the current identity do, where, and what is missing. */
export const registerCanI: RegisterCommand = (program, ctx) => {
  program
    .command('can-i')
    .description('what the current identity may do: allowed, denied (by which policy) or unknown, per action')
    .argument('[actions...]', 'IAM actions, e.g. ecr:PutImage s3:GetObject')
    .option('--resource <arn>', 'resource ARN to ask about (repeatable; default *)', collect)
    .option('--task <name>', 'ask for the actions of a task bundle, e.g. ecr-push')
    .option('--region <region>', 'region the calls would go to (sets aws:RequestedRegion)')
    .option('--profile <name>', 'profile whose credentials to check')
    .option('--probe', 'when no policy can be read: make the harmless read-only/DryRun calls that tell')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      `
Examples:
  awsdoctor can-i s3:ListAllMyBuckets                       may I list my buckets?
  awsdoctor can-i s3:GetObject --resource 'arn:aws:s3:::data/*' --profile dev
  awsdoctor can-i ec2:RunInstances --region eu-west-1        region-specific policies (aws:RequestedRegion)
  awsdoctor can-i --task ecr-push --json                     every action a docker push to ECR needs
  awsdoctor can-i ec2:DescribeInstances --probe              no IAM read access? try the harmless call

How it knows, best first (the output says which): IAM's policy simulator for your user or role; else your
policies read from IAM and evaluated locally; else, with --probe, read-only or DryRun calls. It never changes
anything in the account. Exit 0 when every answer is "allowed", 1 otherwise, 2 on bad usage.`,
    )
    .action(
      action(ctx, async (actions: string[], flags: CanIFlags) => {
        const pairs: CanIQuestion[] = [];
        if (flags.task) {
          const bundle = getTaskBundle(flags.task);
          if ((flags.resource?.length ?? 0) > 1) {
            throw new UsageError('--task takes one --resource (the resource the task is about).');
          }
          for (const a of bundle.actions) {
            pairs.push({ action: a.action, resource: scopeResource(a.scope, flags.resource?.[0]) });
          }
        } else if (!actions.length) {
          throw new UsageError('Name at least one action, or a --task.', 'e.g. awsdoctor can-i s3:ListAllMyBuckets');
        }
        const bad = (await validateActions(actions)).filter((c) => !c.valid);
        if (bad.length) {
          const first = bad[0]!;
          throw new UsageError(
            `${first.input.slice(0, 80)}: ${first.problem}.`,
            first.suggestions.length
              ? `Did you mean ${first.suggestions.join(', ')}?`
              : 'e.g. awsdoctor can-i s3:GetObject',
          );
        }
        const report = await canI({
          system: ctx.system,
          actions,
          pairs,
          resources: flags.task ? [] : (flags.resource ?? []),
          profile: flags.profile,
          region: flags.region,
          probe: Boolean(flags.probe),
          progress: (message) => ctx.stderr.write(`awsdoctor: ${message}...\n`),
        });
        const missing = await missingPolicyFor(report);
        if (flags.json) printJson(ctx.stdout, canIJson(report, missing.document));
        else ctx.stdout.write(formatCanIText(report, missing.document, missing.notes));
        return report.results.every((r) => r.decision === 'allowed') ? ExitCode.ok : ExitCode.failure;
      }),
    );
};
