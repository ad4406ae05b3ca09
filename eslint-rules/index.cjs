// Project-local ESLint rules (no package: they guard this repository's tests only).
module.exports = { rules: { 'expect-in-loop-needs-length': require('./expect-in-loop-needs-length.cjs') } };
