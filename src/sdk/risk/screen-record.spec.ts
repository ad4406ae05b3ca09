import { checkScreen, NotAScreen, screenBody, ScreenResultMismatch } from './screen-record';
import { scoreScreen } from './scoring';
import type { ScreenAnswer, ScreenInput } from './instrument-types';

const NOTE = '0196f6a0-0000-7000-8000-000000000001';
const lapInput: ScreenInput = { instrument: 'lap', answers: ['no', 'no', 'yes', ...Array<ScreenAnswer>(8).fill('no')] };

describe('a sealed screen body', () => {
  const body = screenBody(lapInput, scoreScreen(lapInput), { spokeWithHotline: true, screenedAt: new Date('2026-12-05T20:00:00.000Z') });

  it('names the instrument version, keeps the answers and the result, and survives a JSON round trip', () => {
    expect(body).toMatchObject({ format: 'ccrx.risk-screen', formatVersion: 1, instrument: 'lap', instrumentVersion: 1, spokeWithHotline: true, result: { band: 'screened_in_protocol' } });
    expect(checkScreen(NOTE, JSON.parse(JSON.stringify(body)))).toEqual(body);
  });

  it('is refused when its result does not follow from its answers', () => {
    const forged = { ...body, result: { ...body.result, band: 'not_screened_in', highRisk: false, reasons: [] } };
    expect(() => checkScreen(NOTE, forged)).toThrow(ScreenResultMismatch);
    expect(() => checkScreen(NOTE, { ...body, answers: body.answers.map(() => 'no') })).toThrow(ScreenResultMismatch);
  });

  it('is refused when its answers cannot be scored under the version it names', () => {
    expect(() => checkScreen(NOTE, { ...body, instrumentVersion: 7 })).toThrow(ScreenResultMismatch);
  });

  it.each([null, 'text', { format: 'something-else' }, { ...body, formatVersion: 2 }])('is not a screen: %j', (value) => {
    expect(() => checkScreen(NOTE, value)).toThrow(NotAScreen);
  });
});
