// The console (console/src) runs in browsers and must never pull server code into its bundle.
// Every import that leaves console/ must land on one of the allowed browser-safe entries:
// the SDK's browser entry, src/crypto, and (for the verify worker only) the offline log verifier
// (decision 0104). Bare package imports are left to the bundler (Vite refuses Node built-ins).
// Outside console/src/workers (the page's own script), the SDK's browser entry and src/crypto
// give types only: values come from the plain entry, which never reaches libsodium or OPAQUE, so
// their WebAssembly is downloaded once, in the key worker's script (decision 0159).
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const CONSOLE = path.join(ROOT, 'console');
const EVERYWHERE = ['src/sdk/browser-plain', 'src/sdk/browser', 'src/crypto', 'src/crypto/index'];
const TYPES_ONLY_IN_PAGE = ['src/sdk/browser', 'src/crypto', 'src/crypto/index'];
const VERIFY_WORKER_ONLY = ['src/ledger/verifier', 'src/ledger/verifier/index'];

function inWorkersFolder(filename) {
  return path.relative(CONSOLE, filename).startsWith(path.join('src', 'workers') + path.sep);
}

/** `import type {…}`, `import { type A, type B }`, and their export forms: erased, nothing bundled. */
function typesOnly(node) {
  if (node.type === 'ImportExpression' || node.type === 'ExportAllDeclaration') return node.exportKind === 'type';
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specifiers = node.specifiers || [];
  return specifiers.length > 0 && specifiers.every((each) => each.importKind === 'type' || each.exportKind === 'type');
}

function allowedFor(filename) {
  const relative = path.relative(CONSOLE, filename);
  return relative.startsWith(path.join('src', 'workers', 'verify')) ? [...EVERYWHERE, ...VERIFY_WORKER_ONLY] : EVERYWHERE;
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'console code imports only the SDK browser entry and src/crypto from outside console/' },
    schema: [],
    messages: {
      outside: 'The console may import only {{allowed}} from outside console/ (got "{{source}}"): server modules never reach the browser.',
      pageValues:
        'The page imports only types from "{{source}}": keys and cryptography run in the key worker (console/src/workers); take values from src/sdk/browser-plain (decision 0159).',
    },
  },
  create(context) {
    const filename = context.filename ?? context.getFilename();
    const check = (node) => {
      const source = node.source && node.source.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.resolve(path.dirname(filename), source);
      if (target.startsWith(CONSOLE + path.sep)) return;
      const fromRoot = path.relative(ROOT, target).replace(/\.(ts|tsx|js)$/, '').split(path.sep).join('/');
      const allowed = allowedFor(filename);
      if (!allowed.includes(fromRoot)) context.report({ node, messageId: 'outside', data: { allowed: allowed.join(', '), source } });
      else if (TYPES_ONLY_IN_PAGE.includes(fromRoot) && !inWorkersFolder(filename) && !typesOnly(node)) context.report({ node, messageId: 'pageValues', data: { source } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};
