import paramsSchema from '../../../rules/schema/params.schema.json';
import recommendationsSchema from '../../../rules/schema/recommendations.schema.json';
import ruleCasesSchema from '../../../rules/schema/rule-cases.schema.json';
import ruleSetSchema from '../../../rules/schema/rule-set.schema.json';
import templateSchema from '../../../rules/schema/template.schema.json';
import unitSchema from '../../../rules/schema/unit.schema.json';
import indicatorsSchema from '../../../rules/schema/indicators.schema.json';
import systemSchema from '../../../rules/schema/system.schema.json';
import targetsSchema from '../../../rules/schema/targets.schema.json';

/**
 * The JSON Schemas of rules/schema by validator name, and the one set of ajv options they are compiled
 * with: at load in Node (schema-validators.ts) and at build time for the browser
 * (src/addin/build/schema-validators-loader.js), so both give the same errors.
 */
export const SCHEMAS = {
  template: templateSchema,
  ruleSet: ruleSetSchema,
  params: paramsSchema,
  ruleCases: ruleCasesSchema,
  recommendations: recommendationsSchema,
  unit: unitSchema,
  indicators: indicatorsSchema,
  system: systemSchema,
  targets: targetsSchema,
};

export type SchemaName = keyof typeof SCHEMAS;

// Without `u` the patterns compile to `new RegExp(p, "")`: the IE11 webview rejects the flag, and our patterns are ASCII, where it changes nothing.
export const SCHEMA_OPTIONS = { allErrors: true, strict: false, unicodeRegExp: false };
