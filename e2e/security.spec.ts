// The production build carries a Content-Security-Policy and works under it, Monaco and its workers
// included; findings link to the fields they concern.
import { expect, test } from './fixtures.ts'

test('the page has a strict Content-Security-Policy and the editor works under it', async ({ page }) => {
  const violations: string[] = []
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      void (window as unknown as { reportCspViolation: (t: string) => void }).reportCspViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      )
    })
  })
  await page.goto('/')
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
  expect(policy).toContain("default-src 'self'")
  expect(policy).toContain("script-src 'self'")
  expect(policy).toContain("connect-src 'self'")
  expect(policy).toContain("object-src 'none'")
  await page.getByRole('tab', { name: 'task-role-trust-policy.json' }).click()
  await page.getByRole('button', { name: 'Edit', exact: true }).click()
  await expect(page.locator('.monaco-editor')).toBeVisible()
  // The JSON language service runs in its worker: a broken document gets a marker.
  await page.keyboard.press('ControlOrMeta+End')
  await page.keyboard.type(',')
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeAttached({ timeout: 10_000 })
  expect(violations).toEqual([])
})

test('a finding links to its field, on the right step', async ({ page }) => {
  await page.goto('/#/?v=1&networkMode=host')
  await page.getByRole('button', { name: '5 Review' }).click()
  await page.getByRole('button', { name: 'Go to Block instance metadata' }).first().click()
  await expect(page.getByRole('heading', { name: 'Network', level: 2 })).toBeVisible()
  await expect(page.getByLabel('Block instance metadata')).toBeFocused()
  await expect(page.getByLabel('Block instance metadata')).toHaveAccessibleDescription(
    /Nothing blocks the instance metadata service/,
  )
})

test('a finding about the AMI links to the AMI field on the first step', async ({ page }) => {
  await page.goto('/#/?v=1&ami=al2')
  await page.getByRole('button', { name: '5 Review' }).click()
  await page.getByRole('button', { name: 'Go to AMI' }).first().click()
  await expect(page.getByRole('heading', { name: 'Platform', level: 2 })).toBeVisible()
  await expect(page.getByLabel('AMI', { exact: true })).toBeFocused()
  await expect(page.getByLabel('AMI', { exact: true })).toHaveAccessibleDescription(
    /end of life on 2026-06-30/,
  )
})

test('a Windows link with an ecs.config object: the finding leads to the setting, which can be switched off', async ({
  page,
}) => {
  await page.goto(
    '/#/?v=1&os=windows&ami=windows-2022&networkMode=default&configObject.bucket=cfg-bucket&configObject.key=ecs.config',
  )
  await page.getByRole('button', { name: '5 Review' }).click()
  // The link's summary, Review's list of weakened defaults and the finding all lead to the setting.
  await page.getByRole('button', { name: 'Go to ecs.config object' }).first().click()
  const setting = page.getByLabel('Fetch ecs.config from a private S3 object at boot')
  await expect(setting).toBeFocused()
  await page.keyboard.press('Space')
  await expect(setting).not.toBeChecked()
  await expect(setting).toBeDisabled()
  await expect(page).not.toHaveURL(/configObject/)
})

test('an invalid value stays in its field with a message, and the files keep the last valid value', async ({
  page,
}) => {
  await page.goto('/#/?v=1')
  await page.getByRole('button', { name: '4 Names' }).click()
  const field = page.getByLabel('Cluster name', { exact: true })
  await field.fill('my cluster')
  await expect(field).toHaveAttribute('aria-invalid', 'true')
  await expect(field).toHaveAccessibleDescription(/A space is not allowed/)
  await expect(page).toHaveURL(/#\/\?v=1$/)
  await page.reload()
  await expect(page.getByLabel('Cluster name', { exact: true })).toHaveValue('my cluster')
  await page.getByLabel('Cluster name', { exact: true }).fill('my-cluster-2')
  await expect(page).toHaveURL(/clusterName=my-cluster-2/)
})
