/** See es5-regexp-loader.js: the loader for ajv's `super.names` getters after TypeScript's ES5 output. */
module.exports = require('./es5-regexp-loader').superGetterLoader;
