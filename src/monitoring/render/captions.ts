/** Plain-language captions of the figures (docs/monitoring.md §2), for the printed reports. */
export const FIGURE_CAPTIONS: Record<string, { title: string; caption: string }> = {
  referrals: {
    title: 'How referrals were answered',
    caption: 'Referrals sent in the period, by the kinds of the sending and receiving agencies, and how each was answered by the time of the report: accepted, turned down (by reason), cancelled (by reason), expired without any answer, or still waiting — past its deadline or not.',
  },
  referral_times: {
    title: 'Time to each step',
    caption: 'Minutes from the referral to the receiving agency first acting on it, to acceptance, and to first contact with the survivor: the median (half were faster) and the 90th percentile (nine in ten were faster).',
  },
  handoffs: {
    title: 'Handoffs in time, per working agreement',
    caption: 'Each step a signed working agreement times, and whether it was done in time, late, missed, ended before it was due, or is not yet due. Rows name the agreement, its version and the two agencies.',
  },
  handoff_times: {
    title: 'Time to each agreed step',
    caption: 'Minutes from the referral to each step an agreement times, for the referrals that reached it.',
  },
  releases: { title: 'Releases of information', caption: 'Releases the survivor signed, changed, revoked, and those that ran out, by the kind of agency that recorded them.' },
  refusals: { title: 'Refused requests', caption: 'Requests for information the service refused, by reason, by the kind of agency that asked.' },
  mandates: {
    title: 'Court orders and statutes',
    caption: 'Disclosures compelled by a court order or a statute: registered, used, and whether the survivor was told (or telling her was delayed or withheld).',
  },
  high_risk: { title: 'High-risk flags', caption: 'Cases flagged as high risk (by how they came to be) and flags cleared, by the kind of agency that holds the case.' },
  team_referrals: {
    title: 'Cases referred to the high-risk team',
    caption: 'Cases referred to the high-risk team in the period, by the kind of agency that referred them, and whether the team took the case on, closed it without taking it on, or has not yet decided.',
  },
  team_repeats: {
    title: 'Repeat referrals to the high-risk team',
    caption: 'Of the cases referred to the high-risk team, those referred again within 12 months of their last referral.',
  },
  team_actions: {
    title: 'High-risk team actions done in time',
    caption: 'Actions agencies took at high-risk team meetings, in the period they were due: done by the due date, done late, not done, or still open (past due or not yet due), by the kind of agency that took them.',
  },
};

export function captionOf(figure: string): { title: string; caption: string } {
  return FIGURE_CAPTIONS[figure] ?? { title: figure, caption: '' };
}
