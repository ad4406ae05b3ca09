import { UnprocessableError } from '../platform/errors/domain-error';

export class InvalidCursorError extends UnprocessableError {
  constructor() {
    super([{ field: 'after', messages: ['after must be a cursor returned by this endpoint'] }], 'The cursor is not valid.');
  }
}
