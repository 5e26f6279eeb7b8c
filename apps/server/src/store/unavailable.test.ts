import { describe, expect, it } from 'vitest';
import { isStoreUnavailable } from './unavailable.js';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('isStoreUnavailable', () => {
  it('recognises a database that is down, restarting, refusing or too busy', () => {
    expect(isStoreUnavailable(withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe(true);
    expect(isStoreUnavailable(withCode('57P01', 'terminating connection due to administrator command'))).toBe(
      true,
    );
    expect(isStoreUnavailable(withCode('57P03', 'the database system is starting up'))).toBe(true);
    expect(isStoreUnavailable(withCode('08006'))).toBe(true);
    expect(isStoreUnavailable(withCode('53300', 'sorry, too many clients already'))).toBe(true);
    expect(isStoreUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isStoreUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(
      isStoreUnavailable(withCode('55000', 'database "parley" is not currently accepting connections')),
    ).toBe(true);
    expect(isStoreUnavailable(withCode('SQLITE_BUSY', 'database is locked'))).toBe(true);
  });

  it('looks through wrapped causes', () => {
    const wrapped = new Error('query failed', { cause: withCode('ECONNRESET') });
    expect(isStoreUnavailable(wrapped)).toBe(true);
  });

  it('leaves bugs and constraint violations alone', () => {
    expect(isStoreUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      false,
    );
    expect(isStoreUnavailable(withCode('23505', 'duplicate key value violates unique constraint'))).toBe(
      false,
    );
    expect(isStoreUnavailable(withCode('SQLITE_CONSTRAINT_UNIQUE'))).toBe(false);
    expect(isStoreUnavailable(withCode('55000', 'some other prerequisite'))).toBe(false);
    expect(isStoreUnavailable('a string')).toBe(false);
    expect(isStoreUnavailable(null)).toBe(false);
  });
});
