/**
 * Delay before retry number `attempt` (0-based): exponential, capped, with "equal jitter" (half
 * fixed, half random) so it is never immediate and a crowd of clients does not retry in lockstep
 * after a server restart.
 */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  baseMs = 500,
  capMs = 15_000,
) {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return ceiling / 2 + (random() * ceiling) / 2;
}

/** A delay spread uniformly over [minMs, maxMs). */
export function jitteredDelay(minMs: number, maxMs: number, random: () => number = Math.random) {
  return minMs + random() * (maxMs - minMs);
}
