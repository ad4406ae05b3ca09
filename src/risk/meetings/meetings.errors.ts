import { ForbiddenError, NotFoundError, UnprocessableError } from '../../platform/errors/domain-error';

/** A meeting of a team the caller's agency is not a member of answers like a missing one. */
export class MeetingNotFoundError extends NotFoundError {
  constructor() {
    super('team meeting');
  }
}

/** A meeting note the caller may not open (not attending, basis ended) answers like a missing one. */
export class MeetingNoteNotFoundError extends NotFoundError {
  constructor() {
    super('meeting note');
  }
}

export class ActionNotFoundError extends NotFoundError {
  constructor() {
    super('action item');
  }
}

/** Only an attending agency contributes to, or takes an action at, a meeting. */
export class NotAttendingError extends ForbiddenError {
  constructor() {
    super('Your agency did not attend this meeting.');
  }
}

/**
 * A sealed meeting note wrapped for an agency the team may not give it to: not attending, or
 * refused by decide() or the team's written-consent rule. Logged, then refused; nothing is stored.
 */
export class MeetingShareRefusedError extends UnprocessableError {
  constructor(
    readonly recipientAgencyId: string,
    readonly reason: string,
  ) {
    super([{ field: 'content', messages: [`the wrap for agency ${recipientAgencyId} is refused (${reason})`] }], `The wrap for agency ${recipientAgencyId} is refused (${reason}): nothing was stored.`);
  }
}
