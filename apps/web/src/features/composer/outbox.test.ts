import { describe, expect, it, vi } from 'vitest';
import type { UnconfirmedMessage } from '../../api/messageCache';
import { Outbox, type OutboxStorage } from './outbox';

class MemoryStorage implements OutboxStorage {
  private entries = new Map<string, string>();
  get length() {
    return this.entries.size;
  }
  key(index: number) {
    return [...this.entries.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.entries.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.entries.set(key, value);
  }
  removeItem(key: string) {
    this.entries.delete(key);
  }
}

const author = { id: 'u1', username: 'ada', displayName: 'Ada', avatarColor: '#2f5fd0' };
const item = (id: string, roomId = 'r1', createdAt = '2025-01-01T00:00:00.000Z'): UnconfirmedMessage => ({
  id,
  roomId,
  author,
  body: `text of ${id}`,
  createdAt,
  status: 'pending',
  errorCode: null,
});

describe('Outbox', () => {
  it('survives a reload: a new outbox for the same user finds what was not confirmed', () => {
    const storage = new MemoryStorage();
    const before = new Outbox(storage, 'u1');
    before.put(item('b', 'r1', '2025-01-01T00:00:02.000Z'));
    before.put(item('a', 'r1', '2025-01-01T00:00:01.000Z'));
    before.put(item('c'));
    before.remove('c');
    const after = new Outbox(storage, 'u1');
    expect(after.inRoom('r1').map((m) => m.id)).toEqual(['a', 'b']);
  });

  it("does not show one user's unsent messages to another user of the same browser", () => {
    const storage = new MemoryStorage();
    new Outbox(storage, 'u1').put(item('a'));
    expect(new Outbox(storage, 'u2').all()).toEqual([]);
  });

  it('keeps the same room snapshot until that room changes, and notifies on change', () => {
    const outbox = new Outbox(null, 'u1');
    const listener = vi.fn();
    outbox.subscribe(listener);
    outbox.put(item('a', 'r1'));
    const snapshot = outbox.inRoom('r1');
    expect(outbox.inRoom('r1')).toBe(snapshot);
    outbox.put(item('b', 'r2'));
    expect(outbox.inRoom('r1')).toBe(snapshot);
    outbox.put({ ...item('a', 'r1'), status: 'failed' });
    expect(outbox.inRoom('r1')).not.toBe(snapshot);
    expect(outbox.inRoom('r1')[0]?.status).toBe('failed');
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('still works when storage throws (quota, privacy mode)', () => {
    const storage = new MemoryStorage();
    storage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    const outbox = new Outbox(storage, 'u1');
    outbox.put(item('a'));
    expect(outbox.get('a')?.body).toBe('text of a');
  });
});
