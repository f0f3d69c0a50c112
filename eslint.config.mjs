import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['fs', 'path', 'exceljs', 'node:*', '**/files/*', '**/cli/*', '**/read/*', '**/render/*', '**/pane/*', '**/addin/*', '**/web/*'] }],
    },
  },
  {
    // What runs in the browser (the pane, the web page, the worker) imports nothing from Node, the file host or exceljs.
    files: ['src/read/**/*.ts', 'src/render/**/*.ts', 'src/pane/**/*.ts', 'src/addin/**/*.ts', 'src/web/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['fs', 'path', 'os', 'zlib', 'crypto', 'exceljs', 'jszip', 'node:*', '**/files/*', '**/cli/*'] }],
    },
  },
);
