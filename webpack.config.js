const path = require('node:path');

/**
 * Browser bundle of the pure core (the task pane and the web page build on it). Building it proves
 * the core needs nothing from Node.
 */
module.exports = (_env, argv) => ({
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
  module: {
    rules: [{ test: /\.ts$/, loader: 'ts-loader', exclude: /node_modules/, options: { configFile: 'tsconfig.build.json', transpileOnly: true, compilerOptions: { module: 'es2015', moduleResolution: 'node', target: 'es5', downlevelIteration: true } } }],
  },
  performance: { hints: false },
  devtool: 'source-map',
});
