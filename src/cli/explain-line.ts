import { explainError, parseErrorText } from '../access/index.js';

/**
 * A one-line explanation of an AccessDenied error (who is denied what, and which policy type stops it), from the
 * access area's parser. Returns undefined when the message cannot be explained: the caller then only points to
 * `awsdoctor explain`.
 */
export function explainLine(code: string, message: string, operation = 'Invoke'): string | undefined {
  // The AWS CLI's wording, which the parser reads from any wrapper.
  const text = `An error occurred (${code}) when calling the ${operation} operation: ${message}`;
  const parsed = parseErrorText(text).errors[0];
  if (!parsed || parsed.kind !== 'authorization') return undefined;
  const explanation = explainError(parsed);
  return `${explanation.summary} ${explanation.why}`.replace(/\s+/g, ' ').trim();
}
