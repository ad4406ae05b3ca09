import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';
/** Caller-supplied ids are accepted only in a safe shape, so they cannot inject into logs. */
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes the caller's X-Request-Id when well-formed, or generates one; echoes it on the response. */
export function assignRequestId(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && ACCEPTABLE_REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

export function requestIdOf(request: IncomingMessage): string {
  const id = (request as IncomingMessage & { id?: unknown }).id;
  return typeof id === 'string' ? id : 'unassigned';
}
