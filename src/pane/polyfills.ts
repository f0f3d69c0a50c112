/**
 * What the IE11 webview of Office 2016/2019 lacks and the pane, the page and the worker use:
 * the ES2015+ built-ins core-js mends, without its web platform parts (URL, structured clone,
 * timers, iterator helpers), which nothing here needs and which were a third of the bundle.
 */
import 'core-js/stable/array';
import 'core-js/stable/array-buffer';
import 'core-js/stable/data-view';
import 'core-js/stable/date';
import 'core-js/stable/dom-collections';
import 'core-js/stable/error';
import 'core-js/stable/function';
import 'core-js/stable/global-this';
import 'core-js/stable/json';
import 'core-js/stable/map';
import 'core-js/stable/math';
import 'core-js/stable/number';
import 'core-js/stable/object';
import 'core-js/stable/parse-float';
import 'core-js/stable/parse-int';
import 'core-js/stable/promise';
import 'core-js/stable/reflect';
import 'core-js/stable/regexp';
import 'core-js/stable/set';
import 'core-js/stable/string';
import 'core-js/stable/symbol';
import 'core-js/stable/typed-array';
import 'core-js/stable/weak-map';
import 'core-js/stable/weak-set';
