import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SignInBody, SignUpBody, User } from '@parley/protocol';
import { AppError } from '../errors.js';
import type { Store } from '../store/store.js';
import { decoyHash, hashPassword, verifyPassword } from './passwords.js';

export interface SignedIn {
  user: User;
  /** The cookie value; only its hash is stored. */
  token: string;
  expiresAt: Date;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Sign-up, sign-in, sign-out and resolving a session cookie to a user. */
export class Accounts {
  constructor(
    private readonly store: Store,
    private readonly sessionTtlMs: number,
  ) {}

  async signUp(input: SignUpBody): Promise<SignedIn> {
    const passwordHash = await hashPassword(input.password);
    const result = await this.store.createUser({
      id: randomUUID(),
      username: input.username,
      displayName: input.displayName?.trim() || input.username,
      passwordHash,
      now: new Date(),
    });
    if (!result.ok) throw new AppError('username_taken', 'That username is taken');
    return this.startSession(result.user);
  }

  async signIn(input: SignInBody): Promise<SignedIn> {
    const record = await this.store.findUserByUsername(input.username.toLowerCase());
    const valid = await verifyPassword(input.password, record?.passwordHash ?? (await decoyHash()));
    if (!record || !valid) throw new AppError('invalid_credentials', 'Wrong username or password');
    const { passwordHash: _hash, ...user } = record;
    return this.startSession(user);
  }

  async signOut(token: string): Promise<void> {
    await this.store.deleteSession(hashToken(token));
  }

  async userForSession(token: string): Promise<User | undefined> {
    return this.store.findSessionUser(hashToken(token), new Date());
  }

  private async startSession(user: User): Promise<SignedIn> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.sessionTtlMs);
    await this.store.createSession({ tokenHash: hashToken(token), userId: user.id, now, expiresAt });
    return { user, token, expiresAt };
  }
}
