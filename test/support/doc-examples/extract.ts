/**
 * Finds the shell and JSON examples of a Markdown document (decision 0059): every fenced block whose
 * language is sh, bash, shell or json, with the tag written in an HTML comment on the line just
 * above its opening fence. Other blocks (ts, mermaid, untyped formats) are not examples.
 */

export type ExampleLanguage = 'shell' | 'json';

export type ExampleTag =
  /** Not run, with the reason a reader can check. */
  | { kind: 'no-run'; reason: string }
  /** JSON: the answer of the shell block just above, compared by shape and fixed values. */
  | { kind: 'response' }
  /** JSON: a file the reader saves under this name, for the command that follows. */
  | { kind: 'file'; name: string };

export interface DocExample {
  /** The document, relative to the repository (as in messages). */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  language: ExampleLanguage;
  code: string;
  tag?: ExampleTag;
}

export interface ExtractedDocument {
  examples: DocExample[];
  /** Tags that are malformed or misplaced, as `file:line: why`. */
  problems: string[];
}

const LANGUAGES: Record<string, ExampleLanguage> = { sh: 'shell', bash: 'shell', shell: 'shell', json: 'json' };
const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/;
const TAG = /^\s*<!--\s*example:\s*(.*?)\s*-->\s*$/;
// "no-run — reason", "no-run - reason" or "no-run: reason"
const NO_RUN = /^no-run(?:\s*(?:—|–|-|:)\s*(.*))?$/;
const FILE_NAME = /^[\w.-]+$/;

export function extractExamples(file: string, markdown: string): ExtractedDocument {
  const lines = markdown.split('\n');
  const examples: DocExample[] = [];
  const problems: string[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const opening = FENCE.exec(lines[index]);
    if (!opening) {
      if (TAG.test(lines[index]) && !FENCE.test(lines[index + 1] ?? '')) problems.push(`${file}:${index + 1}: an example tag must be on the line just above a fence`);
      continue;
    }
    const [, indent, fence, info] = opening;
    const end = closingLine(lines, index + 1, fence);
    const language = LANGUAGES[info.toLowerCase()];
    if (language) {
      const code = lines
        .slice(index + 1, end)
        .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()))
        .join('\n');
      const example: DocExample = { file, line: index + 1, language, code };
      const tagLine = TAG.exec(lines[index - 1] ?? '');
      if (tagLine) {
        const tag = parseTag(tagLine[1], language);
        if (typeof tag === 'string') problems.push(`${file}:${index}: ${tag}`);
        else example.tag = tag;
      }
      examples.push(example);
    }
    index = end;
  }
  return { examples, problems };
}

function closingLine(lines: string[], from: number, fence: string): number {
  for (let index = from; index < lines.length; index += 1) {
    if (lines[index].trim().startsWith(fence) && lines[index].trim().replace(/[`~]/g, '') === '') return index;
  }
  return lines.length;
}

/** The tag, or why it is refused. */
export function parseTag(text: string, language: ExampleLanguage): ExampleTag | string {
  const noRun = NO_RUN.exec(text);
  if (noRun) {
    const reason = (noRun[1] ?? '').trim();
    return reason.length > 0 ? { kind: 'no-run', reason } : 'a no-run tag needs a reason: <!-- example: no-run — why it cannot run -->';
  }
  if (language === 'json' && text === 'response') return { kind: 'response' };
  const file = /^file\s+(\S+)$/.exec(text);
  if (language === 'json' && file) return FILE_NAME.test(file[1]) ? { kind: 'file', name: file[1] } : `the file name "${file[1]}" must be a plain name (letters, digits, . _ -)`;
  return `unknown example tag "${text}" (no-run — reason; on JSON also: response, file <name>)`;
}
