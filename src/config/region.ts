import type { System } from '../system.js';
import type { ProfileSettings } from './shared-files.js';

export type RegionSource = 'flag' | 'AWS_REGION' | 'AWS_DEFAULT_REGION' | 'profile' | 'default';

export interface ResolvedRegion {
  readonly region: string | undefined;
  readonly source: RegionSource | undefined;
}

/**
 * The region as the AWS CLI v2 chooses it: `--region`, then AWS_REGION, then AWS_DEFAULT_REGION, then the profile's
 * `region`. (boto3 reads only AWS_DEFAULT_REGION; the resolution code says so where it matters.)
 */
export function resolveRegion(
  system: System,
  options: { flag?: string | undefined; profile?: ProfileSettings | undefined; fallback?: string | undefined },
): ResolvedRegion {
  if (options.flag) return { region: options.flag, source: 'flag' };
  if (system.env.AWS_REGION) return { region: system.env.AWS_REGION, source: 'AWS_REGION' };
  if (system.env.AWS_DEFAULT_REGION) return { region: system.env.AWS_DEFAULT_REGION, source: 'AWS_DEFAULT_REGION' };
  if (options.profile?.region) return { region: options.profile.region, source: 'profile' };
  if (options.fallback) return { region: options.fallback, source: 'default' };
  return { region: undefined, source: undefined };
}

/**
 * A service endpoint override as the SDKs read it: AWS_ENDPOINT_URL_<SERVICE>, the profile's `services` section is not
 * consulted here, then AWS_ENDPOINT_URL, then the profile's `endpoint_url`; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true
 * disables all of them. `serviceId` is the SDK service id, e.g. `STS`, `Lambda`, `IAM`, `Signin`.
 */
export function endpointOverride(
  system: System,
  serviceId: string,
  profile?: ProfileSettings | undefined,
): string | undefined {
  if ((system.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '').toLowerCase() === 'true') return undefined;
  const key = `AWS_ENDPOINT_URL_${serviceId.toUpperCase().replace(/[\s-]+/g, '_')}`;
  return system.env[key] || system.env.AWS_ENDPOINT_URL || profile?.endpoint_url || undefined;
}
