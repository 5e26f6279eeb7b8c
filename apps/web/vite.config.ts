import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const API_TARGET = 'http://127.0.0.1:3000';

/**
 * `pnpm dev` serves the app and proxies the API, so the browser sees one origin (cookies and the
 * SSE stream work as in production). The Host header is passed through unchanged (no changeOrigin),
 * so the server's same-origin check sees the page's own origin. http-proxy streams responses as they
 * come; the timeouts are off so the long-lived event stream is never cut by the proxy.
 */
const proxyToApi = { target: API_TARGET, timeout: 0, proxyTimeout: 0 };

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': proxyToApi,
      '/healthz': proxyToApi,
    },
  },
  preview: {
    proxy: {
      '/api': proxyToApi,
      '/healthz': proxyToApi,
    },
  },
  build: {
    // Served by the API (@fastify/static) or any static host; one module script, no inline code.
    outDir: 'dist',
    rolldownOptions: {
      // The service worker is a second entry, at a fixed name at the root so that its scope is the
      // whole app; the page registers it in production builds only.
      input: { index: 'index.html', sw: 'service-worker/sw.ts' },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'service-worker/**/*.test.ts'],
    environment: 'node',
  },
});
