/** What GetCallerIdentity's ARN says about the principal whose policies decide. */
export interface CallerPrincipal {
  readonly kind: 'user' | 'role' | 'root' | 'federated-user' | 'unknown';
  readonly callerArn: string;
  readonly account: string;
  readonly partition: string;
  /** User or role name (no path). */
  readonly name: string | undefined;
  /** Session name for an assumed role. */
  readonly session: string | undefined;
  /** The IAM ARN to simulate and read policies for; a role ARN without its path until GetRole says otherwise. */
  readonly principalArn: string;
}

/**
 * Maps a caller ARN to its IAM principal: `arn:aws:sts::ACCT:assumed-role/R/S` → `arn:aws:iam::ACCT:role/R`
 * (the role's path is not in the session ARN: GetRole gives it), users and root as they are.
 */
export function callerPrincipal(callerArn: string): CallerPrincipal {
  const parts = callerArn.split(':');
  const partition = parts[1] ?? 'aws';
  const service = parts[2] ?? '';
  const account = parts[4] ?? '';
  const resource = parts.slice(5).join(':');
  const base = { callerArn, account, partition };
  if (service === 'iam' && resource === 'root') {
    return { ...base, kind: 'root', name: undefined, session: undefined, principalArn: callerArn };
  }
  if (service === 'iam' && resource.startsWith('user/')) {
    const name = resource.split('/').pop();
    return { ...base, kind: 'user', name, session: undefined, principalArn: callerArn };
  }
  if (service === 'iam' && resource.startsWith('role/')) {
    const name = resource.split('/').pop();
    return { ...base, kind: 'role', name, session: undefined, principalArn: callerArn };
  }
  if (service === 'sts' && resource.startsWith('assumed-role/')) {
    const [, name, ...session] = resource.split('/');
    return {
      ...base,
      kind: 'role',
      name,
      session: session.join('/') || undefined,
      principalArn: `arn:${partition}:iam::${account}:role/${name ?? ''}`,
    };
  }
  if (service === 'sts' && resource.startsWith('federated-user/')) {
    return {
      ...base,
      kind: 'federated-user',
      name: resource.slice('federated-user/'.length),
      session: undefined,
      principalArn: callerArn,
    };
  }
  return { ...base, kind: 'unknown', name: undefined, session: undefined, principalArn: callerArn };
}
