import type { CanIAnswer, CanIReport, CanIStatement } from './types.js';

/** The `--json` document of `awsdoctor can-i` (shape pinned by a golden test). */
export function canIJson(report: CanIReport, missingPolicy: unknown): Record<string, unknown> {
  return {
    principal: report.principal,
    caller: report.caller,
    account: report.account,
    region: report.region,
    method: report.method,
    blindSpots: report.blindSpots,
    results: report.results.map((r) => ({
      action: r.action,
      resource: r.resource,
      decision: r.decision,
      matchedStatements: r.matchedStatements,
      reason: r.reason,
      method: r.method,
      ...(r.probe ? { probe: r.probe } : {}),
    })),
    missingPolicy: missingPolicy ?? null,
    notes: report.notes,
  };
}

const METHOD_TEXT: Record<CanIReport['method'], string> = {
  simulate: "IAM's policy simulator (iam:SimulatePrincipalPolicy)",
  local: 'its policies, read from IAM and evaluated by awsdoctor',
  probe: 'harmless probe calls (read-only or DryRun)',
  none: 'nothing: its policies cannot be read and no probe was run',
};

const MARK: Record<CanIAnswer['decision'], string> = {
  allowed: 'allowed           ',
  'implicitly-denied': 'implicitly denied ',
  'explicitly-denied': 'EXPLICITLY DENIED ',
  unknown: 'unknown           ',
};

function statementText(s: CanIStatement): string {
  const where = s.group ? ` (group ${s.group})` : '';
  const which = s.sid ? ` Sid ${s.sid}` : s.statementIndex !== undefined ? ` statement #${s.statementIndex}` : '';
  const line = s.startLine !== undefined ? ` line ${s.startLine}` : '';
  return `${s.policy}${where}${which}${line}`;
}

/** The human report: one line per answer, then what was not visible, then the policy to ask for. */
export function formatCanIText(
  report: CanIReport,
  missingPolicy: unknown,
  policyNotes: readonly string[] = [],
): string {
  const lines: string[] = [];
  lines.push(`principal: ${report.principal}${report.caller !== report.principal ? ` (as ${report.caller})` : ''}`);
  lines.push(`region:    ${report.region}`);
  lines.push(`answered from ${METHOD_TEXT[report.method]}`);
  lines.push('');
  for (const r of report.results) {
    const target = r.resource === '*' ? r.action : `${r.action} on ${r.resource}`;
    lines.push(`  ${MARK[r.decision]} ${target}`);
    lines.push(`      ${r.reason}`);
    if (r.matchedStatements.length && r.method !== 'local') {
      lines.push(`      statements: ${r.matchedStatements.map(statementText).join(', ')}`);
    }
  }
  if (report.blindSpots.length) {
    lines.push('');
    lines.push(`not visible to can-i: ${report.blindSpots.join('; ')}`);
  }
  for (const note of report.notes) lines.push(`note: ${note}`);
  if (missingPolicy) {
    lines.push('');
    lines.push('To get what is missing, ask your administrator to grant this policy:');
    lines.push(JSON.stringify(missingPolicy, null, 2));
    for (const note of policyNotes) lines.push(`  - ${note}`);
  }
  return `${lines.join('\n')}\n`;
}
