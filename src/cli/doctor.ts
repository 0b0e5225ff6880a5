import { buildDoctorReport, renderDoctorReport } from '../credentials/doctor.js';
import { parseSdk } from '../credentials/resolve.js';
import { action, ExitCode, printJson, type RegisterCommand } from './context.js';

/** `awsdoctor doctor`: the full credential diagnosis, read top to bottom. */
export const registerDoctor: RegisterCommand = (program, ctx) => {
  program
    .command('doctor')
    .description('why does (or does not) this process find AWS credentials, and how to fix it')
    .option('--profile <name>', 'diagnose this profile (as boto3.Session(profile_name=...))')
    .option('--sdk <sdk>', 'boto3 (default) or node', 'boto3')
    .option('--python <path>', 'the Python your notebook kernel runs (probes botocore and awscrt)')
    .option('--verify', 'call STS GetCallerIdentity with the winning credentials (and measure clock skew)')
    .option('--json', 'the report as one JSON document')
    .addHelpText(
      'after',
      `
Exit code: 0 healthy, 1 no usable credentials (or --verify failed), 2 bad usage.

Examples:
  awsdoctor doctor                                   diagnose this shell as boto3 would
  awsdoctor doctor --python ~/venv/bin/python        ...as the notebook kernel's botocore would
  awsdoctor doctor --profile dev --verify            and ask STS who the winner is
  awsdoctor doctor --sdk node --json                 the JS SDK's view, as JSON
`,
    )
    .action(
      action(
        ctx,
        async (opts: { profile?: string; sdk: string; python?: string; verify?: boolean; json?: boolean }) => {
          const sdk = parseSdk(opts.sdk);
          if (opts.python) ctx.stderr.write(`awsdoctor: asking ${opts.python} for its boto3, botocore and awscrt...\n`);
          if (opts.verify) ctx.stderr.write('awsdoctor: calling STS GetCallerIdentity...\n');
          const report = await buildDoctorReport(ctx.system, {
            profile: opts.profile,
            sdk,
            python: opts.python,
            verify: opts.verify,
          });
          if (opts.json) printJson(ctx.stdout, report);
          else ctx.stdout.write(renderDoctorReport(report));
          return report.healthy ? ExitCode.ok : ExitCode.failure;
        },
      ),
    );
};
