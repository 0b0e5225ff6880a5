/** What awsdoctor needs to know about an error thrown by an AWS SDK v3 client, whatever the protocol. */
export interface SdkErrorInfo {
  /** The service's error code (`AccessDeniedException`, `ResourceNotFoundException`...), or the JS error name. */
  readonly code: string;
  /** The service's message, first line only. */
  readonly message: string;
  readonly httpStatus: number | undefined;
  readonly requestId: string | undefined;
  readonly kind: SdkErrorKind;
}

export type SdkErrorKind =
  'access-denied' | 'invalid-credentials' | 'expired-credentials' | 'not-found' | 'throttled' | 'network' | 'other';

const ACCESS_DENIED = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|AuthorizationError|Forbidden)$/;
const INVALID_CREDENTIALS =
  /^(InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch|InvalidSignatureException|IncompleteSignature|InvalidAccessKeyId)$/;
const EXPIRED = /^(ExpiredToken|ExpiredTokenException|RequestExpired|TokenRefreshRequired)$/;
const NETWORK = /^(ECONNREFUSED|ENOTFOUND|ECONNRESET|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH|TimeoutError)$/;

interface MaybeSdkError {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $response?: { body?: unknown };
}

/** The error code hidden in a body the SDK could not parse (e.g. an XML error body on a JSON protocol). */
function codeFromMessage(message: string): string | undefined {
  return /<Code>([^<]+)<\/Code>/.exec(message)?.[1];
}

function messageFromXml(message: string): string | undefined {
  return /<Message>([^<]*)<\/Message>/.exec(message)?.[1];
}

/** Classifies an SDK error so callers can give the next step (explain it, fix credentials, list resources). */
export function describeSdkError(error: unknown, rawBody?: string): SdkErrorInfo {
  const e = (typeof error === 'object' && error !== null ? error : {}) as MaybeSdkError;
  let rawMessage = typeof e.message === 'string' ? e.message : String(error);
  // The SDK could not parse the error body: use the body itself when we kept it.
  if (error instanceof SyntaxError && rawBody) rawMessage = rawBody;
  let code =
    (typeof e.Code === 'string' && e.Code) ||
    (typeof e.name === 'string' && e.name !== 'Error' && e.name) ||
    (typeof e.code === 'string' && e.code) ||
    'Error';
  let message = rawMessage;
  const xmlCode = codeFromMessage(rawMessage);
  if (xmlCode) {
    code = xmlCode;
    message = messageFromXml(rawMessage) ?? rawMessage;
  }
  message = message.split('\n')[0] ?? message;
  const httpStatus = e.$metadata?.httpStatusCode;
  let kind: SdkErrorKind = 'other';
  if (ACCESS_DENIED.test(code) || /is not authorized to perform/.test(message)) kind = 'access-denied';
  else if (INVALID_CREDENTIALS.test(code)) kind = 'invalid-credentials';
  else if (EXPIRED.test(code)) kind = 'expired-credentials';
  else if (/NotFound|NoSuchEntity/.test(code) || httpStatus === 404) kind = 'not-found';
  else if (/Throttl|TooManyRequests/.test(code) || httpStatus === 429) kind = 'throttled';
  else if (NETWORK.test(code) || (typeof e.code === 'string' && NETWORK.test(e.code))) kind = 'network';
  else if (httpStatus === 403) kind = 'access-denied';
  return { code, message, httpStatus, requestId: e.$metadata?.requestId, kind };
}

/** Error bodies larger than this are not kept (an error document is a few hundred bytes). */
const MAX_CAPTURED_ERROR_BODY = 64 * 1024;

interface MiddlewareStackLike {
  addRelativeTo(middleware: unknown, options: { relation: 'after'; toMiddleware: string; name: string }): void;
}

interface RawHttpResponse {
  statusCode?: number;
  body?: unknown;
}

/**
 * Keeps the raw text of the last HTTP error response a client received. When a service (or a proxy in between)
 * answers a JSON-protocol call with an XML or HTML error, the SDK throws a bare SyntaxError and loses the body;
 * with this, `describeSdkError(error, captured())` still finds the real code and message.
 */
export function captureErrorBodies(client: { middlewareStack: unknown }): () => string | undefined {
  let last: string | undefined;
  const stack = client.middlewareStack as MiddlewareStackLike;
  stack.addRelativeTo(
    (next: (args: unknown) => Promise<{ response: RawHttpResponse }>) => async (args: unknown) => {
      const result = await next(args);
      const response = result.response;
      const body = response?.body as (AsyncIterable<Uint8Array> & object) | undefined;
      if ((response?.statusCode ?? 0) >= 400 && body && Symbol.asyncIterator in body) {
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of body) {
          chunks.push(Buffer.from(chunk));
          size += chunk.byteLength;
          if (size > MAX_CAPTURED_ERROR_BODY) break;
        }
        const data = Buffer.concat(chunks);
        last = data.toString('utf8');
        const { Readable } = await import('node:stream');
        response.body = Readable.from([data]);
      }
      return result;
    },
    { relation: 'after', toMiddleware: 'deserializerMiddleware', name: 'awsdoctorCaptureErrorBody' },
  );
  return () => last;
}
