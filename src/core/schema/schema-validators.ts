import Ajv from 'ajv';
import type { SchemaValidator } from './schema-check';
import { SCHEMA_OPTIONS, SCHEMAS, type SchemaName } from './schema-list';

/*
 * Node compiles the validators here, at load. The browser bundles never run this module: webpack
 * replaces it with the same validators generated at build time (src/addin/build/schema-validators-loader.js),
 * because compiling at run time needs `new Function`, which the pages' Content-Security-Policy forbids.
 */
const ajv = new Ajv(SCHEMA_OPTIONS);

export const schemaValidators = {} as Record<SchemaName, SchemaValidator>;
for (const name of Object.keys(SCHEMAS) as SchemaName[]) schemaValidators[name] = ajv.compile(SCHEMAS[name]);
