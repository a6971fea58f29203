// Editing a generated file in Monaco: the edit survives a reload, is marked, can be compared and reset;
// JSON is validated as you type; a config change keeps the edit and says so.
import { expect, test } from './fixtures.ts'
import { withoutClipboard } from './helpers.ts'

async function readThroughCopy(page: import('@playwright/test').Page, path: string): Promise<string> {
  await page.getByRole('button', { name: 'Copy', exact: true }).click()
  const text = await page.getByRole('textbox', { name: `Text of ${path}` }).inputValue()
  await page
    .getByRole('group', { name: `Text of ${path}: copy by hand` })
    .getByRole('button', { name: 'Close' })
    .click()
  return text
}

test('an edit survives a reload, is marked, shows its changes, and reset restores the generated text', async ({
  page,
}) => {
  await withoutClipboard(page)
  await page.goto('/#/?v=1&clusterName=edit-me')
  await page.getByRole('tab', { name: 'task-definition.json' }).click()
  const generated = await readThroughCopy(page, 'ecs/task-definition.json')

  // Monaco is not loaded until the user asks to edit.
  await expect(page.locator('.monaco-editor')).toHaveCount(0)
  await page.getByRole('button', { name: 'Edit', exact: true }).click()
  const editor = page.getByRole('textbox', { name: 'Edit ecs/task-definition.json' })
  await expect(editor).toBeFocused()

  // JSON is validated as you type: break it, see the message, repair it.
  await page.keyboard.press('ControlOrMeta+End')
  await page.keyboard.type('oops')
  const jsonAlert = page.getByRole('alert').filter({ hasText: 'Not valid JSON' })
  await expect(jsonAlert).toBeVisible()
  for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace')
  await expect(jsonAlert).toHaveCount(0)

  // A real edit: a memory reservation for the container.
  await page.keyboard.press('ControlOrMeta+Home')
  await page.keyboard.press('End')
  await page.keyboard.press('Enter')
  await page.keyboard.type('"cpu": "256",')
  await expect(page.getByRole('tab', { name: 'task-definition.json edited' })).toBeVisible()
  await page.getByRole('button', { name: 'Done editing' }).click()
  const edited = await readThroughCopy(page, 'ecs/task-definition.json')
  expect(edited).toContain('"cpu": "256",')
  expect(edited).not.toBe(generated)

  await page.reload()
  await page.getByRole('tab', { name: 'task-definition.json edited' }).click()
  await expect(page.getByRole('heading', { level: 3 })).toContainText('edited')
  expect(await readThroughCopy(page, 'ecs/task-definition.json')).toBe(edited)

  await page.getByRole('button', { name: 'Show changes' }).click()
  await expect(page.locator('.monaco-diff-editor')).toBeVisible()
  await page.getByRole('button', { name: 'Reset to generated' }).click()
  await expect(page.getByRole('tab', { name: 'task-definition.json', exact: true })).toBeVisible()
  expect(await readThroughCopy(page, 'ecs/task-definition.json')).toBe(generated)
  await page.reload()
  await page.getByRole('tab', { name: 'task-definition.json' }).click()
  expect(await readThroughCopy(page, 'ecs/task-definition.json')).toBe(generated)
})

test('a config change re-applies the edit to the new generated text and says so', async ({ page }) => {
  await withoutClipboard(page)
  await page.goto('/#/?v=1&clusterName=first')
  await page.getByRole('tab', { name: 'ecs.config' }).click()
  await page.getByRole('button', { name: 'Edit', exact: true }).click()
  await expect(page.getByRole('textbox', { name: 'Edit ec2/ecs.config' })).toBeFocused()
  await page.keyboard.press('ControlOrMeta+End')
  await page.keyboard.type('ECS_LOGLEVEL=debug\n')
  await page.getByRole('button', { name: 'Done editing' }).click()

  await page.getByRole('button', { name: '4 Names' }).click()
  await page.getByLabel('Cluster name', { exact: true }).fill('second')
  const notice = page
    .getByRole('status')
    .filter({ hasText: 'your edit was re-applied to the new generated text' })
  await expect(notice).toBeVisible()
  const text = await readThroughCopy(page, 'ec2/ecs.config')
  expect(text).toContain('ECS_CLUSTER=second')
  expect(text).toContain('ECS_LOGLEVEL=debug')
  await notice.getByRole('button', { name: 'It is right' }).click()
  await expect(notice).toHaveCount(0)
  await expect(page.getByRole('tab', { name: 'ecs.config edited' })).toBeVisible()
})
