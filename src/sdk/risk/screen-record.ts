import { CcrError } from '../errors';
import type { DangerWeightTable, InstrumentId, ScreenAnswer, ScreenInput, ScreenResult } from './instrument-types';
import { scoreScreen } from './scoring';

/** The sealed body of a screen (a `risk` note): the answers as asked, the instrument version, the result. */
export interface SealedScreenV1 {
  format: 'ccrx.risk-screen';
  formatVersion: 1;
  instrument: InstrumentId;
  instrumentVersion: number;
  answers: ScreenAnswer[];
  officerBelief?: boolean;
  professionalJudgement?: boolean;
  policeIncidentsIn12Months?: number;
  /** The whole table, so that any reader can score the screen again exactly. */
  weightTable?: DangerWeightTable;
  /** LAP: whether the victim spoke with the hotline advocate (the victim's own choice). */
  spokeWithHotline?: boolean;
  screenedAt: string;
  result: ScreenResult;
}

/** A sealed screen whose stored result is not what its own answers score to (a faulty or forged client). */
export class ScreenResultMismatch extends CcrError {
  constructor(readonly noteId: string) {
    super(`screen ${noteId}: the sealed result does not follow from its sealed answers under the instrument's rule; do not rely on it`);
  }
}

/** A `risk` note that is not a screen this SDK understands. */
export class NotAScreen extends CcrError {
  constructor(readonly noteId: string) {
    super(`note ${noteId} is not a risk screen (or one in a format this SDK does not know)`);
  }
}

export function screenBody(input: ScreenInput, result: ScreenResult, extra: { spokeWithHotline?: boolean; screenedAt: Date }): SealedScreenV1 {
  return {
    format: 'ccrx.risk-screen',
    formatVersion: 1,
    instrument: result.instrument,
    instrumentVersion: result.version,
    answers: [...input.answers],
    ...(input.officerBelief === undefined ? {} : { officerBelief: input.officerBelief }),
    ...(input.professionalJudgement === undefined ? {} : { professionalJudgement: input.professionalJudgement }),
    ...(input.policeIncidentsIn12Months === undefined ? {} : { policeIncidentsIn12Months: input.policeIncidentsIn12Months }),
    ...(input.weightTable === undefined ? {} : { weightTable: input.weightTable }),
    ...(extra.spokeWithHotline === undefined ? {} : { spokeWithHotline: extra.spokeWithHotline }),
    screenedAt: extra.screenedAt.toISOString(),
    result,
  };
}

/**
 * Checks an opened screen: the format, and that its result is exactly what its answers score to
 * now under the named instrument version (the rule of a registered version never changes).
 */
export function checkScreen(noteId: string, body: unknown): SealedScreenV1 {
  if (!isScreen(body)) throw new NotAScreen(noteId);
  let rescored: ScreenResult;
  try {
    rescored = scoreScreen({ ...body, version: body.instrumentVersion });
  } catch {
    throw new ScreenResultMismatch(noteId);
  }
  if (canonical(rescored) !== canonical(body.result)) throw new ScreenResultMismatch(noteId);
  return body;
}

function isScreen(body: unknown): body is SealedScreenV1 {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Partial<SealedScreenV1>;
  return (
    candidate.format === 'ccrx.risk-screen' &&
    candidate.formatVersion === 1 &&
    Array.isArray(candidate.answers) &&
    typeof candidate.instrumentVersion === 'number' &&
    typeof candidate.screenedAt === 'string' &&
    typeof candidate.result === 'object' &&
    candidate.result !== null
  );
}

/** Key-order-independent comparison of two results. */
function canonical(result: ScreenResult): string {
  return JSON.stringify(Object.fromEntries(Object.entries(result).sort(([a], [b]) => a.localeCompare(b))));
}
