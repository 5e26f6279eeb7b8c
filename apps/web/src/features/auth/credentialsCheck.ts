import { LIMITS, USERNAME_PATTERN } from '@parley/protocol';

export type AuthMode = 'sign-in' | 'sign-up';
export type CredentialsProblem = 'missingFields' | 'usernameRule' | 'passwordRule';

const usernamePattern = new RegExp(USERNAME_PATTERN);

/**
 * The server's rules, checked before sending so the reader learns which rule they broke. Sign-in
 * only needs both fields: an account's password was checked when it was made.
 */
export function checkCredentials(
  mode: AuthMode,
  username: string,
  password: string,
): CredentialsProblem | null {
  if (username === '' || password === '') return 'missingFields';
  if (mode === 'sign-in') return null;
  if (
    username.length < LIMITS.usernameMin ||
    username.length > LIMITS.usernameMax ||
    !usernamePattern.test(username)
  ) {
    return 'usernameRule';
  }
  if (password.length < LIMITS.passwordMin || password.length > LIMITS.passwordMax) return 'passwordRule';
  return null;
}
