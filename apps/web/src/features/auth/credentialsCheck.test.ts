import { describe, expect, it } from 'vitest';
import { checkCredentials } from './credentialsCheck';

describe('checkCredentials', () => {
  it('asks for both fields in either mode', () => {
    expect(checkCredentials('sign-in', '', 'secret')).toBe('missingFields');
    expect(checkCredentials('sign-up', 'ada', '')).toBe('missingFields');
  });

  it('applies the username rules on sign-up only', () => {
    expect(checkCredentials('sign-up', 'Ada Lovelace', 'long enough')).toBe('usernameRule');
    expect(checkCredentials('sign-up', 'a', 'long enough')).toBe('usernameRule');
    expect(checkCredentials('sign-in', 'Ada Lovelace', 'x')).toBeNull();
  });

  it('requires a long enough password on sign-up', () => {
    expect(checkCredentials('sign-up', 'ada', 'short')).toBe('passwordRule');
    expect(checkCredentials('sign-up', 'ada.l-1_', 'long enough')).toBeNull();
  });
});
