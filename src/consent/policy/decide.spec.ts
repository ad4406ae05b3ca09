import { DENY_REASONS, PERMIT_REASONS } from './decision-reasons';
import { decide } from './decide';
import { agencyCases } from './testing/cases.agencies';
import { consentCases } from './testing/cases.consents';
import { denyProvisionCases } from './testing/cases.deny-provisions';
import { internalCases } from './testing/cases.internal';
import { mandateCases } from './testing/cases.mandates';
import { precedenceCases } from './testing/cases.precedence';
import { regimeCases } from './testing/cases.regime';
import { shareBackCases } from './testing/cases.share-back';
import { timeCases } from './testing/cases.time';
import { runCase, type DecideCase } from './testing/decide-case';
import { ADVOCACY, AGENCIES, NOW, POLICE, consent, request } from './testing/policy-fixtures';

const TABLES: ReadonlyArray<readonly [string, readonly DecideCase[]]> = [
  ['rule 1: agencies', agencyCases],
  ['rule 2: internal access', internalCases],
  ['rule 3: regime rules', regimeCases],
  ['rule 4: deny provisions', denyProvisionCases],
  ['rule 5: consents', consentCases],
  ['rules 5-6: validity windows', timeCases],
  ['rule 5: share-back direction', shareBackCases],
  ['rule 6: mandates', mandateCases],
  ['rule 7: most informative denial', precedenceCases],
];
const ALL_ROWS = TABLES.flatMap(([, rows]) => rows);

describe.each(TABLES)('decide, %s', (_rule, rows) => {
  it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    expect(runCase(row)).toEqual(row.expected);
  });
});

describe('decide, table exhaustiveness', () => {
  const produced = new Set(ALL_ROWS.map((row) => runCase(row).reason));

  it('every deny reason is produced by at least one table row', () => {
    expect(DENY_REASONS.filter((reason) => !produced.has(reason))).toEqual([]);
  });

  it('every permit reason is produced by at least one table row', () => {
    expect(PERMIT_REASONS.filter((reason) => !produced.has(reason))).toEqual([]);
  });

  it('row names are unique, so a failing row is identifiable', () => {
    const names = ALL_ROWS.map((row) => row.name);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });
});

describe('decide, agency directory forms', () => {
  const lookup = (id: string) => AGENCIES.find((agency) => agency.id === id);

  it('accepts a lookup function as well as a map', () => {
    expect(decide(request(), [consent()], [], lookup, NOW)).toEqual({
      decision: 'permit',
      reason: 'survivor_consent',
      basis: { kind: 'consent', consentId: 'consent-1', consentVersion: 1 },
    });
  });

  it('treats an entry filed under the wrong id as unknown (fails closed)', () => {
    const misfiled = new Map(AGENCIES.map((agency) => [agency.id, agency]));
    misfiled.set(POLICE, { id: ADVOCACY, regime: 'none', status: 'active' });
    expect(decide(request(), [consent()], [], misfiled, NOW)).toEqual({ decision: 'deny', reason: 'unknown_recipient' });
  });
});
