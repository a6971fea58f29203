// The command line's build: src/cli/main.ts and everything it imports (the core, Lingui, jsdiff, momoa)
// bundled into one plain-JS ES module that runs with `node` alone: no node_modules, no tsx at run time.
// `npm run build:cli`; package.json "bin" points at the result. docs/decisions/013-command-line-for-pipelines.md
import { chmod } from 'node:fs/promises'
import { join } from 'node:path'
import { defineConfig, type Plugin } from 'vite'
import { compiledCatalogs } from './vite.config.ts'

export const CLI_OUT_DIR = 'dist-cli'
export const CLI_FILE = 'ecs-task-role-wizard.mjs'

// npm marks a package's bin executable when it installs it, but not in this checkout: do it here, so
// ./dist-cli/ecs-task-role-wizard.mjs runs too.
const executable: Plugin = {
  name: 'cli-executable',
  apply: 'build',
  async writeBundle(options) {
    if (options.dir) await chmod(join(options.dir, CLI_FILE), 0o755)
  },
}

export default defineConfig({
  // The same catalog compilation as the page: the CLI ships Lingui's runtime, not its message parser.
  plugins: [compiledCatalogs, executable],
  publicDir: false,
  // Lingui (and anything else) takes its production path whatever NODE_ENV the pipeline sets.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  ssr: { target: 'node', noExternal: true },
  build: {
    ssr: 'src/cli/main.ts',
    outDir: CLI_OUT_DIR,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        format: 'es',
        entryFileNames: CLI_FILE,
        banner: '#!/usr/bin/env node',
      },
    },
  },
})
