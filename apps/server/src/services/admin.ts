import { randomBytes, randomUUID } from 'node:crypto';
import type {
  AdminUser,
  AuditPage,
  CreateInviteBody,
  CreatedInviteResponse,
  Invite,
  Settings,
  SignUpMode,
  User,
} from '@parley/protocol';
import type { EventBus } from '../bus/bus.js';
import { AppError } from '../errors.js';
import { toPerson } from '../store/rows.js';
import type { Store } from '../store/store.js';
import { hashToken, type Accounts } from './accounts.js';

/** What admins do: people, invites, settings; every action is written to the audit log. */
export class AdminService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly accounts: Accounts,
  ) {}

  async users(): Promise<AdminUser[]> {
    const records = await this.store.users.list();
    return records.map((record) => ({
      person: toPerson({
        id: record.id,
        username: record.username,
        display_name: record.displayName,
        avatar_color: record.avatarColor,
      }),
      role: record.role,
      createdAt: record.createdAt,
      deactivated: record.deactivated,
    }));
  }

  /** Ends every session of the user and closes their open streams at once. */
  async deactivate(admin: User, userId: string): Promise<void> {
    if (userId === admin.id) throw new AppError('forbidden', 'Admins cannot deactivate themselves');
    const now = new Date();
    await this.store.transaction(async (t) => {
      const target = await t.users.findById(userId);
      if (!target) throw new AppError('not_found', 'No such person');
      if (target.deactivated) return;
      await t.users.deactivate(userId, now);
      await t.sessions.deleteAllForUser(userId);
      await t.audit.record({
        id: randomUUID(),
        actorId: admin.id,
        action: 'user.deactivated',
        target: userId,
        details: { username: target.username },
        now,
      });
    });
    this.bus.disconnect({ userId });
  }

  async createInvite(admin: User, input: CreateInviteBody): Promise<CreatedInviteResponse> {
    const token = randomBytes(24).toString('base64url');
    const now = new Date();
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + input.expiresInHours * 3600_000);
    await this.store.transaction(async (t) => {
      await t.invites.create({
        id,
        tokenHash: hashToken(token),
        createdBy: admin.id,
        now,
        expiresAt,
        maxUses: input.maxUses,
      });
      await t.audit.record({
        id: randomUUID(),
        actorId: admin.id,
        action: 'invite.created',
        target: id,
        details: { expiresAt: expiresAt.toISOString(), maxUses: String(input.maxUses) },
        now,
      });
    });
    const invite = (await this.store.invites.list()).find((i) => i.id === id);
    if (!invite) throw new Error('the invite just created is missing');
    return { invite, token };
  }

  invites(): Promise<Invite[]> {
    return this.store.invites.list();
  }

  async revokeInvite(admin: User, inviteId: string): Promise<void> {
    const now = new Date();
    await this.store.transaction(async (t) => {
      if (!(await t.invites.revoke(inviteId, now))) throw new AppError('not_found', 'No such invite');
      await t.audit.record({
        id: randomUUID(),
        actorId: admin.id,
        action: 'invite.revoked',
        target: inviteId,
        details: {},
        now,
      });
    });
  }

  async invitePreview(token: string): Promise<{ expiresAt: string }> {
    const invite = await this.store.invites.findUsable(hashToken(token), new Date());
    if (!invite) throw new AppError('invite_invalid', 'This invite link is expired, used up or revoked', 404);
    return { expiresAt: invite.expires_at };
  }

  /** `before` is the previous page's `nextBefore`: `<time>~<id>` of its last entry (or a bare time). */
  async audit(before: string | undefined, limit: number): Promise<AuditPage> {
    const cursor = before === undefined ? undefined : parseAuditCursor(before);
    const rows = await this.store.audit.page(cursor, limit + 1);
    const entries = rows.slice(0, limit);
    const last = entries.at(-1);
    return { entries, nextBefore: rows.length > limit && last ? `${last.at}~${last.id}` : null };
  }

  async settings(): Promise<Settings> {
    return { signUpMode: await this.accounts.signUpMode() };
  }

  async setSignUpMode(admin: User, mode: SignUpMode): Promise<Settings> {
    const now = new Date();
    const previous = await this.accounts.signUpMode();
    await this.store.transaction(async (t) => {
      await t.settings.setSignUpMode(mode);
      await t.audit.record({
        id: randomUUID(),
        actorId: admin.id,
        action: 'settings.changed',
        target: 'signUpMode',
        details: { from: previous, to: mode },
        now,
      });
    });
    return { signUpMode: mode };
  }
}

/** The route's schema has checked the shape (`AUDIT_CURSOR_PATTERN`). */
function parseAuditCursor(cursor: string): { at: string; id?: string } {
  const [at = cursor, id] = cursor.split('~');
  return id === undefined ? { at } : { at, id };
}
