/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'

// The page must load nothing from another origin (DEVELOPERS.md). The policy is added to the production
// build only: Vite's dev server injects inline scripts that it would block.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Monaco injects <style> elements (reference/toolchain.md §2).
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

export default defineConfig({
  plugins: [react(), contentSecurityPolicy],
  build: { chunkSizeWarningLimit: 4000 },
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
