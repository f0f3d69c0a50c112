/**
 * Webpack loader: drops the `u` flag from regular-expression literals of dependencies whose patterns
 * are plain ASCII (jsonpath-plus), because the IE11 webview cannot parse /…/u at all. Refuses
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

