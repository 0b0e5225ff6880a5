import type { PrincipalType } from './types.js';

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** Splits an ARN into its fields, or null when the text is not an ARN. */
export function parseArn(arn: string): ParsedArn | null {
  if (!arn.startsWith('arn:')) return null;
  const parts = arn.split(':');
  if (parts.length < 6) return null;
  const [, partition = '', service = '', region = '', account = ''] = parts;
  if (!partition || !service) return null;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

/** IAM Identity Center roles: the role name starts with AWSReservedSSO_, in the aws-reserved/sso.amazonaws.com path. */
function isSsoRoleName(name: string): boolean {
  return name.startsWith('AWSReservedSSO_');
}

/** Classifies the principal an error names. */
export function principalTypeOf(principal: string): PrincipalType {
  if (/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(principal)) return 'service';
  const arn = parseArn(principal);
  if (!arn) return 'unknown';
  const { service, resource } = arn;
  if (service === 'iam' && resource === 'root') return 'root';
  if (service === 'sts' && resource.startsWith('assumed-role/')) {
    const roleName = resource.split('/')[1] ?? '';
    return isSsoRoleName(roleName) ? 'sso-role' : 'assumed-role';
  }
  if (service === 'sts' && resource.startsWith('federated-user/')) return 'federated-user';
  if (service === 'iam' && resource.startsWith('user/')) return 'user';
  if (service === 'iam' && resource.startsWith('role/')) {
    const name = resource.split('/').pop() ?? '';
    return isSsoRoleName(name) ? 'sso-role' : 'role';
  }
  return 'unknown';
}

/** The account a principal ARN belongs to; null for service principals and anything without an account field. */
export function principalAccount(principal: string): string | null {
  const arn = parseArn(principal);
  if (!arn || !/^\d{12}$/.test(arn.account)) return null;
  return arn.account;
}

export interface PrincipalName {
  /** The IAM user or role name an administrator attaches policies to. */
  entity: 'user' | 'role' | null;
  name: string | null;
  /** For an assumed role: the session name. */
  session: string | null;
}

/** The IAM entity behind a principal: a user name, or the role behind an assumed-role session. */
export function principalEntity(principal: string | null): PrincipalName {
  if (!principal) return { entity: null, name: null, session: null };
  const arn = parseArn(principal);
  if (!arn) return { entity: null, name: null, session: null };
  const { service, resource } = arn;
  if (service === 'iam' && resource.startsWith('user/')) {
    return { entity: 'user', name: resource.split('/').pop() ?? null, session: null };
  }
  if (service === 'iam' && resource.startsWith('role/')) {
    return { entity: 'role', name: resource.split('/').pop() ?? null, session: null };
  }
  if (service === 'sts' && resource.startsWith('assumed-role/')) {
    const [, role = null, session = null] = resource.split('/');
    return { entity: 'role', name: role, session };
  }
  return { entity: null, name: null, session: null };
}
