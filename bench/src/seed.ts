/**
 * Seeds a fresh Parley database for a run, in its own process so that the runner never loads the
 * server's code (nor better-sqlite3): `tsx seed.ts <databaseUrl> <count> <prefix> <outFile> [rooms]`
 * writes `{ cookies, roomId, roomIds, userRoomIds }` as JSON to outFile. With rooms, user i is also in
 * room `i % rooms`.
 */
import { writeFileSync } from 'node:fs';

type SeedUsers = (
  databaseUrl: string,
  count: number,
  prefix: string,
  options?: { rooms?: number },
) => Promise<{ cookies: string[]; roomId: string; roomIds: string[]; userRoomIds: string[] }>;

// Imported by a computed name, so that this package type-checks against the agreed signature
// whatever state the server's source is in.
const specifier: string = '@parley/server/testing';

async function main(): Promise<void> {
  const [databaseUrl, count, prefix, outFile, rooms] = process.argv.slice(2);
  if (!databaseUrl || !count || !prefix || !outFile) {
    throw new Error('usage: seed.ts <databaseUrl> <count> <prefix> <outFile> [rooms]');
  }
  const mod = (await import(specifier)) as { seedUsers?: unknown };
  if (typeof mod.seedUsers !== 'function') throw new Error(`${specifier} does not export seedUsers`);
  const seedUsers = mod.seedUsers as SeedUsers;
  const result = await seedUsers(databaseUrl, Number(count), prefix, { rooms: Number(rooms ?? 0) });
  writeFileSync(outFile, JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
