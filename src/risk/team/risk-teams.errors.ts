import { NotFoundError, UnprocessableError } from '../../platform/errors/domain-error';

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
