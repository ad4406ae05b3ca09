import { ConflictError, NotFoundError, UnprocessableError } from '../platform/errors/domain-error';

export class AgencyNotFoundError extends NotFoundError {
  constructor() {
    super('agency');
  }
}

export class AgencyNameTakenError extends ConflictError {
  constructor() {
    super('agency-name-taken', 'An agency with that name already exists.');
  }
}

export class CoordinatingBodyCannotBeSuspendedError extends UnprocessableError {
  constructor() {
    super([{ field: 'status', messages: ['the coordinating body cannot be suspended'] }], 'The coordinating body cannot be suspended.');
  }
}
