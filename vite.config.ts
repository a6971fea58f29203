/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage'

// The page must load nothing from another origin (DEVELOPERS.md). The policy is added to the production
// build only: Vite's dev server injects inline scripts that it would block.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Monaco injects <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "img-src 'self' data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ')

const contentSecurityPolicy: Plugin = {
  name: 'content-security-policy-meta',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
      injectTo: 'head-prepend',
    },
  ],
}

// The message catalogs (src/i18n/catalogs/<locale>/<part>.json, ICU text) are compiled by Lingui's own
// compiler as they are imported, so the page ships Lingui's runtime without its parser (about 7 KiB gzip
// less) and a malformed message fails the build. The command line's build (vite.cli.config.ts) uses this
// plugin too. docs/decisions/011-i18n-lingui.md
const CATALOG_FILE = /\/src\/i18n\/catalogs\/[a-z]{2}\/[a-z-]+\.json(?:$|\?)/
export const compiledCatalogs: Plugin = {
  name: 'lingui-compiled-catalogs',
  enforce: 'pre',
  transform(code, id) {
    if (!CATALOG_FILE.test(id)) return undefined
    const source = JSON.parse(code) as Record<string, string>
    const compiled = Object.fromEntries(
      Object.entries(source).map(([key, message]) => {
        try {
          return [key, compileMessageOrThrow(message)]
        } catch (error) {
          throw new Error(`${id}: message ${key} is not valid ICU: ${(error as Error).message}`, {
            cause: error,
          })
        }
      }),
    )
    return { code: JSON.stringify(compiled), map: null }
  },
}

export default defineConfig({
  plugins: [compiledCatalogs, react(), contentSecurityPolicy],
  build: {
    chunkSizeWarningLimit: 4000,
    // Every browser the page supports knows <link rel="modulepreload"> (Chrome 66, Firefox 115, Safari
    // 17); without it a module is fetched when imported, which still works. Saves 0.6 KiB of first load.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // A catalog's chunk is named by its language (`es-findings-….js`), so a test can see that a language
        // loads only when chosen.
        chunkFileNames: (chunk) => {
          const catalog = /\/i18n\/catalogs\/([a-z]{2})\/([a-z-]+)\.json/.exec(chunk.facadeModuleId ?? '')
          return catalog ? `assets/${catalog[1]}-${catalog[2]}-[hash].js` : 'assets/[name]-[hash].js'
        },
      },
    },
  },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    // The checker suites run real tools (shellcheck, aws, tree-sitter) over every scenario.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    maxConcurrency: 2,
  },
})
