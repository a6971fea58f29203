// A reader whose browser prefers Spanish sets up Windows from start to finish in Spanish: every label,
// hint, error, finding and usage text on the way is Spanish; switching to English and back keeps the
// configuration and the edits; axe is clean with lang="es"; and the .zip is the same bytes as the English
// page gives for the same link.
import AxeBuilder from '@axe-core/playwright'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { download, unzipSetup, withoutClipboard } from './helpers.ts'
import { englishLeftOnPage, es } from './language.ts'

test.use({ locale: 'es-ES' })
test.describe.configure({ timeout: 120_000 })

async function type(page: Page, label: string, text: string, scope: Page | Locator = page) {
  const field = scope.getByLabel(label, { exact: true })
  await field.focus()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type(text)
}

async function choose(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).selectOption({ label: option })
}

async function next(page: Page, step: string) {
  await page.getByRole('button', { name: es('wizard.steps.next', { step }) }).click()
  await expect(page.getByRole('heading', { name: step, level: 2 })).toBeVisible()
}

async function expectAllSpanish(page: Page, where: string) {
  expect(await englishLeftOnPage(page), `English words on the Spanish page (${where})`).toEqual([])
}

async function expectAxeClean(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze()
  expect(
    violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([])
}

const downloadZip = async (page: Page, name: string) => download(page, page.getByRole('button', { name }))

test('a Windows setup in Spanish, from the browser’s language to the download', async ({ page, browser }) => {
  await withoutClipboard(page)
  await page.goto('/')
  await expect(page.locator('html')).toHaveAttribute('lang', 'es')
  await expect(page.getByRole('heading', { level: 1, name: es('wizard.page.title') })).toBeVisible()
  await expect(page.getByRole('heading', { name: es('wizard.output.title') })).toBeVisible()
  await expectAllSpanish(page, 'first view')

  // Platform
  await choose(page, es('field.os.label'), 'Windows')
  await choose(page, es('field.ami.label'), es('field.ami.windows2022.label'))
  await expectAllSpanish(page, 'Platform')
  await expectAxeClean(page)
  await next(page, es('wizard.step.network'))

  // Network: the default (NAT) mode, metadata left blocked.
  await choose(page, es('field.networkMode.label'), es('wizard.network.mode.default'))
  await expectAllSpanish(page, 'Network')
  await next(page, es('wizard.step.access'))

  // Access: a bucket name AWS refuses gets a Spanish message at the field, then a valid one.
  const bucket = page.getByRole('group', { name: es('wizard.access.bucket', { n: 1 }) })
  await type(page, es('field.bucket.name.label'), 'Informes_2026', bucket)
  const bucketName = bucket.getByLabel(es('field.bucket.name.label'), { exact: true })
  await expect(bucketName).toHaveAttribute('aria-invalid', 'true')
  const description = await bucketName.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  )
  expect(description).toMatch(/\p{L}/u)
  await expectAllSpanish(page, 'Access with an invalid bucket name')
  await type(page, es('field.bucket.name.label'), 'informes-anuales', bucket)
  await expect(bucketName).not.toHaveAttribute('aria-invalid', 'true')
  await expectAllSpanish(page, 'Access')
  await next(page, es('wizard.step.names'))

  // Names: the example account ID stays until replaced (a Spanish warning says so); then a real one.
  await type(page, es('field.clusterName.label'), 'windows')
  await type(page, es('field.accountId.label'), '0123')
  await expect(page.getByLabel(es('field.accountId.label'), { exact: true })).toHaveAttribute(
    'aria-invalid',
    'true',
  )
  await expectAllSpanish(page, 'Names with an invalid account ID')
  await type(page, es('field.accountId.label'), '012345678901')
  await expectAllSpanish(page, 'Names')
  await next(page, es('wizard.step.review'))
  await expectAllSpanish(page, 'Review')
  await expectAxeClean(page)

  // A file, its usage text and a line's reason.
  await page.getByRole('tab', { name: 'user-data.ps1' }).click()
  await expect(page.getByText(es('wizard.file.whereLabel'))).toBeVisible()
  const why = page.getByRole('button', { name: /^Por qué la línea \d+$/ }).first()
  if ((await why.getAttribute('aria-expanded')) !== 'true') await why.click()
  await expect(page.getByRole('note').first()).toBeVisible()
  await expectAllSpanish(page, 'a file with a line reason open')
  await expectAxeClean(page)
  await page.getByRole('tab', { name: es('wizard.output.applySteps') }).click()
  await expectAllSpanish(page, 'the apply steps')
  await page.screenshot({ path: 'test-results/screenshots/es-review.png', fullPage: true })

  // The same link opened by an English reader gives the same .zip, byte for byte.
  const link = page.url()
  const zipName = es('wizard.output.downloadAllZip')
  const spanishZip = await downloadZip(page, zipName)
  const englishContext = await browser.newContext({ locale: 'en-US' })
  const englishPage = await englishContext.newPage()
  await englishPage.goto(link)
  await expect(englishPage.locator('html')).toHaveAttribute('lang', 'en')
  const englishZip = await downloadZip(englishPage, 'Download all (.zip)')
  expect(englishZip.name).toBe(spanishZip.name)
  expect(englishZip.bytes.equals(spanishZip.bytes)).toBe(true)
  expect(unzipSetup(spanishZip.bytes).readme).toContain('# ECS task role setup')
  await englishContext.close()

  // An edit, then English and back: the configuration and the edit stay.
  await page.getByRole('tab', { name: 'user-data.ps1' }).click()
  await page.getByRole('button', { name: es('wizard.file.edit'), exact: true }).click()
  const editor = page.getByRole('textbox', {
    name: es('wizard.file.editorLabel', { path: 'ec2/user-data.ps1' }),
  })
  await expect(page.locator('.editor-layer.ready')).toBeVisible()
  await editor.focus()
  await page.keyboard.press('ControlOrMeta+End')
  await page.keyboard.type('# mi cambio\n')
  await page.getByRole('button', { name: es('wizard.file.doneEditing') }).click()
  const editedTab = page.getByRole('tab', { name: `user-data.ps1 ${es('wizard.file.editedBadge')}` })
  await expect(editedTab).toBeVisible()
  const editedZip = await downloadZip(page, zipName)

  const languageSwitch = page.getByLabel(es('wizard.language.label'), { exact: true })
  await languageSwitch.selectOption('en')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('heading', { name: 'Generated files' })).toBeVisible()
  expect(page.url()).toBe(link)
  await expect(page.getByRole('tab', { name: 'user-data.ps1 edited' })).toBeVisible()
  await page.getByRole('button', { name: '4 Names' }).click()
  await expect(page.getByLabel('Account ID', { exact: true })).toHaveValue('012345678901')
  const englishEditedZip = await downloadZip(page, 'Download all (.zip)')
  expect(englishEditedZip.bytes.equals(editedZip.bytes)).toBe(true)
  expect(unzipSetup(editedZip.bytes).files['ec2/user-data.ps1']).toContain('# mi cambio\n')

  await page.getByLabel('Language', { exact: true }).selectOption('es')
  await expect(page.locator('html')).toHaveAttribute('lang', 'es')
  await expect(editedTab).toBeVisible()
  await expect(page.getByLabel(es('field.accountId.label'), { exact: true })).toHaveValue('012345678901')
  await expectAllSpanish(page, 'after switching back')

  // The choice is remembered: after choosing English, a new visit opens in English although the browser
  // prefers Spanish.
  await page.getByLabel(es('wizard.language.label'), { exact: true }).selectOption('en')
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
})

test('the English check finds English: the same page in English fails it', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' })
  const page = await context.newPage()
  await page.goto('/#/?v=1&os=windows&ami=windows-2022&networkMode=default')
  await expect(page.getByRole('heading', { name: 'Generated files' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Apply, in this order' })).toBeVisible()
  const english = await englishLeftOnPage(page)
  expect(english.length).toBeGreaterThan(20)
  expect(english.join('\n')).toMatch(/Operating system|Generated files|Apply/)
  await context.close()
})

test('Spanish loads only for readers who want it', async ({ browser }) => {
  const requested = async (locale: string) => {
    const context = await browser.newContext({ locale })
    const page = await context.newPage()
    const urls: string[] = []
    page.on('request', (r) => urls.push(new URL(r.url()).pathname))
    await page.goto('/')
    await page.waitForLoadState('networkidle')
    await context.close()
    return urls.filter((u) => /\/assets\/es-/.test(u))
  }
  expect(await requested('en-US')).toEqual([])
  expect((await requested('es-ES')).length).toBeGreaterThan(0)
})
