import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Redis } from 'ioredis';

type Counted = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Counted) => void;

/**
 * One request more for a key: the count and the milliseconds left in its window, which starts with
 * the window's first request. A key that somehow lost its expiry gets one again.
 */
const INCREMENT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
return {count, left}
`;

/**
 * How long a request waits for Redis's count before counting alone. Redis answers in well under a
 * millisecond; one that keeps its connection but answers nothing (stalled, swapping, paused) must not
 * hold up every post.
 */
const REDIS_ANSWER_MS = 250;

/** Keys one instance counts on its own while Redis is away; the oldest go first beyond this. */
const LOCAL_KEYS_MAX = 20_000;

/** Counts in this process's memory, by fixed windows that start at a key's first request. */
export class LocalCounts {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(
    private readonly maxKeys = LOCAL_KEYS_MAX,
    private readonly now: () => number = Date.now,
  ) {}

  increment(key: string, windowMs: number): Counted {
    const now = this.now();
    const window = this.windows.get(key);
    if (window && window.endsAt > now) {
      window.count++;
      return { current: window.count, ttl: window.endsAt - now };
    }
    this.windows.delete(key);
    if (this.windows.size >= this.maxKeys) this.windows.delete(this.windows.keys().next().value as string);
    this.windows.set(key, { count: 1, endsAt: now + windowMs });
    return { current: 1, ttl: windowMs };
  }

  get size(): number {
    return this.windows.size;
  }
}

interface RedisWithScript extends Redis {
  parleyRateLimit(key: string, windowMs: number): Promise<[number, number]>;
}

/**
 * The rate-limit counts of every instance, kept in Redis so that a limit holds across all of them.
 * While Redis cannot answer, each instance counts on its own (`LocalCounts`) instead of letting
 * everything through: a limit then holds per instance, so at most instances × limit in all, and
 * chat keeps working. The same goes for a Redis that does not answer within `answerMs`. Nothing here
 * ever fails a request.
 */
export function sharedRateLimitStore(
  redis: Redis,
  prefix: string,
  { local = new LocalCounts(), answerMs = REDIS_ANSWER_MS } = {},
) {
  if (!('parleyRateLimit' in redis)) {
    redis.defineCommand('parleyRateLimit', { numberOfKeys: 1, lua: INCREMENT_SCRIPT });
  }
  const scripted = redis as RedisWithScript;

  class SharedStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown,
      private readonly keyPrefix = prefix,
    ) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      const fullKey = this.keyPrefix + key;
      const alone = () => callback(null, local.increment(fullKey, timeWindow));
      if (redis.status !== 'ready') {
        alone();
        return;
      }
      let answered = false;
      const once = (answer: () => void) => {
        if (answered) return;
        answered = true;
        clearTimeout(timer);
        answer();
      };
      const timer = setTimeout(() => once(alone), answerMs);
      scripted.parleyRateLimit(fullKey, timeWindow).then(
        ([current, ttl]) => once(() => callback(null, { current, ttl })),
        () => once(alone),
      );
    }

    /** A route's own counts. The plugin passes its merged options, with the route as `routeInfo`. */
    child(routeOptions: object): FastifyRateLimitStore {
      const route = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
      const method = [route?.method ?? ''].flat().join(',');
      return new SharedStore(undefined, `${this.keyPrefix}${method}${route?.url ?? ''}-`);
    }
  }
  return SharedStore as unknown as FastifyRateLimitStoreCtor;
}
