import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type ClassType = abstract new (...args: never[]) => unknown;
interface SchemaNaming {
  getSchemaMetadata: (this: unknown, type: ClassType) => { schemaName: string };
}

/** Two different classes would be published under one schema name: one of them would be documented wrongly. */
export class DuplicateSchemaNameError extends Error {
  constructor(readonly names: string[]) {
    super(
      `Two or more different classes share the schema name ${names.map((name) => `"${name}"`).join(', ')} in the OpenAPI document: ` +
        'rename one of them (@nestjs/swagger would silently document one class with the other\'s schema).',
    );
    this.name = 'DuplicateSchemaNameError';
  }
}

/**
 * @nestjs/swagger names each schema after its class and, when two classes share a name, documents
 * one with the other's schema (a warning at most, none when the second is only referenced). This
 * watches every class that the schema factory names while `build` runs and throws if two different
 * classes got the same name. It hooks the factory's own naming method — the one place every class
 * passes through — and refuses to run if a new @nestjs/swagger moved it, so the check cannot vanish.
 */
export function withUniqueSchemaNames<T>(build: () => T): T {
  const naming = schemaNamingPrototype();
  const original = naming.getSchemaMetadata;
  const classByName = new Map<string, ClassType>();
  const clashes = new Set<string>();
  naming.getSchemaMetadata = function (this: unknown, type: ClassType) {
    const metadata = original.call(this, type);
    const first = classByName.get(metadata.schemaName);
    if (first === undefined) classByName.set(metadata.schemaName, type);
    else if (first !== type) clashes.add(metadata.schemaName);
    return metadata;
  };
  try {
    const result = build();
    if (clashes.size > 0) throw new DuplicateSchemaNameError([...clashes].sort());
    return result;
  } finally {
    naming.getSchemaMetadata = original;
  }
}

function schemaNamingPrototype(): SchemaNaming {
  const load = createRequire(__filename);
  const root = dirname(load.resolve('@nestjs/swagger/package.json'));
  const factory = (load(join(root, 'dist/services/schema-object-factory.js')) as { SchemaObjectFactory?: { prototype: Partial<SchemaNaming> } }).SchemaObjectFactory;
  const prototype = factory?.prototype;
  if (typeof prototype?.getSchemaMetadata !== 'function') {
    throw new Error('@nestjs/swagger no longer has SchemaObjectFactory.getSchemaMetadata: update src/openapi/unique-schema-names.ts');
  }
  return prototype as SchemaNaming;
}
