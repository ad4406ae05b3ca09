import { CcrUsageError } from '../errors';
import { currentInstrument, findInstrument } from './definitions';
import {
  type DangerWeightTable,
  INSTRUMENT_IDS,
  type InstrumentDefinition,
  SCREEN_ANSWERS,
  type ScreenAnswer,
  type ScreenInput,
  type ScreenReason,
  type ScreenResult,
} from './instrument-types';

/** LAP: "yes" to any of questions 1–3 screens in; so do 4 or more "yes" among questions 4–11. */
export const LAP_ANY_OF_FIRST = 3;
export const LAP_LATER_YES_NEEDED = 4;
/** DASH: 14 or more ticks is visible high risk; 10–13 medium; below that standard. */
export const DASH_HIGH_RISK_TICKS = 14;
export const DASH_MEDIUM_TICKS = 10;
/** DASH potential escalation: 3 or more police-reported incidents in 12 months. */
export const ESCALATION_INCIDENTS = 3;

/**
 * Scores a screen exactly as its instrument's rule says. Pure: the same input gives the same
 * result anywhere (browser, CLI, a reader re-checking a sealed screen). Refuses (CcrUsageError)
 * an unknown instrument or version, a wrong number of answers, or a malformed weight table.
 */
export function scoreScreen(input: ScreenInput): ScreenResult {
  const definition = definitionOf(input);
  const answers = checkedAnswers(input.answers, definition);
  const yesCount = countYes(answers);
  switch (definition.id) {
    case 'lap':
      return { ...lap(answers, input.officerBelief === true), instrument: 'lap', version: definition.version, yesCount };
    case 'dash':
      return { ...dash(yesCount, input), instrument: 'dash', version: definition.version, yesCount };
    case 'danger_assessment':
      return { ...dangerAssessment(answers, input.weightTable), instrument: 'danger_assessment', version: definition.version, yesCount };
  }
}

function definitionOf(input: ScreenInput): InstrumentDefinition {
  if (!(INSTRUMENT_IDS as readonly string[]).includes(input.instrument)) throw new CcrUsageError(`unknown instrument ${String(input.instrument)} (one of ${INSTRUMENT_IDS.join(', ')})`);
  if (input.version === undefined) return currentInstrument(input.instrument);
  const found = findInstrument(input.instrument, input.version);
  if (!found) throw new CcrUsageError(`no version ${String(input.version)} of instrument ${input.instrument}`);
  return found;
}

function checkedAnswers(answers: unknown, definition: InstrumentDefinition): readonly ScreenAnswer[] {
  const list: readonly unknown[] = Array.isArray(answers) ? (answers as readonly unknown[]) : [];
  if (list.length !== definition.questions.length) {
    throw new CcrUsageError(`${definition.id} version ${definition.version} has ${definition.questions.length} questions: give one answer for each`);
  }
  list.forEach((answer, index) => {
    if (typeof answer !== 'string' || !(SCREEN_ANSWERS as readonly string[]).includes(answer)) throw new CcrUsageError(`answer ${index + 1} must be one of ${SCREEN_ANSWERS.join(', ')}`);
  });
  return list as readonly ScreenAnswer[];
}

function countYes(answers: readonly ScreenAnswer[]): number {
  return answers.filter((answer) => answer === 'yes').length;
}

type Scored = Omit<ScreenResult, 'instrument' | 'version' | 'yesCount'>;

function lap(answers: readonly ScreenAnswer[], officerBelief: boolean): Scored {
  const protocol = countYes(answers.slice(0, LAP_ANY_OF_FIRST)) > 0 || countYes(answers.slice(LAP_ANY_OF_FIRST)) >= LAP_LATER_YES_NEEDED;
  const reasons: ScreenReason[] = [...(protocol ? ['lap_protocol' as const] : []), ...(officerBelief ? ['lap_officer_belief' as const] : [])];
  const band = protocol ? 'screened_in_protocol' : officerBelief ? 'screened_in_officer_belief' : 'not_screened_in';
  return { band, reasons, highRisk: reasons.length > 0 };
}

function dash(yesCount: number, judgement: ScreenInput): Scored {
  const incidents = judgement.policeIncidentsIn12Months ?? 0;
  if (!Number.isInteger(incidents) || incidents < 0) throw new CcrUsageError('policeIncidentsIn12Months must be a whole number, 0 or more');
  const reasons: ScreenReason[] = [];
  if (yesCount >= DASH_HIGH_RISK_TICKS) reasons.push('dash_visible_high_risk');
  if (judgement.professionalJudgement === true) reasons.push('professional_judgement');
  if (incidents >= ESCALATION_INCIDENTS) reasons.push('potential_escalation');
  const band = yesCount >= DASH_HIGH_RISK_TICKS ? 'high' : yesCount >= DASH_MEDIUM_TICKS ? 'medium' : 'standard';
  return { band, reasons, highRisk: reasons.length > 0 };
}

function dangerAssessment(answers: readonly ScreenAnswer[], table: DangerWeightTable | undefined): Scored {
  if (table === undefined) return { band: 'unweighted', reasons: [], highRisk: false };
  checkTable(table, answers.length);
  const weightedScore = answers.reduce((sum, answer, index) => (answer === 'yes' ? sum + (table.weights[index + 1] ?? 1) : sum), 0);
  const level = table.levels.filter((each) => each.minScore <= weightedScore).at(-1);
  if (level === undefined) throw new CcrUsageError('the weight table has no level for this score');
  const reasons: ScreenReason[] = level.highRisk ? ['da_weighted_level'] : [];
  return { band: level.level, weightedScore, weightTable: { id: table.id, version: table.version }, reasons, highRisk: level.highRisk };
}

/** A table must rank higher scores at least as high: weights never negative, levels ascending from 0. */
function checkTable(table: DangerWeightTable, items: number): void {
  for (const [item, weight] of Object.entries(table.weights)) {
    const number = Number(item);
    if (!Number.isInteger(number) || number < 1 || number > items) throw new CcrUsageError(`weight table ${table.id}: no item ${item}`);
    if (!Number.isFinite(weight) || weight < 0) throw new CcrUsageError(`weight table ${table.id}: the weight of item ${item} must be 0 or more`);
  }
  const levels = table.levels;
  if (levels.length === 0 || levels[0].minScore !== 0) throw new CcrUsageError(`weight table ${table.id}: the first level must start at 0`);
  levels.forEach((level, index) => {
    const previous = levels[index - 1];
    if (previous === undefined) return;
    if (!(level.minScore > previous.minScore)) throw new CcrUsageError(`weight table ${table.id}: levels must be in ascending order of minScore`);
    if (previous.highRisk && !level.highRisk) throw new CcrUsageError(`weight table ${table.id}: a level above a high-risk level must be high risk too`);
  });
}

/** The order of a result's band within its instrument (higher is more severe); for comparing two screens. */
export function bandRank(result: ScreenResult, table?: DangerWeightTable): number {
  switch (result.instrument) {
    case 'lap':
      return result.band === 'not_screened_in' ? 0 : 1;
    case 'dash':
      return ['standard', 'medium', 'high'].indexOf(result.band);
    case 'danger_assessment':
      return table === undefined ? 0 : table.levels.findIndex((each) => each.level === result.band);
  }
}
