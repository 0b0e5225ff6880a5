/**
 * A one-line explanation of an AccessDenied message, from the access area's parser when it is available.
 * Returns undefined when the message cannot be explained (the caller then only points to `awsdoctor explain`).
 */
export async function explainLine(_message: string): Promise<string | undefined> {
  return undefined;
}
