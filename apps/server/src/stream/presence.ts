import type { PresenceEntry, PresenceStatus } from '@parley/protocol';
import type { BusListener, EventBus, PresenceReport, Signal } from '../bus/bus.js';

export interface PresenceOptions {
  instanceId: string;
  bus: EventBus;
  /** Writes changes to this instance's streams that watch those people (not through the bus). */
  showLocally: (changes: PresenceEntry[]) => void;
  /** Sets whom one of this instance's streams watches, if it is here, sending it their statuses. */
  watchLocally: (
    userId: string,
    connectionId: string,
    userIds: readonly string[],
    statusOf: (userId: string) => PresenceStatus,
  ) => void;
  /** How long someone stays online after their last stream closes: reloads and reconnects don't flap. */
  offlineGraceMs: number;
  /** Changes are batched: at most one report and one presence frame per interval. */
  flushIntervalMs: number;
  /** Every this many intervals, each instance sends its full picture (a heartbeat). */
  fullReportEvery?: number;
  /** An instance not heard from for this many intervals is gone (killed); its users go offline. */
  expireAfter?: number;
}

type Seen = 'online' | 'away';

/**
 * Who is online, across instances, at a cost that grows with the number of changes rather than with
 * users times connections (presence is what overloads big chat servers):
 * - each instance knows only its own streams, and says what changed about its users on the bus, batched
 *   once per interval, plus its full picture every few intervals as a heartbeat;
 * - every instance folds the reports into one view (online beats away beats offline) and writes the
 *   people whose status changed to its own streams as one frame per interval;
 * - a stream closing starts a grace period before offline, so a reload, a reconnect or an instance
 *   restart with clients moving elsewhere changes nothing that anyone sees;
 * - an instance that stops reporting (killed) is forgotten after a few intervals.
 */
export class PresenceTracker implements BusListener {
  /** This instance's streams: user -> connection -> away. */
  private readonly local = new Map<string, Map<string, boolean>>();
  private readonly ownerOf = new Map<string, string>();
  private readonly graceTimers = new Map<string, NodeJS.Timeout>();
  /** What this instance last said about each of its users, and what it has yet to say. */
  private readonly reported = new Map<string, Seen>();
  private pendingReport = new Map<string, PresenceReport>();
  /** Every instance's reports: user -> instance -> status. */
  private readonly seen = new Map<string, Map<string, Seen>>();
  private readonly lastHeard = new Map<string, number>();
  /** The status last written to streams, per user (absent: offline). */
  private readonly shown = new Map<string, Seen>();
  private readonly dirty = new Set<string>();
  private tick = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: PresenceOptions) {
    this.unsubscribe = options.bus.subscribe(this);
    this.timer = setInterval(() => this.flush(), options.flushIntervalMs);
    this.timer.unref();
    options.bus.signal({ kind: 'presence.sync', instanceId: options.instanceId });
  }

  connected(userId: string, connectionId: string): void {
    let connections = this.local.get(userId);
    if (!connections) this.local.set(userId, (connections = new Map<string, boolean>()));
    connections.set(connectionId, false);
    this.ownerOf.set(connectionId, userId);
    this.localChanged(userId);
  }

  disconnected(userId: string, connectionId: string): void {
    const connections = this.local.get(userId);
    if (!connections?.delete(connectionId)) return;
    this.ownerOf.delete(connectionId);
    if (connections.size === 0) this.local.delete(userId);
    this.localChanged(userId);
  }

  /** A tab reports itself away or back; whichever instance holds its stream applies it. */
  setAway(userId: string, connectionId: string, away: boolean): void {
    this.options.bus.signal({ kind: 'presence.away', userId, connectionId, away });
  }

  /** A tab's stream shows these people; whichever instance holds the stream applies it. */
  watch(userId: string, connectionId: string, userIds: string[]): void {
    this.options.bus.signal({ kind: 'presence.watch', userId, connectionId, userIds });
  }

  statusOf(userId: string): PresenceStatus {
    let status: PresenceStatus = 'offline';
    for (const seen of this.seen.get(userId)?.values() ?? []) {
      if (seen === 'online') return 'online';
      status = 'away';
    }
    return status;
  }

  signal(signal: Signal): void {
    switch (signal.kind) {
      case 'presence.report':
        this.applyReport(signal.instanceId, signal.full, signal.statuses);
        return;
      case 'presence.away': {
        // Only the stream's own user may say it is away.
        const connections = this.local.get(signal.userId);
        if (this.ownerOf.get(signal.connectionId) !== signal.userId || !connections) return;
        connections.set(signal.connectionId, signal.away);
        this.localChanged(signal.userId);
        return;
      }
      case 'presence.watch':
        // What this instance's streams were last told, so that the watcher and everyone else agree
        // until the next frame (which carries any change since to the new watcher too).
        this.options.watchLocally(
          signal.userId,
          signal.connectionId,
          signal.userIds,
          (userId) => this.shown.get(userId) ?? 'offline',
        );
        return;
      case 'presence.sync':
        if (signal.instanceId !== this.options.instanceId) this.sendFullReport();
        return;
      case 'stream':
      case 'user.changed':
        return;
    }
  }

  event(): void {
    // Committed events don't change presence.
  }

  disconnect(): void {
    // Closed streams reach `disconnected` through their close handlers.
  }

  close(): void {
    clearInterval(this.timer);
    for (const timer of this.graceTimers.values()) clearTimeout(timer);
    this.unsubscribe();
  }

  private localChanged(userId: string): void {
    const connections = this.local.get(userId);
    const now: PresenceReport = !connections
      ? 'offline'
      : [...connections.values()].some((away) => !away)
        ? 'online'
        : 'away';
    const grace = this.graceTimers.get(userId);
    if (grace) {
      clearTimeout(grace);
      this.graceTimers.delete(userId);
    }
    if (now === 'offline') {
      if (!this.reported.has(userId)) return;
      const timer = setTimeout(() => {
        this.graceTimers.delete(userId);
        this.reported.delete(userId);
        this.pendingReport.set(userId, 'offline');
      }, this.options.offlineGraceMs);
      timer.unref();
      this.graceTimers.set(userId, timer);
      return;
    }
    if (this.reported.get(userId) === now) {
      this.pendingReport.delete(userId);
      return;
    }
    this.reported.set(userId, now);
    this.pendingReport.set(userId, now);
  }

  private flush(): void {
    this.tick++;
    if (this.tick % (this.options.fullReportEvery ?? 10) === 0) {
      this.sendFullReport();
      this.expireSilentInstances();
    } else if (this.pendingReport.size > 0) {
      const statuses = Object.fromEntries(this.pendingReport);
      this.pendingReport = new Map();
      this.options.bus.signal({
        kind: 'presence.report',
        instanceId: this.options.instanceId,
        full: false,
        statuses,
      });
    }
    this.showChanges();
  }

  private sendFullReport(): void {
    this.pendingReport = new Map();
    this.options.bus.signal({
      kind: 'presence.report',
      instanceId: this.options.instanceId,
      full: true,
      statuses: Object.fromEntries(this.reported),
    });
  }

  private applyReport(instanceId: string, full: boolean, statuses: Record<string, PresenceReport>): void {
    this.lastHeard.set(instanceId, this.tick);
    if (full) {
      for (const [userId, byInstance] of this.seen) {
        if (byInstance.has(instanceId) && !(userId in statuses)) this.forget(userId, instanceId);
      }
    }
    for (const [userId, status] of Object.entries(statuses)) {
      if (status === 'offline') {
        this.forget(userId, instanceId);
        continue;
      }
      let byInstance = this.seen.get(userId);
      if (!byInstance) this.seen.set(userId, (byInstance = new Map<string, Seen>()));
      // A full report repeats every status: only a change is worth looking at again.
      if (byInstance.get(instanceId) === status) continue;
      byInstance.set(instanceId, status);
      this.dirty.add(userId);
    }
  }

  private forget(userId: string, instanceId: string): void {
    const byInstance = this.seen.get(userId);
    if (!byInstance?.delete(instanceId)) return;
    if (byInstance.size === 0) this.seen.delete(userId);
    this.dirty.add(userId);
  }

  private expireSilentInstances(): void {
    const limit = this.options.expireAfter ?? 30;
    for (const [instanceId, heardAt] of this.lastHeard) {
      if (instanceId === this.options.instanceId || this.tick - heardAt <= limit) continue;
      this.lastHeard.delete(instanceId);
      for (const userId of [...this.seen.keys()]) this.forget(userId, instanceId);
    }
  }

  /** Everyone whose status changed since the last interval, to this instance's streams watching them. */
  private showChanges(): void {
    if (this.dirty.size === 0) return;
    const changes: PresenceEntry[] = [];
    for (const userId of this.dirty) {
      const status = this.statusOf(userId);
      if ((this.shown.get(userId) ?? 'offline') === status) continue;
      if (status === 'offline') this.shown.delete(userId);
      else this.shown.set(userId, status);
      changes.push({ userId, status });
    }
    this.dirty.clear();
    if (changes.length > 0) this.options.showLocally(changes);
  }
}
