import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  adminRequestMarkdown,
  decodeAuthorizationMessage,
  explainError,
  explainedErrorJson,
  formatPolicyDocument,
  parseErrorText,
  requestPolicyFor,
  type ParsedError,
} from '../access/index.js';
import { AwsDoctorError, UsageError, describeError } from '../errors.js';
import { ExitCode, action, printJson, type CliContext, type RegisterCommand } from './context.js';

interface ExplainOptions {
  file?: string;
  json?: boolean;
  markdown?: boolean;
  decode?: boolean;
  profile?: string;
  region?: string;
}

async function readInput(ctx: CliContext, text: string[], options: ExplainOptions): Promise<string> {
  if (options.file && text.length > 0) throw new UsageError('Give the error as TEXT or with --file, not both.');
  if (options.file) {
    const path = resolve(ctx.system.cwd, options.file);
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      throw new AwsDoctorError('access.input-unreadable', `Cannot read ${path}: ${describeError(error)}`, {
        hint: 'Check the path, or pipe the error in: awsdoctor explain - < error.txt',
      });
    }
  }
  if (text.length === 0 || (text.length === 1 && text[0] === '-')) return ctx.readStdin();
  return text.join(' ');
}

function humanReport(error: ParsedError, index: number, total: number): string {
  const e = explainError(error);
  const lines: string[] = [];
  if (total > 1) lines.push(`Error ${index + 1} of ${total}`);
  lines.push(e.summary, `  why:        ${e.why}`);
  if (error.errorCode || error.operation) {
    lines.push(`  error:      ${error.errorCode ?? '?'}${error.operation ? ` calling ${error.operation}` : ''}`);
  }
  if (error.region) lines.push(`  region:     ${error.region}`);
  if (error.denyingPolicy) lines.push(`  denied by:  ${error.denyingPolicy}`);
  lines.push(`  who acts:   ${e.whoMustAct}`);
  for (const note of e.notes) lines.push(`  note:       ${note}`);
  if (e.cannot.length > 0) lines.push('  You cannot:', ...e.cannot.map((c) => `    - ${c}`));
  if (e.can.length > 0) lines.push('  You can:', ...e.can.map((c) => `    - ${c}`));
  lines.push(`  fix:        ${e.fix}`);
  return lines.join('\n');
}

export const registerExplain: RegisterCommand = (program, ctx) => {
  program
    .command('explain')
    .description('explain AWS AccessDenied and credential errors, and write the least-privilege policy to ask for')
    .argument('[text...]', 'the error text; "-" or nothing reads standard input')
    .option('--file <path>', 'read the error text from a file')
    .option('--json', 'one JSON object per error')
    .option('--markdown', 'write the request for your administrator (policy, managed alternative, command)')
    .option('--decode', 'decode EC2 encoded authorization messages with sts decode-authorization-message')
    .option('--profile <name>', 'profile whose credentials --decode uses')
    .option('--region <region>', 'region for --decode')
    .addHelpText(
      'after',
      `
Examples:
  aws s3 ls s3://bucket 2>&1 | awsdoctor explain -
  awsdoctor explain "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: ecr:CreateRepository ..."
  awsdoctor explain --file terraform.log --json
  awsdoctor explain --markdown - < error.txt > request.md     the ticket to send your administrator
  awsdoctor explain --decode --file ec2-error.txt              decode "Encoded authorization failure message"

Exit codes: 0 at least one error found and explained, 1 no AWS error found in the text, 2 bad usage.`,
    )
    .action(
      action(ctx, async (text: string[], options: ExplainOptions) => {
        if (options.json && options.markdown) throw new UsageError('Choose --json or --markdown, not both.');
        const input = await readInput(ctx, text, options);
        const { errors, truncated } = parseErrorText(input);
        if (truncated) ctx.system.warn('the input is over 1 MB; only its first 1,000,000 characters were read.');
        if (errors.length === 0) {
          if (options.json) printJson(ctx.stdout, []);
          ctx.stderr.write('awsdoctor: no AWS error found in the text.\n');
          ctx.stderr.write(
            '  next: paste the whole error, including the "An error occurred (...)" or "User: arn:..." line.\n',
          );
          return ExitCode.failure;
        }
        const decoded = new Map<ParsedError, unknown>();
        if (options.decode) {
          for (const error of errors.filter((e) => e.encodedMessage)) {
            ctx.stderr.write(
              'awsdoctor: decoding the authorization message with sts decode-authorization-message...\n',
            );
            decoded.set(
              error,
              await decodeAuthorizationMessage(ctx.system, error.encodedMessage as string, {
                profile: options.profile,
                region: options.region,
              }),
            );
          }
          if (decoded.size === 0) ctx.system.warn('--decode: no encoded authorization message in the text.');
        }
        if (options.json) {
          printJson(
            ctx.stdout,
            errors.map((e) => explainedErrorJson(e)),
          );
          for (const value of decoded.values()) printJson(ctx.stderr, value);
          return ExitCode.ok;
        }
        if (options.markdown) {
          const sections: string[] = [];
          for (const error of errors) sections.push(adminRequestMarkdown(error, await requestPolicyFor(error)));
          ctx.stdout.write(`${sections.join('\n---\n\n')}`);
          return ExitCode.ok;
        }
        for (const [index, error] of errors.entries()) {
          if (index > 0) ctx.stdout.write('\n');
          ctx.stdout.write(`${humanReport(error, index, errors.length)}\n`);
          const request = await requestPolicyFor(error);
          if (request.policy && request.policy.document.Statement.length > 0) {
            ctx.stdout.write(`\n  Policy to ask for:\n${indent(formatPolicyDocument(request.policy.document), 4)}\n`);
            for (const note of request.policy.notes) ctx.stdout.write(`    - ${note}\n`);
            const managed = request.policy.managedPolicies.slice(0, 3);
            if (managed.length > 0) {
              ctx.stdout.write(
                `  Or a managed policy (broader): ${managed.map((m) => `${m.name} (${m.size} actions)`).join(', ')}\n`,
              );
            }
          }
          const value = decoded.get(error);
          if (value !== undefined) {
            ctx.stdout.write(`\n  Decoded authorization message:\n${indent(JSON.stringify(value, null, 2), 4)}\n`);
          }
        }
        return ExitCode.ok;
      }),
    );
};

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => pad + line)
    .join('\n');
}
