import { type TeamVote } from './team.vocabulary';

/** A member agency's part in a decision: its vote, or `absent`. Recorded per agency. */
export interface AgencyVote {
  agencyId: string;
  vote: TeamVote | 'absent';
}

export interface TeamDecision {
  /** Carried: more than half of the member agencies present voted for. */
  carried: boolean;
  present: number;
  for: number;
  against: number;
  abstain: number;
  /** Every member agency, in the team's order: what it voted, or absent. */
  perAgency: AgencyVote[];
}

/** A vote the rule cannot count: from an agency that is not a member, not present, or twice. */
export class VoteNotCountable extends Error {
  constructor(
    readonly agencyId: string,
    readonly why: 'not_a_member' | 'not_present' | 'voted_twice',
  ) {
    super(`agency ${agencyId} cannot vote here (${why})`);
  }
}

/**
 * Decides a motion (accept a case, close it) by majority of the partner agencies present (DVHRT):
 * carried when the agencies voting for are more than half of the member agencies present. An
 * abstaining agency is present and does not vote for, so it counts against carrying; an absent
 * agency counts for nothing. A present agency that cast no vote abstains. With no agency present
 * nothing is carried. Pure: the service records `perAgency` as the minutes of the vote.
 */
export function decideByMajority(members: readonly string[], present: readonly string[], votes: readonly { agencyId: string; vote: TeamVote }[]): TeamDecision {
  const memberSet = new Set(members);
  const presentSet = new Set(present);
  for (const agencyId of presentSet) if (!memberSet.has(agencyId)) throw new VoteNotCountable(agencyId, 'not_a_member');
  const cast = new Map<string, TeamVote>();
  for (const { agencyId, vote } of votes) {
    if (!memberSet.has(agencyId)) throw new VoteNotCountable(agencyId, 'not_a_member');
    if (!presentSet.has(agencyId)) throw new VoteNotCountable(agencyId, 'not_present');
    if (cast.has(agencyId)) throw new VoteNotCountable(agencyId, 'voted_twice');
    cast.set(agencyId, vote);
  }
  const perAgency: AgencyVote[] = [...memberSet].map((agencyId) => ({ agencyId, vote: presentSet.has(agencyId) ? (cast.get(agencyId) ?? 'abstain') : 'absent' }));
  const count = (vote: TeamVote) => perAgency.filter((each) => each.vote === vote).length;
  const tally = { present: presentSet.size, for: count('for'), against: count('against'), abstain: count('abstain') };
  return { carried: tally.for * 2 > tally.present, ...tally, perAgency };
}
