import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import {
  checkJupyter,
  fixKernel,
  redactSecrets,
  scanNotebooks,
  unfixKernel,
  type JupyterCheck,
  type KernelCheck,
  type KernelFixResult,
  type NotebookScan,
} from '../jupyter/index.js';
import { ExitCode, action, printJson, type CliContext, type RegisterCommand } from './context.js';

const STATUS_MARK: Record<KernelCheck['status'], string> = {
  ok: 'ok',
  fails: 'FAILS',
  'no-boto3': 'FAILS',
  'no-interpreter': 'FAILS',
  unreadable: 'BROKEN',
  'out-of-scope': 'skipped',
};

/** One labelled line of a kernel block. */
function row(label: string, text: string): string {
  return `  ${label.padEnd(12)} ${text}`;
}

/** The human report of `jupyter check`: one block per kernel, what it will do and the fix. */
export function renderCheck(check: JupyterCheck): string {
  const lines: string[] = [];
  const how =
    check.discovery.method === 'jupyter-cli'
      ? `\`${check.discovery.jupyter} kernelspec list --json\``
      : `Jupyter's data directories (no \`jupyter\` on PATH): ${check.discovery.searched.join(', ')}`;
  lines.push(`Kernels found with ${how}:`);
  for (const note of check.discovery.notes) lines.push(`  note: ${note}`);
  if (check.kernels.length === 0) lines.push('  (none)');
  for (const k of check.kernels) {
    lines.push('');
    lines.push(
      `${k.name}  [${STATUS_MARK[k.status]}]  ${k.displayName ? `"${k.displayName}"  ` : ''}${k.specFile ?? '(built-in spec)'}`,
    );
    if (k.interpreter) {
      const via =
        k.interpreter.how === 'jupyter-python'
          ? ` (argv[0] "${k.interpreter.command}": Jupyter runs it with its own Python)`
          : k.interpreter.how === 'path'
            ? ` (argv[0] "${k.interpreter.command}" on the kernel's PATH)`
            : '';
      lines.push(`  interpreter  ${k.interpreter.path ?? `${k.interpreter.command} (not found)`}${via}`);
    }
    if (k.python) {
      lines.push(
        `  python       ${k.python.pythonVersion}; boto3 ${k.python.boto3Version ?? 'not installed'}, botocore ${k.python.botocoreVersion ?? 'not installed'}` +
          `, login sessions ${k.python.hasLoginProvider ? 'supported' : 'not supported'}, awscrt ${k.python.awscrtVersion ?? 'not importable'}`,
      );
    }
    const env = Object.entries(k.env);
    lines.push(
      `  kernel env   ${env.length === 0 ? '(none)' : env.map(([key, value]) => `${key}=${value}`).join(' ')}`,
    );
    if (k.profile) lines.push(row('profile', k.profile));
    lines.push(row('verdict', k.verdict));
    if (k.resolution && !k.resolution.ok) {
      for (const step of k.resolution.trace) lines.push(`    ${step.status.padEnd(7)} ${step.source}: ${step.reason}`);
    }
    for (const note of k.notes) lines.push(row('note', note));
    if (k.fixedByAwsdoctor)
      lines.push(row('note', `changed by awsdoctor jupyter fix (undo: awsdoctor jupyter unfix --kernel ${k.name})`));
    k.fixes.forEach((fix, i) => lines.push(row(i === 0 ? 'fix' : 'or', fix)));
  }
  return `${lines.join('\n')}\n`;
}

/** The human report of `--scan-notebooks`: file, cell, kind, masked excerpt. */
export function renderScan(scan: NotebookScan): string {
  const lines = [
    `Notebooks under ${scan.directory}: ${scan.notebooksScanned} scanned, ${scan.findings.length} finding(s).`,
  ];
  for (const f of scan.findings) {
    const cell = f.cell === null ? 'file' : `cell ${f.cell} ${f.where}`;
    lines.push(`  ${f.file}  ${cell}  ${f.kind}: ${f.excerpt}`);
  }
  for (const p of scan.problems) lines.push(`  note: ${p.file}: ${p.problem}`);
  if (scan.findings.some((f) => f.kind !== 'credential-copy-code')) {
    lines.push(
      '  next: clear those outputs (Cell > All Output > Clear), remove keys from cells, and if a secret was ever shared or committed, treat it as leaked.',
    );
  }
  if (scan.findings.some((f) => f.kind === 'credential-copy-code')) {
    lines.push(
      '  next: replace the copy-into-os.environ code with `awsdoctor jupyter fix --kernel NAME --profile P` (no notebook code, refreshes by itself).',
    );
  }
  return `${lines.join('\n')}\n`;
}

function renderFix(fix: KernelFixResult): string {
  const lines: string[] = [];
  if (fix.via === 'endpoint') return `${fix.notes.join('\n')}\n`;
  for (const edit of [fix.configEdit, fix.specEdit]) {
    if (!edit) continue;
    if (!edit.changed) lines.push(`${edit.path}: already set up; nothing changed.`);
    else if (fix.dryRun) lines.push(redactSecrets(edit.diff).trimEnd());
    else lines.push(`Wrote ${edit.path}${edit.backupPath ? ` (backup: ${edit.backupPath})` : ''}.`);
  }
  for (const change of fix.envChanges) lines.push(`  kernel env: ${change.action} ${change.name} (${change.why})`);
  if (fix.dryRun) lines.push('Dry run: nothing written.');
  else
    lines.push(
      `Kernel ${fix.kernel} now uses profile ${fix.processProfile} (credential_process: refreshes by itself). Undo: awsdoctor jupyter unfix --kernel ${fix.kernel}`,
    );
  lines.push(...fix.notes);
  return `${lines.join('\n')}\n`;
}

function registerCheck(jupyter: Command, ctx: CliContext): void {
  jupyter
    .command('check')
    .description('find the kernel specs as Jupyter does and say whether boto3 in each will find credentials')
    .option('--kernel <name>', 'check only this kernel')
    .option('--profile <name>', 'resolve as boto3.Session(profile_name=NAME) instead of the kernel default')
    .option('--scan-notebooks <dir>', 'also look for keys, secrets and tokens saved in notebooks under DIR')
    .option('--json', 'machine-readable result')
    .addHelpText(
      'after',
      `
Examples:
  awsdoctor jupyter check                              every kernel: interpreter, boto3/botocore/awscrt, verdict, fix
  awsdoctor jupyter check --kernel python3 --profile dev
  awsdoctor jupyter check --scan-notebooks ~/notebooks  also flag keys and tokens saved in cells and outputs

Each Python kernel is checked with its own interpreter and environment (kernel.json "env" merged over this one,
\${VAR} substituted as Jupyter does). Exit code 0 when every Python kernel finds credentials and no secret was
found in notebooks, 1 otherwise.`,
    )
    .action(
      action(ctx, async (flags: { kernel?: string; profile?: string; scanNotebooks?: string; json?: boolean }) => {
        if (flags.scanNotebooks === '') throw new UsageError('--scan-notebooks needs a directory.');
        ctx.stderr.write('awsdoctor: finding kernels and asking each interpreter about boto3...\n');
        const check = await checkJupyter(ctx.system, { kernel: flags.kernel, profile: flags.profile });
        const scan = flags.scanNotebooks ? await scanNotebooks(flags.scanNotebooks) : undefined;
        if (flags.json) printJson(ctx.stdout, { ...check, ...(scan ? { notebooks: scan } : {}) });
        else ctx.stdout.write(renderCheck(check) + (scan ? `\n${renderScan(scan)}` : ''));
        const kernelsOk = check.kernels.every((k) => k.status === 'ok' || k.status === 'out-of-scope');
        const secretsFound = scan?.findings.some((f) => f.kind !== 'credential-copy-code') ?? false;
        return kernelsOk && !secretsFound ? ExitCode.ok : ExitCode.failure;
      }),
    );
}

function registerFix(jupyter: Command, ctx: CliContext): void {
  jupyter
    .command('fix')
    .description(
      'make a kernel find credentials with no notebook code (a credential_process profile in its kernel.json env)',
    )
    .requiredOption('--kernel <name>', 'the kernel to fix')
    .requiredOption(
      '--profile <name>',
      'the profile whose credentials the kernel should use (e.g. the `aws login` one)',
    )
    .option(
      '--via <how>',
      'process (edit kernel.json; default) or endpoint (print how to run Jupyter under creds exec)',
      'process',
    )
    .option('--dry-run', 'show the diffs, write nothing')
    .option('--json', 'machine-readable result')
    .addHelpText(
      'after',
      `
Examples:
  awsdoctor jupyter fix --kernel python3 --profile dev             adds [profile dev-process] and sets AWS_PROFILE
  awsdoctor jupyter fix --kernel python3 --profile dev --dry-run   the diffs only
  awsdoctor jupyter fix --kernel python3 --profile dev --via endpoint
  awsdoctor jupyter unfix --kernel python3                         puts kernel.json back byte for byte

Files are backed up and written atomically; running it twice changes nothing. Restart the kernel afterwards.`,
    )
    .action(
      action(ctx, async (flags: { kernel: string; profile: string; via: string; dryRun?: boolean; json?: boolean }) => {
        if (flags.via !== 'process' && flags.via !== 'endpoint') {
          throw new UsageError(`--via must be process or endpoint, not ${flags.via}.`);
        }
        const fix = await fixKernel(ctx.system, {
          kernel: flags.kernel,
          profile: flags.profile,
          via: flags.via,
          dryRun: flags.dryRun,
        });
        if (flags.json) {
          const edit = (e: KernelFixResult['specEdit']) =>
            e
              ? { path: e.path, changed: e.changed, backupPath: e.backupPath ?? null, diff: redactSecrets(e.diff) }
              : null;
          printJson(ctx.stdout, {
            kernel: fix.kernel,
            specFile: fix.specFile,
            via: fix.via,
            dryRun: fix.dryRun,
            processProfile: fix.processProfile ?? null,
            config: edit(fix.configEdit),
            kernelSpec: edit(fix.specEdit),
            statePath: fix.statePath ?? null,
            envChanges: fix.envChanges,
            notes: fix.notes,
          });
        } else ctx.stdout.write(renderFix(fix));
        return ExitCode.ok;
      }),
    );
}

function registerUnfix(jupyter: Command, ctx: CliContext): void {
  jupyter
    .command('unfix')
    .description('restore the kernel.json `jupyter fix` changed, byte for byte')
    .requiredOption('--kernel <name>', 'the kernel to restore')
    .option('--force', 'restore even if kernel.json was edited after the fix (the current file is backed up)')
    .option('--dry-run', 'show the diff, write nothing')
    .option('--json', 'machine-readable result')
    .addHelpText(
      'after',
      `
Examples:
  awsdoctor jupyter unfix --kernel python3
  awsdoctor jupyter unfix --kernel python3 --dry-run

The credential_process profile stays in the config file (other kernels may use it).`,
    )
    .action(
      action(ctx, async (flags: { kernel: string; force?: boolean; dryRun?: boolean; json?: boolean }) => {
        const result = await unfixKernel(ctx.system, {
          kernel: flags.kernel,
          force: flags.force,
          dryRun: flags.dryRun,
        });
        if (flags.json) {
          printJson(ctx.stdout, {
            kernel: result.kernel,
            specFile: result.specFile,
            changed: result.specEdit.changed,
            dryRun: result.dryRun,
            backupPath: result.specEdit.backupPath ?? null,
            diff: redactSecrets(result.specEdit.diff),
            processProfileKept: result.processProfile,
            configFile: result.configFile,
          });
        } else if (result.dryRun) {
          ctx.stdout.write(`${redactSecrets(result.specEdit.diff)}Dry run: nothing written.\n`);
        } else {
          ctx.stdout.write(
            `Restored ${result.specFile}${result.specEdit.backupPath ? ` (the fixed version is in ${result.specEdit.backupPath})` : ''}.\n` +
              `[profile ${result.processProfile}] stays in ${result.configFile}. Restart kernel ${result.kernel}.\n`,
          );
        }
        return ExitCode.ok;
      }),
    );
}

/** `awsdoctor jupyter check | fix | unfix`. */
export const registerJupyter: RegisterCommand = (program, ctx) => {
  const jupyter = program
    .command('jupyter')
    .description('why a notebook kernel raises NoCredentialsError, and a fix with no notebook code');
  registerCheck(jupyter, ctx);
  registerFix(jupyter, ctx);
  registerUnfix(jupyter, ctx);
};
