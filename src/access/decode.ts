import { DecodeAuthorizationMessageCommand, STSClient } from '@aws-sdk/client-sts';
import { AwsDoctorError, describeError } from '../errors.js';
import { createClient } from '../helpers/client.js';
import type { System } from '../system.js';

/**
 * Decodes an EC2-style encoded authorization failure message with sts:DecodeAuthorizationMessage, using the
 * credentials of `profile`. Returns the decoded JSON (the matched statements and the request context).
 */
export async function decodeAuthorizationMessage(
  system: System,
  encodedMessage: string,
  options: { profile?: string | undefined; region?: string | undefined } = {},
): Promise<unknown> {
  const sts = await createClient(STSClient, {
    system,
    profile: options.profile,
    region: options.region,
    serviceId: 'STS',
    fallbackRegion: 'us-east-1',
  });
  let decoded: string | undefined;
  try {
    const result = await sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encodedMessage }));
    decoded = result.DecodedMessage;
  } catch (error) {
    throw new AwsDoctorError(
      'access.decode-failed',
      `sts decode-authorization-message failed: ${describeError(error)}`,
      {
        cause: error,
        hint: 'It needs the sts:DecodeAuthorizationMessage permission; ask your administrator or use a profile that has it.',
      },
    );
  }
  if (!decoded) {
    throw new AwsDoctorError('access.decode-empty', 'sts decode-authorization-message returned nothing.', {
      hint: 'Check that the whole encoded message was pasted.',
    });
  }
  try {
    return JSON.parse(decoded) as unknown;
  } catch {
    return decoded;
  }
}
