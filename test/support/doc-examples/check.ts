import type { DocExample } from './extract';

/**
 * What the test refuses before running anything (decision 0059): a JSON example without a tag, a
 * response that does not follow a runnable shell example, a JSON example that does not parse, and
 * a curl call whose HTTP error would go unnoticed (curl exits 0 on a 4xx unless told to fail).
 */
export function exampleProblems(examples: DocExample[]): string[] {
  const problems: string[] = [];
  for (const [index, example] of examples.entries()) {
    const where = `${example.file}:${example.line}`;
    if (example.tag?.kind === 'no-run') continue;
    if (example.language === 'json') {
      if (!example.tag) problems.push(`${where}: a JSON example needs a tag above its fence: <!-- example: response -->, <!-- example: file <name> --> or <!-- example: no-run — reason -->`);
      else if (!parses(example.code)) problems.push(`${where}: the JSON example does not parse`);
      if (example.tag?.kind === 'response' && !isRunnableShell(examples[index - 1])) problems.push(`${where}: a response must come right after the shell example whose answer it shows`);
      continue;
    }
    const answerShown = examples[index + 1]?.tag?.kind === 'response';
    if (!answerShown) problems.push(...uncheckedCurlCalls(example).map((line) => `${example.file}:${example.line + line}: curl without --fail-with-body (or -f) and no response example after it: an error answer would go unnoticed`));
  }
  return problems;
}

export function isRunnableShell(example: DocExample | undefined): example is DocExample {
  return example?.language === 'shell' && example.tag?.kind !== 'no-run';
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const FAIL_FLAG = /^(--fail|--fail-with-body|-[a-zA-Z]*f[a-zA-Z]*)$/;

/** Lines (1-based within the example) of curl commands without a fail flag. */
function uncheckedCurlCalls(example: DocExample): number[] {
  const lines = example.code.split('\n');
  const found: number[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    let command = lines[index];
    const first = index;
    while (command.trimEnd().endsWith('\\') && index + 1 < lines.length) command = `${command.trimEnd().slice(0, -1)} ${lines[++index]}`;
    const code = command.replace(/(^|\s)#.*$/, '');
    const calls = code.split(/\bcurl\s/).slice(1);
    if (calls.some((call) => !call.split(/[\s|;)]+/).some((word) => FAIL_FLAG.test(word)))) found.push(first + 1);
  }
  return found;
}
