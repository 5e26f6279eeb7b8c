import { hash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import type {
  ChangePasswordBody,
  SessionInfo,
  SignInBody,
  SignUpBody,
  SignUpMode,
  Person,
  UpdateProfileBody,
  User,
} from '@parley/protocol';
import { LIMITS } from '@parley/protocol';
import type { EventBus } from '../bus/bus.js';
import { AppError } from '../errors.js';
import { toPerson } from '../store/rows.js';
import type { Store } from '../store/store.js';
import type { AccessCache } from './access-cache.js';
import { decoyHash, hashPassword, verifyPassword } from './passwords.js';
import type { Writer } from './writer.js';

export interface SignedIn {
  user: User;
  sessionId: string;
  /** The cookie value; only its hash is stored. */
  token: string;
  expiresAt: Date;
}

export interface Session {
  user: User;
  sessionId: string;
}

/** Colours for initials avatars, readable with white text in light and dark mode. */
export const AVATAR_COLORS = [
  '#4f46e5',
  '#0f766e',
  '#b45309',
  '#be123c',
  '#7c3aed',
  '#15803d',
  '#0369a1',
  '#a21caf',
];

function pickAvatarColor(): string {
  return AVATAR_COLORS[randomInt(AVATAR_COLORS.length)] ?? '#4f46e5';
}

export function hashToken(token: string): string {
  // One call, no Hash object: this runs on every request.
  return hash('sha256', token, 'hex');
}

// Sessions record when they were last used, at most this often (a write per request would be waste).
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

/** Sign-up (with invites), sign-in, sessions, profile and password. */
export class Accounts {
  constructor(
    private readonly store: Store,
    private readonly writer: Writer,
    private readonly bus: EventBus,
    private readonly cache: AccessCache,
    private readonly options: { sessionTtlMs: number; defaultSignUpMode: SignUpMode },
  ) {}

  signUpMode(): Promise<SignUpMode> {
    return this.store.settings.signUpMode(this.options.defaultSignUpMode);
  }

  async signUp(input: SignUpBody, userAgent: string): Promise<SignedIn> {
    const passwordHash = await hashPassword(input.password);
    const mode = await this.signUpMode();
    const now = new Date();
    const user = await this.writer.write(async (t) => {
      // The first account needs no invite: it is the admin who will create them.
      const needsInvite = mode === 'invite_only' && (await t.users.count()) > 0;
      let inviteId: string | undefined;
      if (input.inviteToken !== undefined) {
        const invite = await t.invites.findUsable(hashToken(input.inviteToken), now);
        if (!invite) throw new AppError('invite_invalid', 'This invite link is expired, used up or revoked');
        inviteId = invite.id;
      } else if (needsInvite) {
        throw new AppError('invite_required', 'Signing up needs an invite link');
      }
      const created = await t.users.create({
        id: randomUUID(),
        username: input.username,
        displayName: input.displayName?.trim() || input.username,
        avatarColor: pickAvatarColor(),
        passwordHash,
        now,
      });
      if (created === 'username_taken') throw new AppError('username_taken', 'That username is taken');
      if (inviteId !== undefined) await t.invites.use(inviteId);
      const generalId = await t.rooms.generalId();
      await t.rooms.addMember(generalId, created.id, 'member', now);
      const member = await t.rooms.member(generalId, created.id);
      if (!member) throw new Error('the new user is not in #general');
      const joined = await t.events.append(
        generalId,
        (seq) => ({ type: 'member.joined', seq, roomId: generalId, member }),
        now,
      );
      return { value: created, events: [joined] };
    });
    return this.startSession(user, userAgent);
  }

  async signIn(input: SignInBody, userAgent: string): Promise<SignedIn> {
    const record = await this.store.users.findByUsername(input.username.toLowerCase());
    const valid = await verifyPassword(input.password, record?.passwordHash ?? (await decoyHash()));
    if (!record || !valid) throw new AppError('invalid_credentials', 'Wrong username or password');
    if (record.deactivated) throw new AppError('account_deactivated', 'This account has been deactivated');
    const { passwordHash: _hash, deactivated: _deactivated, ...user } = record;
    return this.startSession(user, userAgent);
  }

  /** Active people to start a DM with or add to a room. */
  /** `notInRoom`: leave out that room's members (the caller has checked the reader may see it). */
  async searchPeople(query: string, notInRoom?: string): Promise<Person[]> {
    const rows = await this.store.users.search(query.trim(), LIMITS.peopleSearchMax, notInRoom);
    return rows.map(toPerson);
  }

  /** The people with these usernames (at most `LIMITS.peopleLookupMax`), deactivated ones included. */
  async peopleNamed(usernames: readonly string[]): Promise<Person[]> {
    const unique = [...new Set(usernames)];
    if (unique.length > LIMITS.peopleLookupMax) {
      throw new AppError('validation_failed', `Look up at most ${LIMITS.peopleLookupMax} usernames at once`);
    }
    const rows = await this.store.users.byUsernames(unique);
    return rows.map(toPerson);
  }

  /** The session of a cookie's token: from memory while nothing has ended or changed it, else the store. */
  async authenticate(token: string): Promise<Session | undefined> {
    const tokenHash = hashToken(token);
    const found = await this.cache.session(tokenHash, async () => {
      const row = await this.store.sessions.find(tokenHash, new Date());
      return (
        row && {
          user: row.user,
          sessionId: row.sessionId,
          lastSeenAt: Date.parse(row.lastSeenAt),
          expiresAt: Date.parse(row.expiresAt),
        }
      );
    });
    if (!found) return undefined;
    const now = new Date();
    if (now.getTime() - found.lastSeenAt > TOUCH_INTERVAL_MS) {
      found.lastSeenAt = now.getTime();
      await this.store.sessions.touch(found.sessionId, now);
    }
    return { user: found.user, sessionId: found.sessionId };
  }

  async signOut(session: Session): Promise<void> {
    await this.revokeSession(session.user.id, session.sessionId);
  }

  listSessions(session: Session): Promise<SessionInfo[]> {
    return this.store.sessions.listForUser(session.user.id, session.sessionId, new Date());
  }

  async revokeSession(userId: string, sessionId: string): Promise<void> {
    if (!(await this.store.sessions.delete(userId, sessionId)))
      throw new AppError('not_found', 'No such session');
    this.bus.disconnect({ userId, sessionId });
  }

  /** Of these sessions, the ones that have ended (signed out, expired, or their user deactivated). */
  async endedAmong<T extends { sessionId: string }>(sessions: readonly T[]): Promise<T[]> {
    const live = await this.store.sessions.liveOf(
      sessions.map((s) => s.sessionId),
      new Date(),
    );
    return sessions.filter((s) => !live.has(s.sessionId));
  }

  async signOutOthers(session: Session): Promise<void> {
    await this.store.sessions.deleteAllForUser(session.user.id, session.sessionId);
    this.bus.disconnect({ userId: session.user.id, exceptSessionId: session.sessionId });
  }

  /**
   * A new display name or colour, told at once to everyone who shares a room with the user: a
   * `user.updated` event in each of their rooms, written in the same transaction as the change.
   */
  async updateProfile(session: Session, changes: UpdateProfileBody): Promise<User> {
    const displayName = changes.displayName?.trim();
    if (displayName === '') throw new AppError('validation_failed', 'A display name cannot be blank');
    const userId = session.user.id;
    const updated = await this.writer.write(async (t) => {
      const before = await t.users.findById(userId);
      await t.users.update(userId, {
        ...(displayName !== undefined && { displayName }),
        ...(changes.avatarColor !== undefined && { avatarColor: changes.avatarColor }),
      });
      const record = await t.users.findById(userId);
      if (!record) throw new AppError('unauthenticated', 'Sign in first');
      const { passwordHash: _hash, deactivated: _deactivated, ...user } = record;
      const person = {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        avatarColor: user.avatarColor,
      };
      // Saving the form unchanged tells nobody anything.
      const changed = before?.displayName !== user.displayName || before.avatarColor !== user.avatarColor;
      const now = new Date();
      const events = [];
      for (const roomId of changed ? await t.rooms.roomIdsForUser(userId) : []) {
        events.push(
          await t.events.append(roomId, (seq) => ({ type: 'user.updated', seq, roomId, user: person }), now),
        );
      }
      return { value: user, events };
    });
    // Cached sessions carry the old name and colour, on every instance.
    this.bus.signal({ kind: 'user.changed', userId });
    return updated;
  }

  /** A new password signs out every other session: whoever else had it is locked out at once. */
  async changePassword(session: Session, input: ChangePasswordBody): Promise<void> {
    const record = await this.store.users.findById(session.user.id);
    if (!record || !(await verifyPassword(input.currentPassword, record.passwordHash))) {
      throw new AppError('invalid_credentials', 'The current password is wrong');
    }
    await this.store.users.setPasswordHash(record.id, await hashPassword(input.newPassword));
    await this.signOutOthers(session);
  }

  private async startSession(user: User, userAgent: string): Promise<SignedIn> {
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.options.sessionTtlMs);
    const sessionId = randomUUID();
    await this.store.sessions.create({
      id: sessionId,
      tokenHash: hashToken(token),
      userId: user.id,
      userAgent: userAgent.slice(0, 300),
      now,
      expiresAt,
    });
    return { user, sessionId, token, expiresAt };
  }
}
