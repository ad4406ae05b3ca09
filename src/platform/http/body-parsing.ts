import { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import express from 'express';
import { MalformedBodyError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors/http-errors';

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

/** body-parser errors carry a `type`; they become typed errors with fixed wording. */
function translateParserError(error: unknown, limitBytes: number): unknown {
  switch ((error as { type?: unknown } | null)?.type) {
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

export function jsonBodyParser(limitBytes: number): RequestHandler {
  return withTranslatedErrors(express.json({ limit: limitBytes, type: ['application/json', 'application/*+json'] }), limitBytes);
}

export function formBodyParser(limitBytes: number): RequestHandler {
  const parser = withTranslatedErrors(express.urlencoded({ limit: limitBytes, extended: false }), limitBytes);
  return (request, response, next) => (FORM_ENCODED_PATHS.includes(request.path) ? parser(request, response, next) : next());
}
