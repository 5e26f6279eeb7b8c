import { describe, expect, it } from 'vitest';
import { ApiError } from './ApiError';

describe('ApiError', () => {
  it('takes the code from a protocol error body', () => {
    const body = { error: { code: 'username_taken', message: 'taken' } };
    const error = ApiError.fromResponse(409, body);
    expect(error.code).toBe('username_taken');
    expect(error.status).toBe(409);
    expect(error.isTransient).toBe(false);
  });

  it('derives a code from the status when the body is not ours', () => {
    expect(ApiError.fromResponse(502, '<html>Bad gateway</html>').code).toBe('service_unavailable');
    expect(ApiError.fromResponse(500, '<html>Oops</html>').code).toBe('internal_error');
    expect(ApiError.fromResponse(429, null).code).toBe('rate_limited');
    expect(ApiError.fromResponse(418, null).code).toBe('unknown');
  });

  it('treats network failures, 429 and 5xx as transient, other 4xx as final', () => {
    expect(ApiError.network(new TypeError('Failed to fetch')).isTransient).toBe(true);
    expect(ApiError.fromResponse(429, null).isTransient).toBe(true);
    expect(ApiError.fromResponse(503, null).isTransient).toBe(true);
    expect(ApiError.fromResponse(400, null).isTransient).toBe(false);
    expect(ApiError.fromResponse(401, null).isTransient).toBe(false);
  });
});
