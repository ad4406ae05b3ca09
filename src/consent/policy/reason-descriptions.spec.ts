import { DENY_REASONS, PERMIT_REASONS } from './decision-reasons';
import { DENY_REASON_DESCRIPTIONS, PERMIT_REASON_DESCRIPTIONS } from './reason-descriptions';

const described = { ...PERMIT_REASON_DESCRIPTIONS, ...DENY_REASON_DESCRIPTIONS } as Record<string, string>;
const codes: readonly string[] = [...PERMIT_REASONS, ...DENY_REASONS];

describe('reason descriptions', () => {
  it('describe exactly the reason codes, no more and no fewer', () => {
    expect(Object.keys(described).sort()).toEqual([...codes].sort());
  });

  it('give every code its own sentence (two reasons never read the same)', () => {
    const texts = codes.map((code) => described[code]);
    expect(new Set(texts).size).toBe(codes.length);
  });

  it.each(DENY_REASONS.map((code) => [code]))('%s reads as a refusal, in plain words', (code) => {
    expect(DENY_REASON_DESCRIPTIONS[code]).toMatch(/^Not shared: .{10,}\.$/);
    expect(DENY_REASON_DESCRIPTIONS[code]).not.toMatch(/_/);
  });

  it.each(PERMIT_REASONS.map((code) => [code]))('%s says why it was allowed, in plain words', (code) => {
    expect(PERMIT_REASON_DESCRIPTIONS[code]).toMatch(/^[A-Z].{20,}\.$/);
    expect(PERMIT_REASON_DESCRIPTIONS[code]).not.toMatch(/_|Not shared/);
  });

  it('reason codes are unique, snake_case identifiers (they are stored in the disclosure log)', () => {
    expect(new Set(codes).size).toBe(codes.length);
    codes.forEach((code) => expect(code).toMatch(/^[a-z]+(_[a-z0-9]+)*$/));
  });
});
