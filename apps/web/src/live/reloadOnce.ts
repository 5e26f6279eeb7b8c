const RELOADED_AT = 'parley.reloadedForNewVersion';

/**
 * Reloads to pick up a web app that matches the server's protocol, but at most once a minute: if the
 * deployed app itself is out of date, reloading again would only loop.
 */
export function reloadForNewVersion(): void {
  try {
    const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
    if (Date.now() - last < 60_000) return;
    sessionStorage.setItem(RELOADED_AT, String(Date.now()));
  } catch {
    return; // Without storage a reload loop could not be detected; better to stay on the old version.
  }
  window.location.reload();
}
