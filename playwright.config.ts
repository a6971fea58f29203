import { defineConfig, devices } from '@playwright/test'

// Playwright cannot download browsers here: Debian's Chromium, overridable for machines that use
// Playwright's own (CHROMIUM_PATH=... or an empty value to let Playwright choose).
const PORT = 4173
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium'

export default defineConfig({
  testDir: './e2e',
  workers: 1,
  reporter: [['list']],
  timeout: 30_000,
  outputDir: 'test-results/playwright',
  // English unless a spec asks for another language (the page follows the browser's languages).
  use: { baseURL: `http://127.0.0.1:${PORT}`, locale: 'en-US' },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--disable-quic',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `npx vite build && npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
