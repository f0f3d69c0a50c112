const Ajv = require('ajv').default;
const standaloneCode = require('ajv/dist/standalone').default;

/**
 * Webpack loader for src/core/schema/schema-validators.ts: instead of compiling the schemas in the browser,
 * which needs `new Function` and so 'unsafe-eval' in the Content-Security-Policy, the module becomes the
 * validators ajv generates here, at build time, from the same schemas and options (src/core/schema/schema-list.ts).
 * The output is an ES module whose `schemaValidators` has the shape of the Node module's; the TypeScript
 * rule after this loader lowers it to ES5 with the rest.
 */
module.exports = function schemaValidatorsLoader() {
  const done = this.async();
  this.importModule('./schema-list').then(({ SCHEMAS, SCHEMA_OPTIONS }) => done(null, precompile(SCHEMAS, SCHEMA_OPTIONS)), done);
};

/** ES module source exporting `schemaValidators`: name → validator generated for that schema. */
function precompile(schemas, options) {
  // es5: the IE11 webview of Office 2016/2019; esm: so webpack's tree shaking and the ES5 lowering see ordinary imports and exports.
  const ajv = new Ajv({ ...options, code: { source: true, es5: true, esm: true } });
  const refs = {};
  for (const name of Object.keys(schemas)) {
    if (!/^[A-Za-z]\w*$/.test(name)) throw new Error(`schema-validators-loader: «${name}» is not a JavaScript name`);
    ajv.addSchema(schemas[name], name);
    refs[name] = schemas[name].$id || name;
  }
  const entries = Object.keys(refs).map((name) => `${name}: ${name}`).join(', ');
  return `${standaloneCode(ajv, refs)}\nexport var schemaValidators = { ${entries} };\n`;
}

module.exports.precompile = precompile;
