/**
 * When to try a failed delivery again: exponential from `baseMs`, capped at `maxMs`, with jitter
 * (each wait a random 50–100% of its step) so that receivers coming back up are not hit by every
 * retry at once. `attempts` counts the attempts made so far (1 after the first).
 */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 40));
  return Math.round(step * (0.5 + random() / 2));
}
