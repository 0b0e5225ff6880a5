import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { clientSettings } from '../../helpers/client.js';
import type { System } from '../../system.js';
import { errorCode, isDenialCode } from './aws-errors.js';
import { probeFor, type ProbeOperation } from './probe-catalog.js';
import type { CanIDecision, ProbeSuggestion } from './types.js';

function toBytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** SHA-256 (HMAC when keyed) for the SigV4 signer, from node:crypto. */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

export function suggestionFor(action: string): ProbeSuggestion | undefined {
  const probe = probeFor(action);
  if (!probe) return undefined;
  return {
    action: probe.action,
    operation: `${probe.action}${probe.dryRun ? ' (DryRun)' : ''}`,
    command: probe.command,
  };
}

export interface ProbeOutcome {
  readonly decision: CanIDecision;
  readonly reason: string;
}

interface BuiltRequest {
  readonly url: URL;
  readonly method: 'GET' | 'POST';
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

function buildRequest(probe: ProbeOperation, endpoint: string): BuiltRequest {
  const base = new URL(endpoint);
  if (probe.protocol === 'rest-get') {
    const url = new URL(probe.path ?? '/', base);
    return { url, method: 'GET', headers: {}, body: undefined };
  }
  if (probe.protocol === 'query') {
    const form = new URLSearchParams({ Action: probe.operation, Version: probe.version ?? '' });
    for (const [key, value] of Object.entries(probe.params ?? {})) form.set(key, String(value));
    return {
      url: new URL('/', base),
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: form.toString(),
    };
  }
  return {
    url: new URL('/', base),
    method: 'POST',
    headers: {
      'content-type': `application/x-amz-json-${probe.jsonVersion ?? '1.1'}`,
      'x-amz-target': `${probe.target}.${probe.operation}`,
    },
    body: JSON.stringify(probe.params ?? {}),
  };
}

/** The error code and message of an AWS error response in any protocol (XML, JSON, header). */
function parseError(status: number, headers: Headers, text: string): { code: string; message: string } {
  const xmlCode = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
  const xmlMessage = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
  if (xmlCode) return { code: xmlCode, message: xmlMessage ?? '' };
  try {
    const body = JSON.parse(text) as { __type?: string; code?: string; message?: string; Message?: string };
    const type = body.__type ?? body.code;
    if (type) return { code: type.split('#').pop() ?? type, message: body.message ?? body.Message ?? '' };
  } catch {
    // not JSON
  }
  const header = headers.get('x-amzn-errortype')?.split(':')[0];
  return { code: header || `HTTP ${status}`, message: text.slice(0, 200) };
}

/**
 * Makes the allowlisted harmless call for `action` with the caller's credentials and says what the answer means.
 * Only calls from the probe catalog are ever made; an action without one is `unknown`.
 */
export async function runProbe(
  system: System,
  options: { action: string; profile?: string | undefined; region: string },
): Promise<ProbeOutcome> {
  const probe = probeFor(options.action);
  if (!probe) return { decision: 'unknown', reason: `No harmless probe call exists for ${options.action}.` };
  const settings = await clientSettings({
    system,
    profile: options.profile,
    region: options.region,
    serviceId: probe.serviceId,
  });
  const host = typeof probe.host === 'function' ? probe.host(settings.region) : probe.host;
  const endpoint = settings.endpoint ?? `https://${host}`;
  const request = buildRequest(probe, endpoint);
  const signer = new SignatureV4({
    service: probe.signingName,
    region: probe.signingRegion && !settings.endpoint ? probe.signingRegion : settings.region,
    credentials: settings.credentials,
    sha256: Sha256,
  });
  const query: Record<string, string> = {};
  request.url.searchParams.forEach((value, key) => (query[key] = value));
  const signed = await signer.sign({
    method: request.method,
    protocol: request.url.protocol,
    hostname: request.url.hostname,
    ...(request.url.port ? { port: Number(request.url.port) } : {}),
    path: request.url.pathname,
    query,
    headers: { ...request.headers, host: request.url.host },
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  const headers = { ...(signed.headers as Record<string, string>) };
  delete headers.host;
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    return {
      decision: 'unknown',
      reason: `The probe ${probe.operation} could not reach ${request.url.host}: ${errorCode(error)}.`,
    };
  }
  const text = (await response.text()).slice(0, 20_000);
  const call = `${probe.operation}${probe.dryRun ? ' (DryRun)' : ''}`;
  if (response.ok) return { decision: 'allowed', reason: `The probe call ${call} succeeded.` };
  const { code, message } = parseError(response.status, response.headers, text);
  if (probe.dryRun && code === 'DryRunOperation') {
    return { decision: 'allowed', reason: `The probe call ${call} answered DryRunOperation: it would have succeeded.` };
  }
  if (isDenialCode(code)) {
    const explicit = /explicit deny/i.test(message);
    return {
      decision: explicit ? 'explicitly-denied' : 'implicitly-denied',
      reason: `The probe call ${call} was denied (${code}${explicit ? ', with an explicit deny' : ''}).`,
    };
  }
  return {
    decision: 'unknown',
    reason: `The probe call ${call} failed with ${code}, which does not say whether it is allowed.`,
  };
}
