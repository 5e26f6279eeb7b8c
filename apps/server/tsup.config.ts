import { defineConfig } from 'tsup';

// The protocol package is TypeScript source, so it is bundled in; npm dependencies stay external.
export default defineConfig({
  entry: ['src/server.ts', 'src/migrate.ts'],
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  noExternal: ['@parley/protocol'],
});
