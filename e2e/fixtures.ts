import { test as base, expect } from '@playwright/test'

// A guard in every test: each request and worker URL is same-origin, and nothing logs an error.
export const test = base.extend<{ guard: void; allowedErrors: RegExp[] }>({
  /** Console errors a test causes on purpose (e.g. the browser's report of a request it aborted). */
  allowedErrors: [[], { option: true }],
  guard: [
    async ({ page, baseURL, allowedErrors }, use) => {
      const origin = new URL(baseURL!).origin
      const foreign: string[] = []
      const errors: string[] = []
      const check = (url: string) => {
        if (!url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin)
          foreign.push(url)
      }
      page.context().on('request', (request) => check(request.url()))
      page.on('worker', (worker) => check(worker.url()))
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text())
      })
      page.on('pageerror', (error) => errors.push(error.message))
      await use()
      expect(foreign, 'requests to another origin').toEqual([])
      expect(
        errors.filter((e) => !allowedErrors.some((allowed) => allowed.test(e))),
        'console errors and uncaught exceptions',
      ).toEqual([])
    },
    { auto: true },
  ],
})

export { expect }
