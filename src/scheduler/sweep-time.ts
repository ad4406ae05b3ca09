import { type AppConfig } from '../config/config.types';

/** An operator's one-off sweep was asked for a time it may not act at. */
export class SweepTimeRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SweepTimeRefusedError';
  }
}

/** A full ISO 8601 instant with its offset, so the time a sweep acts at never depends on the machine's zone. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The time `npm run admin -- sweep` acts at (decision 0150): now, or the `--as-of` instant a demo or
 * a test gives to run deadlines out without waiting for them. Production refuses `--as-of`: a sweep
 * ahead of the clock there would escalate and expire real referrals before their time.
 */
export function sweepTime(asOf: string | undefined, env: AppConfig['env'], now: Date): Date {
  if (asOf === undefined) return now;
  if (env === 'production') throw new SweepTimeRefusedError('--as-of is for demos and tests: with NODE_ENV=production a sweep acts at the real time only');
  const at = INSTANT.test(asOf) ? new Date(asOf) : new Date(NaN);
  if (Number.isNaN(at.getTime())) throw new SweepTimeRefusedError(`--as-of ${asOf}: give an ISO 8601 instant with its offset, e.g. 2026-12-07T15:00:00Z`);
  return at;
}
