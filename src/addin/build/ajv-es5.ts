import RealAjv, { type Options } from 'ajv/dist/ajv';

/**
 * ajv as the browser bundles see it (webpack aliases `ajv` here): the same class, but the validators it
 * generates at run time are ES5, which the IE11 webview of Office 2016/2019 can run. The core's
 * schema checks stay as they are.
 */
export default class Ajv extends RealAjv {
  constructor(options: Options = {}) {
    super({ ...options, code: { ...options.code, es5: true } });
  }
}
export * from 'ajv/dist/ajv';
