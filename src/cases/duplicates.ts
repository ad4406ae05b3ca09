import { sqlStateOf, UNIQUE_VIOLATION } from '../database/database-errors';
import { type DomainError } from '../platform/errors/domain-error';

/**
 * Runs `work` (a whole transaction) and turns a unique violation into the caller's conflict: the
 * loser of a race between two requests with the same client-chosen id gets the same 409 as a
 * request that came second.
 */
export async function onDuplicate<T>(work: () => Promise<T>, conflict: () => DomainError): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (sqlStateOf(error) === UNIQUE_VIOLATION) throw conflict();
    throw error;
  }
}
