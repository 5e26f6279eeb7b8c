import { ApiError, type ApiErrorCode } from '../api/ApiError';

export type ErrorMessageKey = `errors.${ApiErrorCode}`;

/** The catalog key that explains an error to the reader. */
export function errorMessageKey(error: unknown): ErrorMessageKey {
  return error instanceof ApiError ? `errors.${error.code}` : 'errors.unknown';
}
