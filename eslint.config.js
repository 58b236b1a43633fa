// ESLint configuration: typescript-eslint's recommended rules plus our own layer rule.
import tseslint from 'typescript-eslint';
import layers from './eslint-rules/layers.js';

const root = new URL('.', import.meta.url).pathname;

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { argonaut: layers },
    rules: {
      'argonaut/layers': ['error', { root }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
);
