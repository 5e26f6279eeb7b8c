import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPostgresStore } from '../src/store/postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A connection URL with rights to create databases; test databases are made beside it. */
    postgresAdminUrl: string;
    /** The prefix of every database this run creates, so that teardown drops exactly those. */
    postgresRunPrefix: string;
    /** A migrated, otherwise empty database that test databases are copied from. */
    postgresTemplate: string;
  }
}

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Global setup of the `postgres` test project: checks that PostgreSQL answers, failing the whole run
 * loudly if not (a missing database must never pass as skipped tests). It migrates one template
 * database, which each test copies (CREATE DATABASE ... TEMPLATE takes milliseconds; migrating takes
 * half a second). Afterwards it drops every database this run created, even those of tests that
 * crashed before their own cleanup.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const adminUrl = process.env.PARLEY_TEST_POSTGRES_URL ?? DEFAULT_ADMIN_URL;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `The PostgreSQL test suite cannot reach PostgreSQL at ${redact(adminUrl)} (${(error as Error).message}).\n` +
        'Start it (on Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set ' +
        'PARLEY_TEST_POSTGRES_URL to a server where this user may create databases. These tests are never skipped.',
    );
  }
  const prefix = `parley_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}_`;
  const template = `${prefix}template`;
  const teardown = async () => {
    try {
      const { rows } = await admin.query<{ datname: string }>(
        'select datname from pg_database where starts_with(datname, $1)',
        [prefix],
      );
      for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    } finally {
      await admin.end();
    }
  };
  try {
    await admin.query(`create database "${template}"`);
    const store = openPostgresStore(databaseUrl(adminUrl, template));
    try {
      await store.migrate();
    } finally {
      await store.close();
    }
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('postgresAdminUrl', adminUrl);
  project.provide('postgresRunPrefix', prefix);
  project.provide('postgresTemplate', template);
  return teardown;
}

/** The URL of database `name` on the server of `url`. */
export function databaseUrl(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}
