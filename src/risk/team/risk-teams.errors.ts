import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../../platform/errors/domain-error';

/** A team the caller's agency is not a member of answers exactly like a missing one. */
export class RiskTeamNotFoundError extends NotFoundError {
  constructor() {
    super('risk team');
  }
}

/** A member named is not an active member agency (unknown, suspended, or the coordinating body). */
export class RiskTeamMemberNotEligibleError extends UnprocessableError {
  constructor(agencyId: string) {
    super([{ field: 'memberAgencyIds', messages: [`agency ${agencyId} is not an active member agency`] }], 'A member agency named is not an active member agency.');
  }
}

/** A referral the caller's agency may not see (not covered, not a member) answers like a missing one. */
export class TeamReferralNotFoundError extends NotFoundError {
  constructor() {
    super('team referral');
  }
}

/** A field of a team request that the team's rules refuse (a repeat that is not one, an uncountable vote). */
export class TeamRequestRefusedError extends UnprocessableError {
  constructor(field: string, message: string) {
    super([{ field, messages: [message] }], message);
  }
}

/**
 * decide() lets no member agency but the custodian receive the case, or not the chair, who runs the
 * team's work on it: nothing is referred. Each refused member is a logged denial.
 */
export class TeamReferralNotCoveredError extends UnprocessableError {
  constructor(
    readonly refused: readonly { agencyId: string; reason: string }[],
    chairRefused: boolean,
  ) {
    const message = chairRefused ? "no release or mandate of this case lets the team's chair agency receive it" : 'no release or mandate of this case lets any member agency receive it';
    super([{ field: 'caseId', messages: [message] }], `${message}: nothing was referred.`);
  }
}

/** Only the chair agency records the team's decisions and convenes its meetings. */
export class NotTheChairError extends ForbiddenError {
  constructor() {
    super("Only the team's chair agency does this.");
  }
}

/** The motion does not fit where the referral stands (accept a closed case, close it twice). */
export class TeamMotionConflictError extends ConflictError {
  constructor(status: string, motion: string) {
    super('team-referral-state', `A referral that is ${status} cannot be decided on with the motion ${motion}.`, { referralStatus: status });
  }
}
