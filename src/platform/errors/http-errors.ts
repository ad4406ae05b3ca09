import { DomainError } from './domain-error';

/** The body is not valid JSON (or form data where a form is expected). */
export class MalformedBodyError extends DomainError {
  readonly status = 400;
  readonly slug = 'malformed-body';
  readonly title = 'Malformed body';
}

export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
  readonly slug = 'payload-too-large';
  readonly title = 'Payload too large';
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly status = 415;
  readonly slug = 'unsupported-media-type';
  readonly title = 'Unsupported media type';
}

/** The body nests deeper than any route accepts: refused before it is parsed (decision 0047). */
export class BodyTooDeepError extends DomainError {
  readonly status = 400;
  readonly slug = 'body-too-deep';
  readonly title = 'Body nested too deeply';

  constructor(maxDepth: number) {
    super(`The request body nests arrays or objects deeper than ${maxDepth} levels.`, { maxDepth });
  }
}
