const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

/** TypeScript to ES5 for the IE11 webview of Office 2016/2019; the type check is tsc's job (npm run typecheck). */
const tsRule = {
  test: /\.ts$/,
  loader: 'ts-loader',
  exclude: /node_modules/,
  options: { configFile: 'tsconfig.build.json', transpileOnly: true, compilerOptions: { module: 'es2015', moduleResolution: 'node', target: 'es5', downlevelIteration: true, sourceMap: true } },
};

/**
 * Dependencies ship ES2015+ (ajv, json-rules-engine, exceljs's browser build): TypeScript lowers them
 * to ES5 too, so no Babel is needed. core-js is ES5 already and must stay as it is.
 */
const dependencyRule = {
  test: /\.[cm]?js$/,
  include: /node_modules/,
  exclude: /node_modules[\\/](core-js|webpack|@microsoft[\\/]office-js)[\\/]/,
  loader: 'ts-loader',
  options: {
    instance: 'dependencies',
    configFile: 'tsconfig.build.json',
    transpileOnly: true,
    compilerOptions: { allowJs: true, checkJs: false, module: 'es2015', moduleResolution: 'node', target: 'es5', downlevelIteration: true, strict: false, alwaysStrict: false, noImplicitUseStrict: false, sourceMap: false, ignoreDeprecations: '5.0' },
  },
};

/** Browser bundle of the pure core (the task pane and the web page build on it). Building it proves the core needs nothing from Node. */
const core = (argv) => ({
  name: 'core',
  mode: argv.mode ?? 'production',
  target: ['web', 'es5'],
  entry: { 'okoshko-core': './src/core/index.ts' },
  output: {
    path: path.resolve(__dirname, 'dist', 'web'),
    filename: '[name].js',
    library: { name: 'Okoshko', type: 'umd' },
    globalObject: 'this',
  },
  resolve: { extensions: ['.ts', '.js'] },
  // The schema validators generated at build time: compiling them in the page would need 'unsafe-eval'.
  module: { rules: [tsRule, { test: /src[\\/]core[\\/]schema[\\/]schema-validators\.ts$/, enforce: 'pre', loader: path.resolve(__dirname, 'src/addin/build/schema-validators-loader.js') }] },
  performance: { hints: false },
  devtool: 'source-map',
});

/**
 * The Excel task pane (taskpane.html) and the web page (web/index.html): one UI over two hosts, ES5
 * with core-js polyfills, Office.js and icons copied beside them so nothing is loaded from the network.
 */
const addin = (argv) => ({
  name: 'addin',
  mode: argv.mode ?? 'production',
  target: ['web', 'es5'],
  entry: {
    taskpane: './src/addin/taskpane.ts',
    'web/web': './src/web/web.ts',
    // The pane's evaluation worker (evaluation.ts finds it beside the bundles); it loads shared.js with importScripts.
    'evaluation-worker': { import: './src/pane/evaluation-worker.ts', chunkLoading: 'import-scripts' },
  },
  output: {
    path: path.resolve(__dirname, 'dist', 'addin'),
    filename: '[name].js',
    clean: true,
  },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [
      tsRule,
      dependencyRule,
      // The schema validators generated at build time: compiling them in the page would need 'unsafe-eval'.
      { test: /src[\\/]core[\\/]schema[\\/]schema-validators\.ts$/, enforce: 'pre', loader: path.resolve(__dirname, 'src/addin/build/schema-validators-loader.js') },
      // IE11 cannot parse /…/u: mended for the dependency that has it.
      { test: /\.js$/, include: /node_modules[\\/]jsonpath-plus[\\/]/, enforce: 'pre', loader: path.resolve(__dirname, 'src/addin/build/es5-regexp-loader.js') },
    ],
  },
  // The pages share one chunk of dependencies (the core, the rules, the reader): minified once, cached once.
  optimization: {
    // ES5 in, ES5 out. Compression was off while exceljs made it slow; without exceljs it takes 9 % off shared.js.
    minimizeOptions: { javascript: { ecma: 5, compress: true, mangle: true } },
    splitChunks: { cacheGroups: { shared: { name: 'shared', chunks: 'all', minChunks: 2, priority: 10, enforce: true } } },
  },
  plugins: [
    new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/addin/taskpane.html', chunks: ['shared', 'taskpane'], scriptLoading: 'blocking', inject: 'body' }),
    new HtmlWebpackPlugin({ filename: 'web/index.html', template: './src/web/index.html', chunks: ['shared', 'web/web'], scriptLoading: 'blocking', inject: 'body', publicPath: '../' }),
    new CopyWebpackPlugin({
      patterns: [
        { from: 'assets/*.png', to: 'assets/[name][ext]' },
        { from: 'manifest.xml', to: 'manifest.xml' },
        {
          from: 'node_modules/@microsoft/office-js/dist',
          to: 'office-js',
          info: { minimized: true },
          globOptions: { ignore: ['**/*.debug.js', '**/*.d.ts', '**/office-vsdoc.js', '**/telemetry/**', '**/ariatelemetry/**'] },
          filter: (file) => /[\\/]dist[\\/](office\.js|excel[^\\/]*\.js|o15apptofilemappingtable\.js|es6-promise\.js|(ru-ru|en-us)[\\/][^\\/]*\.js)$/.test(file),
        },
      ],
    }),
  ],
  performance: { hints: false },
  devtool: argv.mode === 'development' ? 'source-map' : false,
  devServer: {
    static: { directory: path.resolve(__dirname, 'dist', 'addin') },
    port: 3000,
    host: 'localhost',
    headers: { 'Access-Control-Allow-Origin': '*' },
    client: false,
    webSocketServer: false,
    hot: false,
    liveReload: false,
    server: { type: 'https', options: argv.https ?? {} },
  },
});

module.exports = async (env = {}, argv = {}) => {
  const configs = { core: core(argv), addin: addin(argv) };
  if (env.devServer) {
    // office-addin-dev-certs: a certificate for https://localhost:3000 that Office trusts (installed once by `npx office-addin-dev-certs install`).
    const devCerts = require('office-addin-dev-certs');
    try {
      argv.https = await devCerts.getHttpsServerOptions();
    } catch (e) {
      // Installing the CA needs administrator rights (sudo on Linux): serve with the generated certificate anyway.
      const fs = require('node:fs');
      const dir = path.join(require('node:os').homedir(), '.office-addin-dev-certs');
      process.stderr.write(`Сертификат разработчика не установлен в систему (${e.message.split('\n')[0]}); сервер работает с ${dir}, Office может ему не доверять: выполните «npx office-addin-dev-certs install» с правами администратора.\n`);
      argv.https = fs.existsSync(path.join(dir, 'localhost.crt'))
        ? { cert: fs.readFileSync(path.join(dir, 'localhost.crt')), key: fs.readFileSync(path.join(dir, 'localhost.key')), ca: fs.readFileSync(path.join(dir, 'ca.crt')) }
        : {};
    }
    return addin(argv);
  }
  const only = env.only ? String(env.only).split(',') : Object.keys(configs);
  return only.map((name) => configs[name]);
};
