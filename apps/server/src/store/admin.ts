import type { AuditAction, AuditEntry, Invite, SignUpMode } from '@parley/protocol';
import { toPerson } from './rows.js';
import type { Db } from './schema.js';

export class Invites {
  constructor(private readonly db: Db) {}

  async create(input: {
    id: string;
    tokenHash: string;
    createdBy: string;
    now: Date;
    expiresAt: Date;
    maxUses: number;
  }): Promise<void> {
    await this.db
      .insertInto('invites')
      .values({
        id: input.id,
        token_hash: input.tokenHash,
        created_by: input.createdBy,
        created_at: input.now.toISOString(),
        expires_at: input.expiresAt.toISOString(),
        max_uses: input.maxUses,
        uses: 0,
        revoked_at: null,
      })
      .execute();
  }

  /** An invite that can still be used: not revoked, not expired, not used up. */
  async findUsable(tokenHash: string, now: Date) {
    return this.db
      .selectFrom('invites')
      .select(['id', 'expires_at'])
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now.toISOString())
      .whereRef('uses', '<', 'max_uses')
      .executeTakeFirst();
  }

  async use(id: string): Promise<void> {
    await this.db
      .updateTable('invites')
      .set((eb) => ({ uses: eb('uses', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }

  async revoke(id: string, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('invites')
      .set({ revoked_at: now.toISOString() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async list(): Promise<Invite[]> {
    const rows = await this.db
      .selectFrom('invites')
      .innerJoin('users', 'users.id', 'invites.created_by')
      .selectAll('invites')
      .select(['users.username', 'users.display_name', 'users.avatar_color'])
      .orderBy('invites.created_at', 'desc')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      createdBy: toPerson({ ...row, id: row.created_by }),
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      maxUses: row.max_uses,
      uses: row.uses,
      revoked: row.revoked_at !== null,
    }));
  }
}

export class AuditLog {
  constructor(private readonly db: Db) {}

  async record(input: {
    id: string;
    actorId: string;
    action: AuditAction;
    target: string;
    details: Record<string, string>;
    now: Date;
  }): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        id: input.id,
        actor_id: input.actorId,
        action: input.action,
        target: input.target,
        details: JSON.stringify(input.details),
        created_at: input.now.toISOString(),
      })
      .execute();
  }

  /**
   * Newest first, ties (one millisecond) broken by id; `before` is exclusive: entries older than its
   * time, or as old with a smaller id. Without `before.id`, everything older than its time.
   */
  async page(before: { at: string; id?: string } | undefined, limit: number): Promise<AuditEntry[]> {
    let query = this.db
      .selectFrom('audit_log')
      .innerJoin('users', 'users.id', 'audit_log.actor_id')
      .selectAll('audit_log')
      .select(['users.username', 'users.display_name', 'users.avatar_color']);
    if (before !== undefined) {
      const { at, id } = before;
      query = query.where((eb) =>
        id === undefined
          ? eb('audit_log.created_at', '<', at)
          : eb.or([
              eb('audit_log.created_at', '<', at),
              eb.and([eb('audit_log.created_at', '=', at), eb('audit_log.id', '<', id)]),
            ]),
      );
    }
    const rows = await query
      .orderBy('audit_log.created_at', 'desc')
      .orderBy('audit_log.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      at: row.created_at,
      actor: toPerson({ ...row, id: row.actor_id }),
      action: row.action as AuditAction,
      target: row.target,
      details: JSON.parse(row.details) as Record<string, string>,
    }));
  }
}

export class Settings {
  constructor(private readonly db: Db) {}

  async signUpMode(fallback: SignUpMode): Promise<SignUpMode> {
    const row = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'sign_up_mode')
      .executeTakeFirst();
    return row?.value === 'open' || row?.value === 'invite_only' ? row.value : fallback;
  }

  async setSignUpMode(mode: SignUpMode): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key: 'sign_up_mode', value: mode })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: mode }))
      .execute();
  }
}
