import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function installed(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Pretty logs outside production, when pino-pretty is installed (it is a devDependency): a
 * production-only install run with NODE_ENV=development logs JSON instead of failing to start.
 */
export function logTransport(
  production: boolean,
  isInstalled: (name: string) => boolean = installed,
): { transport?: { target: string } } {
  if (production || !isInstalled('pino-pretty')) return {};
  return { transport: { target: 'pino-pretty' } };
}
