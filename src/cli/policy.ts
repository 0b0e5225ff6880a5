import {
  TASK_BUNDLES,
  buildPolicy,
  buildTaskPolicy,
  formatPolicyDocument,
  getTaskBundle,
  type BuiltPolicy,
} from '../access/index.js';
import { UsageError } from '../errors.js';
import { ExitCode, action, printJson, type RegisterCommand } from './context.js';

interface PolicyOptions {
  resource?: string;
  task?: string;
  tasks?: boolean;
  json?: boolean;
}

/** The `--json` shape of `awsdoctor policy`. */
function policyJson(built: BuiltPolicy, task: string | null) {
  return {
    task,
    policy: built.document,
    actions: built.actions,
    notes: built.notes,
    unknownActions: built.unknown.map((u) => ({ action: u.input, problem: u.problem, suggestions: u.suggestions })),
    managedPolicies: built.managedPolicies,
  };
}

export const registerPolicy: RegisterCommand = (program, ctx) => {
  program
    .command('policy')
    .description('write a least-privilege IAM policy for actions or a common task, with the managed alternatives')
    .argument('[actions...]', 'IAM actions, e.g. ecr:CreateRepository s3:GetObject')
    .option('--resource <arn>', 'scope resource-level actions to this ARN')
    .option('--task <name>', 'a task bundle (see --tasks), e.g. ecr-push')
    .option('--tasks', 'list the task bundles')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      `
Examples:
  awsdoctor policy ecr:CreateRepository --resource arn:aws:ecr:us-east-1:123456789012:repository/app
  awsdoctor policy --task ecr-push --resource arn:aws:ecr:us-east-1:123456789012:repository/app
  awsdoctor policy --task s3-read --resource arn:aws:s3:::my-bucket --json
  awsdoctor policy --tasks

Exit codes: 0 policy written, 1 an action does not exist (closest real ones are suggested), 2 bad usage.`,
    )
    .action(
      action(ctx, async (actions: string[], options: PolicyOptions) => {
        if (options.tasks) {
          if (options.json) {
            printJson(ctx.stdout, TASK_BUNDLES);
          } else {
            for (const bundle of TASK_BUNDLES) {
              ctx.stdout.write(
                `${bundle.name.padEnd(16)} ${bundle.summary}\n${' '.repeat(17)}--resource ${bundle.resourceExample}\n`,
              );
            }
          }
          return ExitCode.ok;
        }
        if (options.task && actions.length > 0) throw new UsageError('Give either actions or --task, not both.');
        if (!options.task && actions.length === 0) {
          throw new UsageError(
            'Name at least one action or a --task.',
            'awsdoctor policy ecr:PutImage, or awsdoctor policy --tasks',
          );
        }
        if (options.resource !== undefined && !/^(arn:[^\s]+|\*)$/.test(options.resource)) {
          throw new UsageError(
            `--resource must be an ARN, got "${options.resource}".`,
            'e.g. --resource arn:aws:s3:::my-bucket',
          );
        }
        const task = options.task ? getTaskBundle(options.task) : null;
        const built = task
          ? await buildTaskPolicy(task.name, { resource: options.resource ?? null })
          : await buildPolicy(actions, { resource: options.resource });
        if (options.json) {
          printJson(ctx.stdout, policyJson(built, task?.name ?? null));
        } else {
          for (const unknown of built.unknown) {
            const near = unknown.suggestions.length > 0 ? ` (did you mean ${unknown.suggestions.join(', ')}?)` : '';
            ctx.stderr.write(`awsdoctor: ${unknown.input}: ${unknown.problem}${near}\n`);
          }
          if (built.document.Statement.length > 0) ctx.stdout.write(`${formatPolicyDocument(built.document)}\n`);
          if (task) {
            ctx.stderr.write(`\n${task.name}: ${task.summary}\n`);
            for (const a of task.actions) ctx.stderr.write(`  ${a.action.padEnd(34)} ${a.why}\n`);
          }
          for (const note of built.notes) ctx.stderr.write(`note: ${note}\n`);
          if (built.managedPolicies.length > 0) {
            ctx.stderr.write(
              '\nAWS managed policies that also grant this (narrowest first, broader than the policy above):\n',
            );
            for (const m of built.managedPolicies) ctx.stderr.write(`  ${m.name} (${m.size} actions)  ${m.arn}\n`);
          }
        }
        return built.unknown.length > 0 ? ExitCode.failure : ExitCode.ok;
      }),
    );
};
