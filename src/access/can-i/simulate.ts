import {
  SimulatePrincipalPolicyCommand,
  type EvaluationResult as IamEvaluationResult,
  type IAMClient,
} from '@aws-sdk/client-iam';
import type { CanIAnswer, CanIDecision, CanIStatement } from './types.js';

export interface SimulationRequest {
  readonly principalArn: string;
  readonly actions: readonly string[];
  /** Resource ARNs; `*` (or none) simulates against every resource. */
  readonly resources: readonly string[];
  readonly region: string;
}

const DECISIONS: Record<string, CanIDecision> = {
  allowed: 'allowed',
  explicitDeny: 'explicitly-denied',
  implicitDeny: 'implicitly-denied',
};

function statementsOf(result: IamEvaluationResult): CanIStatement[] {
  return (result.MatchedStatements ?? []).map((s) => ({
    policy: s.SourcePolicyId ?? 'unknown',
    policyType: s.SourcePolicyType ?? 'unknown',
    ...(s.StartPosition?.Line !== undefined ? { startLine: s.StartPosition.Line } : {}),
    ...(s.StartPosition?.Column !== undefined ? { startColumn: s.StartPosition.Column } : {}),
  }));
}

function reasonOf(result: IamEvaluationResult, decision: CanIDecision, statements: CanIStatement[]): string {
  const names = statements.map((s) => s.policy).join(', ');
  const parts: string[] = [];
  if (decision === 'allowed') parts.push(`IAM's policy simulator: allowed by ${names || 'an identity policy'}`);
  else if (decision === 'explicitly-denied')
    parts.push(`IAM's policy simulator: explicitly denied by ${names || 'a Deny statement'}`);
  else parts.push("IAM's policy simulator: no policy allows it (implicit deny)");
  if (result.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary === false) {
    parts.push('the permissions boundary does not allow it');
  }
  if (result.OrganizationsDecisionDetail?.AllowedByOrganizations === false) {
    parts.push('an Organizations SCP does not allow it');
  }
  if (result.MissingContextValues?.length) {
    parts.push(`context keys not supplied: ${result.MissingContextValues.join(', ')}`);
  }
  return `${parts.join('; ')}.`;
}

/**
 * Asks IAM's policy simulator (iam:SimulatePrincipalPolicy) for the principal's identity policies, permissions
 * boundary and SCPs, with `aws:RequestedRegion` set to the region the calls would go to. Throws what IAM throws.
 */
export async function simulatePrincipal(iam: IAMClient, request: SimulationRequest): Promise<CanIAnswer[]> {
  const resources = request.resources.filter((r) => r !== '*');
  const answers: CanIAnswer[] = [];
  let marker: string | undefined;
  do {
    const page = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: request.principalArn,
        ActionNames: [...request.actions],
        ...(resources.length ? { ResourceArns: resources } : {}),
        ContextEntries: [
          { ContextKeyName: 'aws:RequestedRegion', ContextKeyType: 'string', ContextKeyValues: [request.region] },
        ],
        ...(marker ? { Marker: marker } : {}),
      }),
    );
    for (const result of page.EvaluationResults ?? []) {
      const perResource = result.ResourceSpecificResults?.length
        ? result.ResourceSpecificResults.map((r) => ({
            resource: r.EvalResourceName ?? '*',
            decision: r.EvalResourceDecision ?? 'implicitDeny',
            full: { ...result, MatchedStatements: r.MatchedStatements, MissingContextValues: r.MissingContextValues },
          }))
        : [{ resource: result.EvalResourceName ?? '*', decision: result.EvalDecision ?? 'implicitDeny', full: result }];
      for (const one of perResource) {
        const decision = DECISIONS[one.decision] ?? 'unknown';
        const statements = statementsOf(one.full);
        answers.push({
          action: result.EvalActionName ?? '',
          resource: one.resource,
          decision,
          matchedStatements: statements,
          reason: reasonOf(one.full, decision, statements),
          method: 'simulate',
        });
      }
    }
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return answers;
}
