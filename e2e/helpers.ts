import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect } from './fixtures.ts'

/** Clicks `trigger` and returns the bytes of the download it starts. */
export async function download(page: Page, trigger: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), trigger.click()])
  const path = await file.path()
  return { name: file.suggestedFilename(), bytes: await readFile(path) }
}

/** Every file tab of the output, as its path (from the tab's accessible name and group). */
export async function fileTabs(page: Page): Promise<{ tab: Locator; name: string }[]> {
  const tabs = page.getByRole('navigation', { name: 'Files' }).getByRole('tab')
  // The output panel arrives with the generator, after the form: wait for it rather than read none.
  await expect(tabs.first()).toBeVisible()
  const out: { tab: Locator; name: string }[] = []
  for (const tab of await tabs.all()) {
    const name = (await tab.innerText()).replace(/\s*edited$/, '').trim()
    if (name !== 'Apply steps') out.push({ tab, name })
  }
  return out
}

// Chromium under automation drops the 11th download of a page, so whole sets go through the copy fallback
// and the .zip, and single Download buttons are checked on a few files.
const DOWNLOADS_CHECKED_ONE_BY_ONE = 6

/**
 * Every generated file's text, read through the copy fallback (the clipboard is made unavailable), and
 * the first few also through their Download buttons, which must give the same bytes: path → text.
 */
export async function readAllFiles(page: Page): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const [index, { tab }] of (await fileTabs(page)).entries()) {
    await tab.click()
    const path = (await page.locator('.file-path').innerText()).trim()
    await page.getByRole('button', { name: 'Copy', exact: true }).click()
    const fallback = page.getByRole('textbox', { name: `Text of ${path}` })
    files[path] = await fallback.inputValue()
    await page
      .getByRole('group', { name: `Text of ${path}: copy by hand` })
      .getByRole('button', { name: 'Close' })
      .click()
    if (index < DOWNLOADS_CHECKED_ONE_BY_ONE) {
      const { name, bytes } = await download(
        page,
        page.getByRole('button', { name: 'Download', exact: true }),
      )
      expect(name).toBe(path.slice(path.lastIndexOf('/') + 1))
      expect(bytes.toString('utf8')).toBe(files[path])
    }
  }
  return files
}

/** The files inside a .zip download, read with Python's zipfile (an independent reader): path → text. */
export function unzip(bytes: Buffer): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-zip-'))
  const path = join(dir, 'all.zip')
  writeFileSync(path, bytes)
  const script =
    'import zipfile,json,sys\nz=zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({i.filename: z.read(i).decode() for i in z.infolist()}))'
  return JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' })) as Record<
    string,
    string
  >
}

/** Makes the clipboard unavailable, so copying shows the by-hand fallback (what the tests read). */
export async function withoutClipboard(page: Page): Promise<void> {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true })
  })
}

/** Focuses a field by its label and types into it with the keyboard, replacing what it held. */
export async function typeInto(
  page: Page,
  label: string,
  text: string,
  scope: Page | Locator = page,
): Promise<void> {
  const field = scope.getByLabel(label, { exact: true })
  await field.focus()
  await page.keyboard.press('ControlOrMeta+A')
  if (text === '') await page.keyboard.press('Backspace')
  else await page.keyboard.type(text)
}

/** Chooses an option of a focused select with the keyboard: type-ahead on its visible text. */
export async function chooseWithKeyboard(
  page: Page,
  label: string,
  optionText: string,
  scope: Page | Locator = page,
): Promise<void> {
  const select = scope.getByLabel(label, { exact: true })
  await select.focus()
  await page.keyboard.type(optionText)
  await expect(select.locator('option:checked')).toHaveText(
    new RegExp(`^${optionText.replace(/[()]/g, '\\$&')}`),
  )
}

/** Goes to the next step with the keyboard. */
export async function nextStep(page: Page, step: string): Promise<void> {
  await page.getByRole('button', { name: `Next: ${step}` }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: step, level: 2 })).toBeVisible()
}

/** The folder every file of "Download all" is in. */
export const SETUP_FOLDER = 'ecs-task-role-setup'

/**
 * A "Download all" .zip, checked to hold one top-level folder: its README.md and the generated files
 * (path → text, without the folder).
 */
export function unzipSetup(bytes: Buffer): { readme: string; files: Record<string, string> } {
  const files: Record<string, string> = {}
  for (const [name, text] of Object.entries(unzip(bytes))) {
    expect(name.startsWith(`${SETUP_FOLDER}/`), `${name} is in the folder ${SETUP_FOLDER}`).toBe(true)
    files[name.slice(SETUP_FOLDER.length + 1)] = text
  }
  const readme = files['README.md']
  expect(readme, 'README.md in the zip').toBeDefined()
  delete files['README.md']
  return { readme: readme!, files }
}
