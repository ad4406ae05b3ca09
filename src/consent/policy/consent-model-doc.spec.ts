import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASIS_FAILURE_PRECEDENCE, DENY_REASONS, PERMIT_REASONS } from './decision-reasons';

/** docs/consent-model.md is what advocates and auditors read: it must not drift from the code. */
const doc = readFileSync(join(__dirname, '../../../docs/consent-model.md'), 'utf8');

function section(heading: string): string {
  const start = doc.indexOf(heading);
  const end = doc.indexOf('\n## ', start + heading.length);
  return doc.slice(start, end === -1 ? undefined : end);
}

describe('docs/consent-model.md', () => {
  it('lists every reason code in its reason table', () => {
    const table = section('## 5. Reason codes');
    const missing = [...PERMIT_REASONS, ...DENY_REASONS].filter((code) => !table.includes(`| \`${code}\` |`));
    expect(missing).toEqual([]);
  });

  it('states the denial precedence in the order the code applies it', () => {
    const precedence = section('## 4. Most informative denial');
    const positions = BASIS_FAILURE_PRECEDENCE.map((code) => precedence.indexOf(`\`${code}\``));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});
