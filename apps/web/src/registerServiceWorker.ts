/**
 * The service worker keeps the app shell for offline starts (service-worker/sw.ts). Production
 * only: in development it would serve stale modules to Vite's dev server.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`).catch(() => {
      // No offline start, nothing else lost: the app works the same without it.
    });
  });
}
