import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type, type Static } from '@sinclair/typebox';
import { envSchema } from 'env-schema';

/** The built web app, next to this package in the monorepo. */
const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

const EnvSchema = Type.Object({
  INIT_CWD: Type.Optional(Type.String()),
  NODE_ENV: Type.String({ default: 'production' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ default: '0.0.0.0' }),
  DATABASE_URL: Type.String({ minLength: 1, default: './data/parley.db' }),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 1000, default: 10 }),
  REDIS_URL: Type.String({ default: '' }),
  REDIS_PREFIX: Type.String({ default: 'parley:' }),
  WEB_DIST: Type.String({ default: DEFAULT_WEB_DIST }),
  CORS_ORIGINS: Type.String({ default: '' }),
  COOKIE_SECURE: Type.Boolean({ default: false }),
  COOKIE_SAME_SITE: Type.Union([Type.Literal('lax'), Type.Literal('strict'), Type.Literal('none')], {
    default: 'lax',
  }),
  TRUST_PROXY: Type.Boolean({ default: false }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info' },
  ),
  HEARTBEAT_MS: Type.Integer({ minimum: 10, default: 15_000 }),
  SSE_RETRY_MS: Type.Integer({ minimum: 100, default: 2_000 }),
  EVENT_LOG_RETENTION: Type.Integer({ minimum: 100, default: 100_000 }),
  SLOW_CONSUMER_BYTES: Type.Integer({ minimum: 1024, default: 1_048_576 }),
  RATE_LIMIT_SIGN_IN_PER_MINUTE: Type.Integer({ minimum: 1, default: 10 }),
  RATE_LIMIT_POSTS_PER_MINUTE: Type.Integer({ minimum: 1, default: 120 }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 65_536 }),
  SESSION_TTL_DAYS: Type.Integer({ minimum: 1, default: 30 }),
  METRICS_TOKEN: Type.String({ default: '' }),
  SIGN_UP_MODE: Type.Union([Type.Literal('open'), Type.Literal('invite_only')], { default: 'invite_only' }),
  PRESENCE_OFFLINE_GRACE_MS: Type.Integer({ minimum: 0, default: 10_000 }),
  PRESENCE_INTERVAL_MS: Type.Integer({ minimum: 50, default: 1_000 }),
});
type Env = Static<typeof EnvSchema>;

export interface Config {
  production: boolean;
  /** Where relative paths are resolved: the directory pnpm was started from, else the working directory. */
  baseDir: string;
  port: number;
  host: string;
  /**
   * Where the data lives: an SQLite file (absolute path, or `:memory:`), or a PostgreSQL database
   * (`DATABASE_URL=postgres://...`).
   */
  database: DatabaseConfig;
  /** Redis, which carries events between instances (and shares rate limits); null runs one instance alone. */
  redis: { url: string; prefix: string } | null;
  /** Absolute path of the built web app; null serves no web app (API only). */
  webDist: string | null;
  corsOrigins: string[];
  cookie: { secure: boolean; sameSite: 'lax' | 'strict' | 'none' };
  trustProxy: boolean;
  logLevel: string;
  stream: { heartbeatMs: number; retryMs: number; slowConsumerBytes: number };
  /** See PresenceTracker: the grace before offline, and the batching interval. */
  presence: { offlineGraceMs: number; flushIntervalMs: number };
  eventLogRetention: number;
  rateLimit: { signInPerMinute: number; postsPerMinute: number };
  bodyLimitBytes: number;
  sessionTtlMs: number;
  /** Bearer token for `GET /metrics`; null turns the endpoint off. */
  metricsToken: string | null;
  /** Until an admin changes it in the app. */
  signUpMode: 'open' | 'invite_only';
}

export type DatabaseConfig =
  | { dialect: 'sqlite'; path: string }
  /** `poolSize`: connections each instance may hold open (PostgreSQL's max_connections is shared). */
  | { dialect: 'postgres'; url: string; poolSize: number };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates the environment once, at start. The only place that looks at process.env;
 * tests pass their own object.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  let parsed: Env;
  try {
    parsed = envSchema<Env>({ schema: EnvSchema, data: [env], dotenv: false });
  } catch (error) {
    throw new ConfigError(`Invalid configuration: ${(error as Error).message}`);
  }
  if (parsed.COOKIE_SAME_SITE === 'none' && !parsed.COOKIE_SECURE) {
    throw new ConfigError('Invalid configuration: COOKIE_SAME_SITE=none requires COOKIE_SECURE=true');
  }
  if (parsed.REDIS_URL !== '' && !/^rediss?:\/\/[^/]/.test(parsed.REDIS_URL)) {
    throw new ConfigError(
      'Invalid configuration: REDIS_URL must look like redis://host:6379 or rediss://host:6380',
    );
  }
  if (parsed.METRICS_TOKEN !== '' && parsed.METRICS_TOKEN.length < 16) {
    throw new ConfigError('Invalid configuration: METRICS_TOKEN must be at least 16 characters');
  }
  const corsOrigins = parsed.CORS_ORIGINS.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!isOrigin(origin)) {
      throw new ConfigError(
        `Invalid configuration: CORS_ORIGINS entry "${origin}" is not an origin like https://chat.example.com`,
      );
    }
  }
  // pnpm runs a package's scripts in the package's folder; paths a user typed mean their own folder.
  const baseDir = parsed.INIT_CWD ?? process.cwd();
  return {
    production: parsed.NODE_ENV === 'production',
    baseDir,
    port: parsed.PORT,
    host: parsed.HOST,
    database: databaseConfig(parsed.DATABASE_URL, parsed.DATABASE_POOL_SIZE, baseDir),
    redis: parsed.REDIS_URL === '' ? null : { url: parsed.REDIS_URL, prefix: parsed.REDIS_PREFIX },
    webDist: parsed.WEB_DIST === '' ? null : resolve(baseDir, parsed.WEB_DIST),
    corsOrigins,
    cookie: { secure: parsed.COOKIE_SECURE, sameSite: parsed.COOKIE_SAME_SITE },
    trustProxy: parsed.TRUST_PROXY,
    logLevel: parsed.LOG_LEVEL,
    stream: {
      heartbeatMs: parsed.HEARTBEAT_MS,
      retryMs: parsed.SSE_RETRY_MS,
      slowConsumerBytes: parsed.SLOW_CONSUMER_BYTES,
    },
    presence: {
      offlineGraceMs: parsed.PRESENCE_OFFLINE_GRACE_MS,
      flushIntervalMs: parsed.PRESENCE_INTERVAL_MS,
    },
    eventLogRetention: parsed.EVENT_LOG_RETENTION,
    rateLimit: {
      signInPerMinute: parsed.RATE_LIMIT_SIGN_IN_PER_MINUTE,
      postsPerMinute: parsed.RATE_LIMIT_POSTS_PER_MINUTE,
    },
    bodyLimitBytes: parsed.BODY_LIMIT_BYTES,
    sessionTtlMs: parsed.SESSION_TTL_DAYS * 24 * 60 * 60 * 1000,
    signUpMode: parsed.SIGN_UP_MODE,
    metricsToken: parsed.METRICS_TOKEN === '' ? null : parsed.METRICS_TOKEN,
  };
}

/** `postgres://` or `postgresql://` is PostgreSQL; anything else is the path of an SQLite file. */
function databaseConfig(value: string, poolSize: number, baseDir: string): DatabaseConfig {
  if (/^postgres(ql)?:\/\//i.test(value)) {
    if (!URL.canParse(value)) {
      throw new ConfigError('Invalid configuration: DATABASE_URL is not a valid postgres:// URL');
    }
    return { dialect: 'postgres', url: value, poolSize };
  }
  return { dialect: 'sqlite', path: value === ':memory:' ? value : resolve(baseDir, value) };
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}
