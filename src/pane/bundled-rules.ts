import type { RuleBundle } from './rule-bundle';

/**
 * The bundled rules folder (rules/templates, units, indicators, systems, sets, params, recommendations, targets), put into the pane's
 * bundle by webpack's require.context at build time: the pane loads nothing over the network.
 */
interface JsonContext {
  keys(): string[];
  (key: string): unknown;
}
interface WebpackRequire {
  context(dir: string, deep: boolean, filter: RegExp): JsonContext;
}

function entries(context: JsonContext, sub: string): { file: string; json: unknown }[] {
  return context
    .keys()
    .sort()
    .map((key) => ({ file: `${sub}/${key.replace(/^\.\//, '')}`, json: context(key) }));
}

export function bundledRules(): RuleBundle {
  const webpackRequire = require as unknown as WebpackRequire;
  return {
    templates: entries(webpackRequire.context('../../rules/templates', false, /\.json$/), 'templates'),
    units: entries(webpackRequire.context('../../rules/units', false, /\.json$/), 'units'),
    indicators: entries(webpackRequire.context('../../rules/indicators', false, /\.json$/), 'indicators'),
    systems: entries(webpackRequire.context('../../rules/systems', false, /\.json$/), 'systems'),
    sets: entries(webpackRequire.context('../../rules/sets', false, /\.json$/), 'sets'),
    params: entries(webpackRequire.context('../../rules/params', false, /\.json$/), 'params'),
    recommendations: entries(webpackRequire.context('../../rules/recommendations', false, /\.json$/), 'recommendations'),
    targets: entries(webpackRequire.context('../../rules/targets', false, /\.json$/), 'targets'),
  };
}
