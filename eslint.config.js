import js from '@eslint/js'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// The generator core runs in Node (tests, CLI) and in the browser alike, so it imports nothing from the UI
// stack and nothing from Node (docs/architecture: "Let the linter enforce it").
const UI_AND_NODE_IMPORTS = {
  patterns: [
    { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'The core must not import React.' },
    { group: ['@tanstack/*'], message: 'The core must not import the router.' },
    { group: ['zustand', 'zustand/*'], message: 'The core must not import zustand.' },
    { group: ['monaco-editor', 'monaco-editor/*'], message: 'Only src/ui/code-editor imports Monaco.' },
    { group: ['node:*', 'fs', 'path', 'child_process', 'os'], message: 'The core must run in the browser.' },
  ],
}

// The layers, by path (architecture.md): i18n ← knowledge ← config ← generator ← {cli, wizard, ui}; ui does not
// import wizard. Each zone names what files in `target` may not import.
const layer = (target, from, message) => ({ target, from, message })
const LAYER_ZONES = [
  layer(
    './src/i18n',
    ['./src/knowledge', './src/config', './src/generator', './src/cli', './src/wizard', './src/ui'],
    'i18n (messages as data, the catalogs) sits below every layer: it imports none.',
  ),
  layer(
    './src/knowledge',
    ['./src/config', './src/generator', './src/cli', './src/wizard', './src/ui'],
    'knowledge is the bottom layer: it imports no other layer.',
  ),
  layer(
    './src/config',
    ['./src/generator', './src/cli', './src/wizard', './src/ui'],
    'config imports only knowledge.',
  ),
  layer(
    './src/generator',
    ['./src/cli', './src/wizard', './src/ui'],
    'the generator imports only config and knowledge.',
  ),
  layer(
    './src/ui',
    ['./src/wizard', './src/cli'],
    'ui holds shared parts: it does not import the wizard or the CLI.',
  ),
  layer('./src/wizard', ['./src/cli'], 'the wizard does not import the CLI.'),
  layer('./src/cli', ['./src/wizard', './src/ui'], 'the CLI does not import the page.'),
]

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-cli',
      'node_modules',
      'test-results',
      'playwright-report',
      'src/generator/golden',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      // The import graph is read with the TypeScript parser; without it every .ts file looks empty and
      // no-cycle finds nothing.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: {
      // No import cycles (type-only imports, which vanish from the build, are not counted by the rule).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['monaco-editor', 'monaco-editor/*'],
              message: 'Only src/ui/code-editor imports Monaco.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests may check one layer against another (a knowledge test that runs the generator).
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: LAYER_ZONES }] },
  },
  {
    files: ['src/ui/code-editor/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/config/**/*.ts', 'src/knowledge/**/*.ts', 'src/generator/**/*.ts', 'src/i18n/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', UI_AND_NODE_IMPORTS] },
  },
  {
    files: ['src/cli/**', 'src/**/*.test.ts', 'src/test-support/**', 'e2e/**', '*.config.ts', '*.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['eslint.config.js', 'scripts/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
)
