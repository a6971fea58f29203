// Edits belong to their configuration: an edit made under one link is not in another link's files or zip,
// and is there again under its own; a change of the configuration re-applies it or shows the conflict, and
// keeping it never hides that the file is an edit; an edit that cannot be saved is reported.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { download, unzipSetup, withoutClipboard } from './helpers.ts'

const A = '/#/?v=1&clusterName=alpha'
const B = '/#/?v=1&clusterName=beta'

async function readThroughCopy(page: Page, path: string): Promise<string> {
  await page.getByRole('button', { name: 'Copy', exact: true }).click()
  const text = await page.getByRole('textbox', { name: `Text of ${path}` }).inputValue()
  await page
    .getByRole('group', { name: `Text of ${path}: copy by hand` })
    .getByRole('button', { name: 'Close' })
    .click()
  return text
}

/** Opens the editor on the file shown, runs `keys`, and closes the editor. */
async function edit(page: Page, path: string, keys: () => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: 'Edit', exact: true }).click()
  // The editor takes focus by itself (editor.spec.ts checks that); on a loaded machine a frame can be late,
  // and these tests are about what happens to the edit, so they put the focus there themselves.
  const editor = page.getByRole('textbox', { name: `Edit ${path}` })
  await expect(editor).toBeAttached()
  await expect(page.locator('.editor-layer.ready')).toBeVisible()
  await editor.focus()
  await keys()
  await page.getByRole('button', { name: 'Done editing' }).click()
}

const addLogLevel = (page: Page) => async () => {
  await page.keyboard.press('ControlOrMeta+End')
  await page.keyboard.type('ECS_LOGLEVEL=debug\n')
}

const downloadAll = async (page: Page) =>
  unzipSetup((await download(page, page.getByRole('button', { name: 'Download all (.zip)' }))).bytes)

test('an edit made under link A is absent from link B, in its files and its zip, and there again under A', async ({
  page,
}) => {
  await withoutClipboard(page)
  await page.goto(A)
  await page.getByRole('tab', { name: 'ecs.config' }).click()
  await edit(page, 'ec2/ecs.config', addLogLevel(page))

  // Wherever the user is, the page says which files are edits.
  const notice = page.getByRole('region', { name: 'Edited files' })
  await expect(notice).toContainText('1 file differs from the generated text')
  await expect(notice.getByRole('button', { name: 'ec2/ecs.config' })).toBeVisible()
  await expect(page.getByText(/^Edited: Copy, Download and Download all give your text/)).toBeVisible()
  const zipA = await downloadAll(page)
  expect(zipA.files['ec2/ecs.config']).toContain('ECS_LOGLEVEL=debug')
  expect(zipA.readme).toMatch(
    /## Edited files\n\nThese files hold your edits[^\n]*\n\n- `ec2\/ecs.config`: your edit\n/,
  )

  // Opening link B: none of A's edit is shown, copied or zipped; it is offered, not used.
  await page.goto(B)
  await expect(page.getByRole('tab', { name: 'ecs.config', exact: true })).toBeVisible()
  await expect(page.getByRole('tab', { name: /edited/ })).toHaveCount(0)
  const textB = await readThroughCopy(page, 'ec2/ecs.config')
  expect(textB).toContain('ECS_CLUSTER=beta')
  expect(textB).not.toContain('ECS_LOGLEVEL')
  await expect(notice).toContainText('1 edit from another configuration: not used here')
  await expect(notice).not.toContainText('differs')
  const zipB = await downloadAll(page)
  expect(zipB.files['ec2/ecs.config']).not.toContain('ECS_LOGLEVEL')
  expect(zipB.readme).toContain('No file was edited')
  expect(Object.values(zipB.files).join('\n')).not.toContain('ECS_LOGLEVEL')

  // The same in a page opened on B from scratch.
  const fresh = await page.context().newPage()
  await fresh.goto(B)
  const zipFresh = await downloadAll(fresh)
  expect(zipFresh.files).toEqual(zipB.files)
  await fresh.close()

  // Back on A, the edit is there again.
  await page.goto(A)
  await expect(page.getByRole('tab', { name: 'ecs.config edited' })).toBeVisible()
  expect(await readThroughCopy(page, 'ec2/ecs.config')).toContain('ECS_LOGLEVEL=debug')
})

test('edits from another configuration are applied only when asked, re-applied to this one', async ({
  page,
}) => {
  await withoutClipboard(page)
  await page.goto(A)
  await page.getByRole('tab', { name: 'ecs.config' }).click()
  await edit(page, 'ec2/ecs.config', addLogLevel(page))
  await page.goto(B)
  const notice = page.getByRole('region', { name: 'Edited files' })
  await notice.getByText('1 edit from another configuration').click()
  await expect(notice.getByRole('link', { name: 'That configuration' })).toHaveAttribute(
    'href',
    '#/?v=1&clusterName=alpha',
  )
  await notice.getByRole('button', { name: 'Apply it here' }).click()
  await expect(page.getByRole('tab', { name: 'ecs.config edited' })).toBeVisible()
  await expect(
    page.getByRole('status').filter({ hasText: 'your edit was re-applied to the new generated text' }),
  ).toBeVisible()
  const text = await readThroughCopy(page, 'ec2/ecs.config')
  expect(text).toContain('ECS_CLUSTER=beta')
  expect(text).toContain('ECS_LOGLEVEL=debug')
})

test('a stale edit is re-applied when it can be, and otherwise shown as a conflict that keeping does not hide', async ({
  page,
}) => {
  await withoutClipboard(page)
  await page.goto('/#/?v=1&clusterName=first')
  await page.getByRole('tab', { name: 'ecs.config' }).click()
  await edit(page, 'ec2/ecs.config', addLogLevel(page))
  await page.getByRole('button', { name: '4 Names' }).click()
  const clusterName = page.getByLabel('Cluster name', { exact: true })

  // A change elsewhere in the file: re-applied.
  await clusterName.fill('second')
  await expect(page.getByRole('status').filter({ hasText: 'your edit was re-applied' })).toBeVisible()
  const merged = await readThroughCopy(page, 'ec2/ecs.config')
  expect(merged).toMatch(/^ECS_CLUSTER=second\n[\s\S]*ECS_LOGLEVEL=debug\n$/)

  // A change of the same line the user changed: a conflict, shown, and the user's text kept as written.
  await edit(page, 'ec2/ecs.config', async () => {
    await page.keyboard.press('ControlOrMeta+Home')
    await page.keyboard.press('Shift+End')
    await page.keyboard.type('ECS_CLUSTER=mine')
  })
  await clusterName.fill('third')
  const conflict = page
    .getByRole('status')
    .filter({ hasText: 'your edit conflicts with the new generated text' })
  await expect(conflict).toContainText('at line 1')
  const notice = page.getByRole('region', { name: 'Edited files' })
  await expect(notice).toContainText('ec2/ecs.config: your edit, kept as you wrote it: it conflicts')
  expect(await readThroughCopy(page, 'ec2/ecs.config')).toMatch(/^ECS_CLUSTER=mine\n/)
  const zip = await downloadAll(page)
  expect(zip.files['ec2/ecs.config']).toMatch(/^ECS_CLUSTER=mine\n/)
  expect(zip.readme).toContain('`ec2/ecs.config`: your edit, kept as you wrote it: it conflicts')

  // The diff against the new generated text opens without a page error (the fixture checks).
  await conflict.getByRole('button', { name: 'Compare with the new generated text' }).click()
  await expect(page.locator('.monaco-diff-editor')).toBeVisible()
  await expect(page.locator('.monaco-diff-editor .view-line').first()).toBeVisible()

  // Keeping the edit ends the conflict notice, never the fact that the file is an edit.
  await conflict.getByRole('button', { name: 'Keep my edit' }).click()
  await expect(conflict).toHaveCount(0)
  await expect(notice).toContainText('1 file differs from the generated text')
  await expect(notice).toContainText('ec2/ecs.config: your edit')
  await expect(page.getByRole('tab', { name: 'ecs.config edited' })).toBeVisible()
  await expect(page.getByText(/^Edited: Copy, Download and Download all give your text/)).toBeVisible()
})

test('the diff view and reset raise no page error', async ({ page }) => {
  await page.goto('/#/?v=1&clusterName=diff')
  await page.getByRole('tab', { name: 'task-definition.json' }).click()
  await edit(page, 'ecs/task-definition.json', async () => {
    await page.keyboard.press('ControlOrMeta+Home')
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await page.keyboard.type('"cpu": "256",')
  })
  await page.getByRole('button', { name: 'Show changes' }).click()
  await expect(page.locator('.monaco-diff-editor')).toBeVisible()
  await page.getByRole('button', { name: 'Hide changes' }).click()
  await page.getByRole('button', { name: 'Show changes' }).click()
  await expect(page.locator('.monaco-diff-editor')).toBeVisible()
  await page.getByRole('button', { name: 'Reset to generated' }).click()
  await expect(page.getByRole('tab', { name: 'task-definition.json', exact: true })).toBeVisible()
  await expect(page.locator('.monaco-diff-editor')).toHaveCount(0)
  // Let late editor work (the diff computation, disposal) finish while the guard listens.
  await page.waitForTimeout(500)
})

test('an edit that cannot be saved in this browser is reported', async ({ page }) => {
  await page.addInitScript(() => {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with its own `this`
    const setItem = Storage.prototype.setItem
    Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
      if (key === 'ecs-task-role-wizard.edits-by-configuration')
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      setItem.call(this, key, value)
    }
  })
  await page.goto(A)
  await page.getByRole('tab', { name: 'ecs.config' }).click()
  await edit(page, 'ec2/ecs.config', addLogLevel(page))
  await expect(
    page.getByRole('alert').filter({ hasText: 'Your edits could not be saved in this browser' }),
  ).toBeVisible()
  await expect(page.getByRole('tab', { name: 'ecs.config edited' })).toBeVisible()
})
