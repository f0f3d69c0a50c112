/**
 * Webpack loader: drops the `u` flag from regular-expression literals of dependencies whose patterns
 * are plain ASCII (fast-uri, used by ajv), because the IE11 webview cannot parse /…/u at all. Refuses
 * a pattern that needs the flag (\u{…}, \p{…} other than ASCII) rather than change its meaning.
 */
module.exports = function es5RegExpLoader(source) {
  return source.replace(/(^|[=(,:!&|?;{}[\s])\/((?:[^/\\\n[]|\\.|\[(?:[^\]\\\n]|\\.)*\])+)\/([a-z]*)/g, (match, before, body, flags) => {
    if (flags.indexOf('u') < 0) return match;
    // \P{ASCII} outside a class is «one non-ASCII character»: the same test without the flag.
    body = body.replace(/\\P\{ASCII\}/g, '[^\\x00-\\x7F]').replace(/\\p\{ASCII\}/g, '[\\x00-\\x7F]');
    if (/\\u\{|\\[pP]\{/.test(body)) throw new Error(`es5-regexp-loader: /${body}/${flags} needs the u flag (${this.resourcePath})`);
    return `${before}/${body}/${flags.replace('u', '')}`;
  });
};

/**
 * Post-loader after TypeScript's ES5 output of ajv's code generator: TypeScript lowers `super.names`
 * inside a getter to `_super.prototype.names`, which runs the parent's getter on the prototype instead
 * of the instance. This calls the parent getter on `this`, as ES2015 does.
 */
module.exports.superGetterLoader = function superGetterLoader(source) {
  if (source.indexOf('_super.prototype.names') < 0) return source;
  const helper =
    'function __okSuperGet(proto, name, self) { var d; while (proto && !(d = Object.getOwnPropertyDescriptor(proto, name))) proto = Object.getPrototypeOf(proto); return d ? (d.get ? d.get.call(self) : d.value) : undefined; }\n';
  return helper + source.replace(/_super\.prototype\.names\b(?!\s*\()/g, '__okSuperGet(_super.prototype, "names", this)');
};
