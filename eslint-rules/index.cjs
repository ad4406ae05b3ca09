// Project-local ESLint rules (no package: they guard this repository's tests and the console's imports).
module.exports = {
  rules: {
    'expect-in-loop-needs-length': require('./expect-in-loop-needs-length.cjs'),
    'console-imports': require('./console-imports.cjs'),
  },
};
