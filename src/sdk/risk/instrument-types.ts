/**
 * Risk screens as versioned instruments (decision 0096). A definition is data: its id, its version
 * and every question's exact wording. Wording is never edited: a change is a new version, and a
 * recorded screen names the version it was asked from, so it can always be scored and shown as it
 * was asked. Scoring is pure and runs in the agency's own client; the server never sees an answer
 * or a result.
 */

/** How a question was answered. `unknown`: not asked, declined, or "don't know" (never counts as yes). */
export const SCREEN_ANSWERS = ['yes', 'no', 'unknown'] as const;
export type ScreenAnswer = (typeof SCREEN_ANSWERS)[number];

export const INSTRUMENT_IDS = ['lap', 'dash', 'danger_assessment'] as const;
export type InstrumentId = (typeof INSTRUMENT_IDS)[number];

export interface ScreenQuestion {
  /** 1-based, as on the form. */
  number: number;
  text: string;
}

export interface InstrumentDefinition {
  id: InstrumentId;
  /** This project's registration of the form: a new wording or rule is a new version, never an edit. */
  version: number;
  title: string;
  /** Where the wording comes from, and any condition of use the owner attaches to it. */
  source: string;
  /** `verbatim`: the form's own words; `topics`: a short topic per item, the licensed form gives the words. */
  wording: 'verbatim' | 'topics';
  questions: readonly ScreenQuestion[];
}

/** A configured weighting of the Danger Assessment (its owner licenses it to certified assessors). */
export interface DangerWeightTable {
  id: string;
  version: number;
  /** Points per item number (1–20); an item not listed counts 1. Never negative. */
  weights: Readonly<Record<number, number>>;
  /** Ascending by `minScore`, the first at 0: the level is the last one whose minScore the score reaches. */
  levels: readonly { minScore: number; level: string; highRisk: boolean }[];
}

/** The screener's own judgement and the history the instrument's rule takes apart from the answers. */
export interface ScreenJudgement {
  /** LAP: the officer believes the victim is in danger, whatever the answers. */
  officerBelief?: boolean;
  /** DASH: the practitioner judges the case high risk on professional judgement. */
  professionalJudgement?: boolean;
  /** DASH: potential escalation, 3 or more police-reported incidents in 12 months. */
  policeIncidentsIn12Months?: number;
}

export interface ScreenInput extends ScreenJudgement {
  instrument: InstrumentId;
  /** Default: the current version of the instrument. */
  version?: number;
  /** One answer per question, in question order. */
  answers: readonly ScreenAnswer[];
  /** Danger Assessment only: a weighting table; without it only the raw count is given. */
  weightTable?: DangerWeightTable;
}

/** Why a screen counts as high risk (MARAC referral reasons; LAP's two ways in). */
export const SCREEN_REASONS = ['lap_protocol', 'lap_officer_belief', 'dash_visible_high_risk', 'professional_judgement', 'potential_escalation', 'da_weighted_level'] as const;
export type ScreenReason = (typeof SCREEN_REASONS)[number];

export interface ScreenResult {
  instrument: InstrumentId;
  version: number;
  /**
   * LAP: `screened_in_protocol` | `screened_in_officer_belief` | `not_screened_in`.
   * DASH: `high` (14+ yes) | `medium` (10–13) | `standard` (0–9): the count's band only.
   * Danger Assessment: the table's level, or `unweighted` when no table was supplied.
   */
  band: string;
  /** Questions answered yes (Danger Assessment: the raw count). */
  yesCount: number;
  /** Danger Assessment with a table: the weighted score. */
  weightedScore?: number;
  weightTable?: { id: string; version: number };
  /** Every reason this screen counts as high risk; empty when it does not. */
  reasons: ScreenReason[];
  highRisk: boolean;
}
