import { test as base, expect } from '@playwright/test'

// A guard in every test: each request and worker URL is same-origin, and nothing logs an error.
export const test = base.extend<{ guard: void }>({
  guard: [
    async ({ page, baseURL }, use) => {
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
      expect(errors, 'console errors and uncaught exceptions').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }
