import js from '@eslint/js'
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
    { group: ['../wizard/*', '../ui/*', '../cli/*'], message: 'The core must not import UI or CLI code.' },
  ],
}

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'src/generator/golden'] },
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
    files: ['src/config/**/*.ts', 'src/knowledge/**/*.ts', 'src/generator/**/*.ts'],
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
