export { evaluatePolicies, statementLabel } from './evaluate.js';
export { normalisePolicy, decodePolicyText } from './policy-document.js';
export { evaluateConditions } from './conditions.js';
export { actionMatches, wildcardMatch } from './wildcard.js';
export type {
  ContextValue,
  EvaluationDecision,
  EvaluationPolicies,
  EvaluationRequest,
  EvaluationResult,
  MatchedStatement,
  NamedPolicy,
  NormalisedPolicy,
  PolicySourceKind,
  PolicyStatement,
  RequestContext,
} from './types.js';
