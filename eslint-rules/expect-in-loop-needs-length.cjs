// A test that asserts inside a loop over data it got at run time passes with zero assertions when
// that data is empty. This rule reports an `expect(...)` inside a loop (for…of, for…in, while,
// forEach/map/every/some/flatMap/filter/reduce callbacks) unless the loop cannot be empty:
//  - it iterates an array literal with elements, or is a do…while, or a counted `for` with a
//    literal bound (`for (let i = 0; i < 3; …)`);
//  - or the function around the loop asserts on what it iterates: `expect(rows)…`,
//    `expect(rows.length)…`, `expect(rows.size)…`, `expect(rows.map(…))…` (typically
//    `.toHaveLength(n)`, `.toBeGreaterThan(0)` or `.toEqual([…])`), before or after the loop;
//    for a counted `for (…; i < n; …)`, on `n`.
// Assign a computed iterable (`routes.filter(…)`, `await list()`) to a name and assert its length.

const ITERATING_METHODS = new Set(['forEach', 'map', 'every', 'some', 'flatMap', 'filter', 'reduce']);

function isFunction(node) {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

function isExpectCall(node) {
  return node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'expect';
}

/** The loop around `node` (within its function) and the expression it iterates, if any. */
function enclosingLoop(node) {
  let child = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (current.type === 'ForOfStatement' || current.type === 'ForInStatement') {
      if (child === current.body) return { loop: current, iterated: current.right };
    } else if (current.type === 'WhileStatement' && child === current.body) {
      return { loop: current, iterated: null };
    } else if (current.type === 'DoWhileStatement' && child === current.body) {
      return { loop: current, iterated: null, runsOnce: true };
    } else if (current.type === 'ForStatement' && child === current.body) {
      return { loop: current, iterated: countedBound(current), runsOnce: hasLiteralBound(current) };
    } else if (isFunction(current)) {
      const call = current.parent;
      const method = call?.type === 'CallExpression' && call.arguments[0] === current && call.callee.type === 'MemberExpression' ? call.callee : null;
      if (method && !method.computed && ITERATING_METHODS.has(method.property.name)) return { loop: call, iterated: method.object };
      return null;
    }
  }
  return null;
}

/** `n` in `for (let i = 0; i < n; …)` (or `<=`): asserting on `n` guards the loop like a length. */
function countedBound(loop) {
  const test = loop.test;
  return test && test.type === 'BinaryExpression' && ['<', '<='].includes(test.operator) && test.right.type !== 'Literal' ? test.right : null;
}

/** `for (let i = a; i < b; …)` or `<=` with number literals that give at least one pass. */
function hasLiteralBound(loop) {
  const test = loop.test;
  const start = loop.init?.type === 'VariableDeclaration' ? loop.init.declarations[0]?.init : null;
  if (!test || test.type !== 'BinaryExpression' || start?.type !== 'Literal' || test.right.type !== 'Literal') return false;
  if (typeof start.value !== 'number' || typeof test.right.value !== 'number') return false;
  return test.operator === '<' ? start.value < test.right.value : test.operator === '<=' ? start.value <= test.right.value : false;
}

function unwrap(node) {
  return node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression' ? unwrap(node.expression) : node;
}

/** An array literal with elements, Object.entries/keys/values of an object literal with properties, or a const holding one. */
function isNonEmptyLiteral(node, sourceCode) {
  const unwrapped = unwrap(node);
  if (unwrapped.type === 'ArrayExpression') return unwrapped.elements.length > 0;
  if (unwrapped.type === 'CallExpression' && unwrapped.arguments[0]?.type === 'ObjectExpression') return unwrapped.arguments[0].properties.length > 0;
  if (unwrapped.type === 'CallExpression' && unwrapped.callee.type === 'MemberExpression' && ['entries', 'keys', 'values'].includes(unwrapped.callee.property.name) && unwrapped.arguments.length === 0) {
    return isNonEmptyLiteral(unwrapped.callee.object, sourceCode);
  }
  if (unwrapped.type === 'Identifier') {
    const definition = resolve(unwrapped, sourceCode)?.defs[0];
    const declarator = definition?.node;
    return Boolean(declarator?.type === 'VariableDeclarator' && declarator.parent.kind === 'const' && declarator.init && isNonEmptyLiteral(declarator.init, sourceCode));
  }
  return false;
}

function resolve(identifier, sourceCode) {
  for (let scope = sourceCode.getScope(identifier); scope; scope = scope.upper) {
    const variable = scope.set.get(identifier.name);
    if (variable) return variable;
  }
  return null;
}

/** The text an assertion about the iterated data would name: `rows` for `rows`, `rows.entries()`, `await rows`. */
function dataText(text) {
  return text.replace(/^await/, '').replace(/\.(entries|keys|values)\(\)$/, '');
}

function functionAround(node) {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return null;
}

/** Every `expect(x)` call's first argument text, anywhere inside `root`. */
function assertedTexts(root, sourceCode) {
  const texts = new Set();
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if (isExpectCall(node) && node.arguments[0]) texts.add(sourceCode.getText(node.arguments[0]).replace(/\s+/g, ''));
    for (const key of Object.keys(node)) {
      if (key === 'parent') continue;
      const value = node[key];
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value.type === 'string') visit(value);
    }
  };
  visit(root);
  return texts;
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'An expect() inside a loop over run-time data needs a check that the data is not empty.' },
    messages: {
      unguarded:
        'expect() inside a loop over {{iterated}}: if it is empty the test asserts nothing. Assert its length first (expect({{iterated}}).toHaveLength(n) or .length > 0), or collect the outcomes and assert them after the loop.',
    },
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      CallExpression(node) {
        if (!isExpectCall(node)) return;
        const found = enclosingLoop(node);
        if (!found || found.runsOnce) return;
        if (found.iterated && isNonEmptyLiteral(found.iterated, sourceCode)) return;
        const iteratedText = found.iterated ? sourceCode.getText(found.iterated).replace(/\s+/g, '') : null;
        const scope = functionAround(found.loop);
        if (iteratedText && scope) {
          const asserted = assertedTexts(scope.body, sourceCode);
          const bare = dataText(iteratedText);
          if ([bare, `${bare}.length`, `${bare}.size`].some((text) => asserted.has(text))) return;
          if ([...asserted].some((text) => text.startsWith(`${bare}.map(`))) return;
        }
        context.report({ node, messageId: 'unguarded', data: { iterated: iteratedText ?? 'a while/for condition' } });
      },
    };
  },
};
