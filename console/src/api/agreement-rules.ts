import { type Agreement, type AgreementVersion } from '../../../src/sdk/browser';

/** Where an agreement stands for this agency: what it most needs to know first. */
export type AgreementStanding = 'awaiting_you' | 'awaiting_others' | 'in_force' | 'ended';

/** One timed step of a handoff, as the screen lists it (no rule left for the component). */
export interface StepRow {
  from: { agencyId: string | null; agencyKind: string | null };
  to: { agencyId: string | null; agencyKind: string | null };
  purpose: string;
  priority: string;
  step: string;
  withinMinutes: number;
}

/** The version that matters now: the newest proposal still being signed, else the one in force, else the newest. */
export function currentVersion(agreement: Agreement): AgreementVersion {
  const byNewest = [...agreement.versions].sort((a, b) => b.version - a.version);
  return byNewest.find((version) => version.status === 'proposed') ?? byNewest.find((version) => version.status === 'in_force') ?? byNewest[0];
}

/** Awaiting this agency's signature comes first: it is the one thing the agency must do. */
export function standing(agreement: Agreement, agencyId: string): AgreementStanding {
  const version = currentVersion(agreement);
  if (version.status === 'proposed') return version.awaiting.includes(agencyId) ? 'awaiting_you' : 'awaiting_others';
  return version.status === 'in_force' ? 'in_force' : 'ended';
}

const ORDER: Record<AgreementStanding, number> = { awaiting_you: 0, awaiting_others: 1, in_force: 2, ended: 3 };

/** Those awaiting this agency first, then those awaiting others, those in force, and the ended ones. */
export function sortAgreements(agreements: readonly Agreement[], agencyId: string): Agreement[] {
  return [...agreements].sort((a, b) => ORDER[standing(a, agencyId)] - ORDER[standing(b, agencyId)] || currentVersion(b).proposedAt.localeCompare(currentVersion(a).proposedAt));
}

/** Every timed step of every handoff of a version, in the handoff's order. */
export function stepRows(version: AgreementVersion): StepRow[] {
  return version.terms.handoffs.flatMap((handoff) =>
    handoff.steps.map((step) => ({ from: handoff.from, to: handoff.to, purpose: handoff.purpose, priority: handoff.priority, step: step.step, withinMinutes: step.withinMinutes })),
  );
}

/** Business minutes as hours and minutes ("1 h", "4 h 30 min", "45 min"); the calendar says which hours count. */
export function businessTime(minutes: number): { hours: number; minutes: number } {
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}
