import { PassThrough } from 'node:stream';
import { INFORMED_CONSENT_ITEMS } from '../../consent/consent.vocabulary';
import { linePrompter } from '../line-prompt';
import { draftProblems, REQUIRED_TERMS } from './consent.draft';
import { askForMissingTerms } from './consent.questions';

/** The prompt streams of a terminal, injected: the test types the answers, the questions are collected. */
function terminal(answers: string[]) {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
  input.end(answers.map((answer) => `${answer}\n`).join(''));
  return { prompter: linePrompter(input, output), shown: () => shown };
}

const AGENCY = '9f1d0000-0000-4000-8000-000000000001';

describe('askForMissingTerms: the interactive consent record', () => {
  it('asks for each missing term with the choices and their meaning, re-asks after a wrong answer, and completes the terms', async () => {
    const { prompter, shown } = terminal([
      'not-an-id',
      AGENCY,
      '2,1', // actions by number: receive_notes, receive_referral
      'risk,safety_plan', // categories by name
      'advocacy_services',
      '2027-02-30', // no such day: asked again
      '2027-02-28',
      '1',
      'es',
      'n',
      ...INFORMED_CONSENT_ITEMS.map(() => 'y'),
    ]);
    const draft = await askForMissingTerms({}, REQUIRED_TERMS, prompter);
    prompter.close();
    expect(draft).toEqual({
      recipientAgencyId: AGENCY,
      actions: ['receive_notes', 'receive_referral'],
      categories: ['risk', 'safety_plan'],
      purpose: 'advocacy_services',
      validUntil: '2027-02-28',
      captureMode: 'written_signature',
      language: 'es',
      interpreter: { used: false },
      informedConsent: [...INFORMED_CONSENT_ITEMS],
    });
    expect(draftProblems(draft, REQUIRED_TERMS)).toEqual([]);
    expect(shown()).toContain('receive_notes: the agency may read case notes of the listed categories');
    expect(shown()).toContain('services do not depend on signing (not_a_condition_of_service) [y/n]');
    expect(shown().match(/That is not one of the answers/g)).toHaveLength(2);
  });

  it('asks only for what the flags left out, and the checklist items not given', async () => {
    const given = { recipientAgencyId: AGENCY, actions: ['receive_referral'], purpose: 'housing', validUntil: '2027-01-31', captureMode: 'verbal', language: 'en', interpreter: { used: false } };
    const { prompter, shown } = terminal(['y', 'n']);
    const draft = await askForMissingTerms({ ...given, informedConsent: INFORMED_CONSENT_ITEMS.slice(0, 4) }, REQUIRED_TERMS, prompter);
    prompter.close();
    expect(draft.informedConsent).toEqual([...INFORMED_CONSENT_ITEMS.slice(0, 5)]);
    expect(shown()).not.toContain('What may that agency do?');
    expect(draftProblems(draft, REQUIRED_TERMS)).toEqual([{ flag: '--informed', message: expect.stringContaining('missing: limits_of_confidentiality_explained') }]);
  });

  it('cancels when the input ends before every question is answered', async () => {
    const { prompter } = terminal([AGENCY]);
    await expect(askForMissingTerms({}, REQUIRED_TERMS, prompter)).rejects.toThrow('cancelled');
    prompter.close();
  });

  it('asks about the interpreter when one took part', async () => {
    const given = { recipientAgencyId: AGENCY, actions: ['receive_referral'], purpose: 'housing', validUntil: '2027-01-31', captureMode: 'verbal', language: 'es', informedConsent: [...INFORMED_CONSENT_ITEMS] };
    const { prompter } = terminal(['yes', 'y', 'professional', 'y']);
    const draft = await askForMissingTerms(given, REQUIRED_TERMS, prompter);
    prompter.close();
    expect(draft.interpreter).toEqual({ used: true, qualified: true, affiliation: 'professional', notFamilyOrPersonCausingHarm: true });
  });
});
