import { isErrorBody, type ErrorCode } from '@parley/protocol';

/**
 * `network` means the request never got an answer (offline, server down); `unknown` means an answer
 * that was not a protocol error body (a proxy's HTML error page, say).
 */
export type ApiErrorCode = ErrorCode | 'network' | 'unknown';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }

  static fromResponse(status: number, body: unknown): ApiError {
    if (isErrorBody(body)) return new ApiError(status, body.error.code, body.error.message);
    return new ApiError(status, codeForStatus(status), `HTTP ${status}`);
  }

  static network(cause: unknown): ApiError {
    const error = new ApiError(0, 'network', 'The server could not be reached');
    error.cause = cause;
    return error;
  }

  /** Worth trying again with the same request: nothing reached the server, or it asked us to wait. */
  get isTransient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

/** Infrastructure in front of the API (proxies, load balancers) answers without our error body. */
function codeForStatus(status: number): ApiErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'rate_limited';
  // A proxy's "bad gateway", "unavailable" or "gateway timeout": the API is down or restarting.
  if (status === 502 || status === 503 || status === 504) return 'service_unavailable';
  if (status >= 500) return 'internal_error';
  return 'unknown';
}

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'unauthenticated';
}
