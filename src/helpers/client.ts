import { loadSharedConfig } from '../config/shared-files.js';
import { endpointOverride, resolveRegion } from '../config/region.js';
import { AwsDoctorError } from '../errors.js';
import type { System } from '../system.js';
import type { AwsCredentials, CredentialProvider } from '../credentials/types.js';
import { defaultCredentialProvider } from '../credentials/default-provider.js';

export interface CreateClientOptions {
  system: System;
  profile?: string | undefined;
  region?: string | undefined;
  /** Credentials to use instead of awsdoctor's resolution for `profile`. */
  credentials?: CredentialProvider | AwsCredentials | undefined;
  /** The SDK service id used for `AWS_ENDPOINT_URL_<ID>` (e.g. `STS`, `Lambda`, `IAM`). */
  serviceId: string;
  /** Region used when nothing else names one (said in `regionSource`). */
  fallbackRegion?: string | undefined;
  /** Total attempts per request including retries (the SDK default is 3); 1 disables retries. */
  maxAttempts?: number | undefined;
}

export interface ClientSettings {
  region: string;
  regionSource: string;
  endpoint: string | undefined;
  credentials: CredentialProvider;
  /** The profile whose settings were used (`--profile`, AWS_PROFILE, or `default`). */
  profileName: string;
}

/** Works out region, endpoint and credentials for an SDK v3 client from the System, like the AWS CLI would. */
export async function clientSettings(options: CreateClientOptions): Promise<ClientSettings> {
  const { system } = options;
  const shared = await loadSharedConfig(system);
  const profileName = options.profile ?? system.env.AWS_PROFILE ?? 'default';
  const profile = shared.config.sections[profileName];
  const { region, source } = resolveRegion(system, {
    flag: options.region,
    profile,
    fallback: options.fallbackRegion,
  });
  if (!region) {
    throw new AwsDoctorError('region.missing', `No region is set for profile ${profileName}.`, {
      hint: `Pass --region, set AWS_REGION, or run: aws configure set region us-east-1 --profile ${profileName}`,
    });
  }
  const given = options.credentials;
  const credentials: CredentialProvider =
    typeof given === 'function'
      ? given
      : given
        ? async () => given
        : defaultCredentialProvider(system, { profile: options.profile });
  return {
    region,
    regionSource: source ?? 'default',
    endpoint: endpointOverride(system, options.serviceId, profile),
    credentials,
    profileName,
  };
}

/** The constructor shape every AWS SDK v3 client shares (the parts awsdoctor sets). */
export type SdkClientClass<C> = new (config: {
  region: string;
  endpoint?: string;
  credentials: CredentialProvider;
  maxAttempts?: number;
}) => C;

/**
 * Builds any AWS SDK v3 client wired to awsdoctor's credential resolution (including the `aws login` cache) and to
 * the region and endpoint the System names: `await createClient(STSClient, { system, profile: 'dev', serviceId: 'STS' })`.
 */
export async function createClient<C>(ClientClass: SdkClientClass<C>, options: CreateClientOptions): Promise<C> {
  return (await createClientWithSettings(ClientClass, options)).client;
}

/**
 * Like `createClient`, and also returns the settings it used (region and where it came from, endpoint, profile),
 * so a command can say "us-west-2 (the default)" or spot a region mismatch.
 */
export async function createClientWithSettings<C>(
  ClientClass: SdkClientClass<C>,
  options: CreateClientOptions,
): Promise<{ client: C; settings: ClientSettings }> {
  const settings = await clientSettings(options);
  // No logger is passed: SDK v3 clients log nothing unless given one, so no request can leak into output.
  const client = new ClientClass({
    region: settings.region,
    credentials: settings.credentials,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
  });
  return { client, settings };
}
