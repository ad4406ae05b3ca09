/**
 * Node's `util.inspect.custom`, which is the registered global symbol below: objects holding
 * secrets hide them from util.inspect and console.log through it, without importing node:util,
 * so the browser build stays free of Node built-ins.
 */
export const INSPECT_CUSTOM: unique symbol = Symbol.for('nodejs.util.inspect.custom');
