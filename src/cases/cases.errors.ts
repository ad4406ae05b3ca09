import { ConflictError, NotFoundError, UnprocessableError } from '../platform/errors/domain-error';

export class CaseNotFoundError extends NotFoundError {
  constructor() {
    super('case');
  }
}

/** The case has no profile yet: answered like any other missing object. */
export class ProfileNotFoundError extends NotFoundError {
  constructor() {
    super('profile');
  }
}

/** Case ids are chosen by the client (the sealed profile names its case), so a repeat is a conflict. */
export class CaseAlreadyExistsError extends ConflictError {
  constructor() {
    super('case-exists', 'A case with this id already exists.');
  }
}

/**
 * The new profile does not supersede the current one: someone replaced it since the caller read
 * it. Re-read the profile, merge, and seal again with `supersedes` = the current profile id.
 */
export class ProfileVersionConflictError extends ConflictError {
  constructor(currentProfileRecordId: string | null) {
    super(
      'profile-version-conflict',
      'The sealed profile must supersede the current profile of the case; it was replaced since you read it.',
      { currentProfileRecordId },
    );
  }
}

export class CaseIdRequiredError extends UnprocessableError {
  constructor() {
    super([{ field: 'caseId', messages: ['caseId is required when a profile is sent: the sealed profile names its case'] }]);
  }
}

