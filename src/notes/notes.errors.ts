import { ConflictError, NotFoundError, UnprocessableError } from '../platform/errors/domain-error';

export class NoteNotFoundError extends NotFoundError {
  constructor() {
    super('note');
  }
}

export class NoteAlreadyExistsError extends ConflictError {
  constructor() {
    super('note-exists', 'A note with this id already exists.');
  }
}

export class NoteVersionConflictError extends ConflictError {
  constructor(currentRecordId: string) {
    super('note-version-conflict', 'The new version must supersede the current one: re-read the note and amend that.', { currentRecordId });
  }
}

/** Privileged counselling communications never leave the agency that wrote them (N-1). */
export class PrivilegedNeverSharedError extends UnprocessableError {
  constructor() {
    super([{ field: 'content.wraps', messages: ['a privileged_counseling note is wrapped for your own agency only'] }], 'Privileged counselling notes are never shared.');
  }
}

export class ShareNotAllowedError extends UnprocessableError {
  constructor(message: string) {
    super([{ field: 'share', messages: [message] }], message);
  }
}

export class AlreadyRecipientError extends ConflictError {
  constructor() {
    super('already-recipient', 'That agency is already a recipient of this record; to give it the record again, amend the note (a new version).');
  }
}
