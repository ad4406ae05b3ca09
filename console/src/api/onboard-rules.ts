import type { ConfidentialityRegime } from '../../../src/sdk/browser';
import { AGENCY_KINDS, CONFIDENTIALITY_REGIMES } from '../../../src/sdk/browser-plain';

/**
 * Onboarding an agency from the console (decision 0156): the administrator's new-agency form, and
 * when a person is offered to make their agency's first keys. The kinds and regimes are the server's
 * own lists, which the SDK exports, so the form cannot offer one the server refuses.
 */
export interface AgencyForm {
  name: string;
  kind: string;
  regime: string;
}

export type AgencyFormProblem = 'name' | 'kind' | 'regime' | null;

/** CreateAgencyDto's rules, checked first so the form says what is wrong: 2–200 characters on one line, a kind and a regime of the lists. */
export function agencyFormProblem(form: AgencyForm): AgencyFormProblem {
  const name = form.name.trim();
  if (name.length < 2 || name.length > 200 || /[\r\n]/.test(name)) return 'name';
  if (!(AGENCY_KINDS as readonly string[]).includes(form.kind)) return 'kind';
  if (!(CONFIDENTIALITY_REGIMES as readonly string[]).includes(form.regime)) return 'regime';
  return null;
}

/**
 * The regime an agency of this kind is usually bound by, offered when the kind is chosen (the
 * administrator may change it): victim services under VAWA/FVPSA/VOCA, health under HIPAA, schools
 * under FERPA, the criminal-justice agencies under theirs; the rest are left to choose.
 */
export function usualRegime(kind: string): ConfidentialityRegime | '' {
  switch (kind) {
    case 'advocacy':
    case 'culturally_specific':
      return 'vawa_fvpsa_voca';
    case 'health':
      return 'hipaa';
    case 'school':
      return 'ferpa';
    case 'law_enforcement':
    case 'prosecution':
    case 'court':
    case 'probation':
      return 'criminal_justice';
    default:
      return '';
  }
}

/**
 * What My keys offers about the agency's keys: a member unlocks them; a person with keys whose
 * agency has no epoch yet makes its first keys (they become its first member); otherwise they wait
 * for a member to add them. Nothing to offer before the person has keys, or while they are locked.
 */
export function agencyKeysOffer(state: { hasKeys: boolean; keysOpen: boolean; isMember: boolean; agencyEpoch: number | null | undefined }): 'member' | 'make-first' | 'unlock-first' | 'wait' | 'none' {
  if (!state.hasKeys) return 'none';
  if (state.isMember) return 'member';
  if (state.agencyEpoch === undefined) return 'none';
  if (state.agencyEpoch !== null) return 'wait';
  return state.keysOpen ? 'make-first' : 'unlock-first';
}
