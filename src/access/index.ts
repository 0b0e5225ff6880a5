// Public exports of this area, re-exported by src/index.ts.
export * from './types.js';
export { parseErrors, parseErrorText, MAX_ERRORS, type ParseResult } from './parse-error.js';
export { normalizeErrorText, MAX_INPUT_CHARS } from './normalize.js';
export { parseArn, principalTypeOf, principalAccount, principalEntity } from './principal.js';
export {
  validateActions,
  describeAction,
  actionsNamed,
  editDistance,
  type ActionCheck,
  type ActionInfo,
  type ActionResourceType,
} from './iam-actions.js';
export {
  buildPolicy,
  formatPolicyDocument,
  type BuiltPolicy,
  type BuildPolicyOptions,
  type PolicyDocument,
  type PolicyStatement,
  type PolicyActionDetail,
} from './policy.js';
export {
  managedPoliciesGranting,
  loadManagedPolicyIndex,
  type ManagedPolicyMatch,
  type ManagedPolicyEntry,
} from './managed-policies.js';
export {
  TASK_BUNDLES,
  getTaskBundle,
  buildTaskPolicy,
  scopeResource,
  type TaskBundle,
  type TaskAction,
  type TaskScope,
} from './tasks.js';
export {
  explainError,
  explainedErrorJson,
  permissionSetName,
  type Explanation,
  type ExplainedErrorJson,
} from './explain.js';
export {
  requestPolicyFor,
  adminRequestMarkdown,
  adminCommands,
  inlinePolicyName,
  type RequestPolicy,
} from './admin-request.js';
export { decodeAuthorizationMessage } from './decode.js';
export { canI, checkQuestions, type CanIOptions, type CanIQuestion } from './can-i.js';
export type {
  CanIReport,
  CanIAnswer,
  CanIDecision,
  CanIMethod,
  CanIStatement,
  BlindSpot,
  ProbeSuggestion,
} from './can-i/types.js';
export { canIJson, formatCanIText } from './can-i/format.js';
export { missingPolicyFor, type MissingPolicy } from './can-i/missing-policy.js';
export { callerPrincipal, type CallerPrincipal } from './can-i/principal.js';
export { probeFor, probeActions, type ProbeOperation } from './can-i/probe-catalog.js';
export { runProbe, type ProbeOutcome } from './can-i/probe.js';
export {
  evaluatePolicies,
  normalisePolicy,
  evaluateConditions,
  actionMatches,
  wildcardMatch,
  type EvaluationDecision,
  type EvaluationPolicies,
  type EvaluationRequest,
  type EvaluationResult,
  type MatchedStatement,
  type NamedPolicy,
  type RequestContext,
  type ContextValue,
} from './evaluate/index.js';
