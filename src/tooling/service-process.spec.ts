import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_NODE_FLAGS, REPO_ROOT } from './service-process';

/** The API runs with the same node flags however it is started (decision 0035). */
describe('API node flags', () => {
  const startScript = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start;
  const dockerCommand = /^CMD (\[.*\])$/m.exec(readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8'))?.[1];

  it('npm start passes every one of them to node, which replaces the shell so npm signals it directly', () => {
    expect(startScript).toBe(`exec node ${API_NODE_FLAGS.join(' ')} dist/src/main.js`);
  });

  it('the image runs node with every one of them', () => {
    expect(dockerCommand && (JSON.parse(dockerCommand) as string[])).toEqual(['node', ...API_NODE_FLAGS, 'dist/src/main.js']);
  });
});
