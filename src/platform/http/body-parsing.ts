import { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import express from 'express';
import { isUtf8 } from 'node:buffer';
import { UnacceptableInputError } from '../errors/domain-error';
import { BodyTooDeepError, MalformedBodyError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors/http-errors';
import { type FieldProblem } from '../errors/problem-details';
import { findUnacceptableEncodedPairs, findUnacceptableInput, MAX_JSON_DEPTH, nestsDeeperThan } from './input-safety';

const JSON_TYPES = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;

/** Paths where RFC 6749 requires application/x-www-form-urlencoded bodies. */
export const FORM_ENCODED_PATHS: readonly string[] = ['/oauth/token'];

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Rejects bodies that are not JSON with 415 before any parser runs. Form encoding is accepted
 * only where a standard requires it (the OAuth token endpoint).
 */
export function requireSupportedContentType(request: Request, _response: Response, next: NextFunction): void {
  if (!hasBody(request)) return next();
  const contentType = request.headers['content-type'] ?? '';
  if (JSON_TYPES.test(contentType)) return next();
  if (FORM_ENCODED_PATHS.includes(request.path) && FORM_TYPE.test(contentType)) return next();
  next(new UnsupportedMediaTypeError(`Send the body as application/json${FORM_ENCODED_PATHS.includes(request.path) ? ' or application/x-www-form-urlencoded' : ''}.`));
}

/** Thrown from body-parser's `verify` hook (which runs before parsing); body-parser keeps `type`. */
class RefusedBody extends Error {
  constructor(
    readonly type: 'entity.too.deep' | 'entity.unacceptable' | 'entity.not.utf8' | 'charset.unsupported',
    readonly problems: FieldProblem[] = [],
  ) {
    super(type);
  }
}

/** body-parser errors carry a `type`; they become typed errors with fixed wording. */
function translateParserError(error: unknown, limitBytes: number): unknown {
  switch ((error as { type?: unknown } | null)?.type) {
    case 'entity.too.deep':
      return new BodyTooDeepError(MAX_JSON_DEPTH);
    case 'entity.unacceptable':
      return new UnacceptableInputError((error as RefusedBody).problems);
    case 'entity.not.utf8':
      return new MalformedBodyError('The request body is not valid UTF-8.');
    case 'entity.parse.failed':
      return new MalformedBodyError('The request body is not well-formed.');
    case 'entity.too.large':
      return new PayloadTooLargeError(`The request body exceeds the limit of ${limitBytes} bytes.`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new UnsupportedMediaTypeError('Send the body as UTF-8 without content encoding.');
    case 'request.aborted':
    case 'request.size.invalid':
      return new MalformedBodyError('The request body was not received completely.');
    default:
      return error;
  }
}

function withTranslatedErrors(parser: RequestHandler, limitBytes: number): RequestHandler {
  return (request, response, next) =>
    parser(request, response, (error?: unknown) => (error ? next(translateParserError(error, limitBytes)) : next()));
}

/**
 * Before JSON.parse: UTF-8 only (RFC 8259 §8.1; the depth scan reads bytes), and no deeper than
 * MAX_JSON_DEPTH, so nothing downstream (validation, class-transformer) can overflow the stack.
 */
function checkJsonText(_request: unknown, _response: unknown, body: Buffer, encoding: string): void {
  if (encoding.toLowerCase() !== 'utf-8') throw new RefusedBody('charset.unsupported');
  // The decoder would turn bytes that are not UTF-8 into U+FFFD and hand the handler other text than was sent.
  if (!isUtf8(body)) throw new RefusedBody('entity.not.utf8');
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) throw new RefusedBody('entity.too.deep');
}

/** Form fields are checked raw: the form parser silently drops a `__proto__` field. */
function checkFormText(_request: unknown, _response: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw new RefusedBody('entity.not.utf8');
  const problems = findUnacceptableEncodedPairs(body.toString('utf8'));
  if (problems.length > 0) throw new RefusedBody('entity.unacceptable', problems);
}

export function jsonBodyParser(limitBytes: number): RequestHandler {
  return withTranslatedErrors(express.json({ limit: limitBytes, type: ['application/json', 'application/*+json'], verify: checkJsonText }), limitBytes);
}

export function formBodyParser(limitBytes: number): RequestHandler {
  const parser = withTranslatedErrors(express.urlencoded({ limit: limitBytes, extended: false, verify: checkFormText }), limitBytes);
  return (request, response, next) => (FORM_ENCODED_PATHS.includes(request.path) ? parser(request, response, next) : next());
}

/**
 * After parsing, for every route: no string in the query or the body may hold NUL (PostgreSQL
 * refuses it) or an unpaired surrogate (no UTF-8 encoding exists for it), and no member may be
 * named `__proto__`, `constructor` or `prototype` — 422 naming each field, before any handler.
 */
export function refuseUnacceptableInput(request: Request, _response: Response, next: NextFunction): void {
  const url = request.originalUrl ?? request.url;
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  const problems = [...findUnacceptableEncodedPairs(query), ...findUnacceptableInput(request.body as unknown)];
  next(problems.length > 0 ? new UnacceptableInputError(problems) : undefined);
}
