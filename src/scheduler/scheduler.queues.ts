/**
 * The pg-boss queues of the service. Queues are partitions of pgboss.job, made by DDL, so they are
 * created by the migration as the owner (1795279000000): the API role only reads and writes jobs.
 * A new queue needs a new migration.
 */
export const SCHEDULER_SCHEMA = 'pgboss';

/** One deadline sweep at a time across every API process ('singleton': one active job). */
export const DEADLINE_SWEEP_QUEUE = 'ccr-deadline-sweep';

/**
 * Wake-ups of the webhook dispatcher. 'short': at most one queued job per key, so a burst of events
 * queues one wake-up, not one per event (the dispatcher drains the outbox, not one row).
 */
export const WEBHOOK_DISPATCH_QUEUE = 'ccr-webhook-dispatch';

/** pg-boss's own queue for cron schedules (its timekeeper creates it only if it may: it may not). */
export const PGBOSS_SEND_IT_QUEUE = '__pgboss__send-it';

export const SCHEDULER_QUEUES: readonly { name: string; policy: 'standard' | 'short' | 'singleton' }[] = [
  { name: DEADLINE_SWEEP_QUEUE, policy: 'singleton' },
  { name: WEBHOOK_DISPATCH_QUEUE, policy: 'short' },
  { name: PGBOSS_SEND_IT_QUEUE, policy: 'standard' },
];
