// The page is easy to trust: invalid input is never silent, a link shows what it sets (and what it weakens)
// before anything is copied, copying says it copied, reading is not editing, and the page will not work in
// another site's frame.
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { encodePermalink } from '../src/config/permalink.ts'
import { readConfig } from '../src/config/schema.ts'
import { expect, test } from './fixtures.ts'
import { download, withoutClipboard } from './helpers.ts'

/** No serious or critical axe violation in what the page shows now, and a screenshot of it to look at. */
async function axeAndScreenshot(page: Page, name: string) {
  const { violations } = await new AxeBuilder({ page }).analyze()
  expect(
    violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([])
  await page.screenshot({ path: `test-results/screenshots/trust-${name}.png` })
}

test('invalid fields mark their step, are listed in Review, and every copy and download asks first', async ({
  page,
}) => {
  await withoutClipboard(page)
  await page.goto('/#/?v=1&clusterName=prod')
  await page.getByRole('button', { name: '4 Names' }).click()
  await page.getByLabel('Cluster name', { exact: true }).fill('prod web')
  await expect(page.getByRole('button', { name: /^4 Names.*has errors$/ })).toBeVisible()
  await expect(page.getByRole('button', { name: '1 Platform', exact: true })).toBeVisible()

  // Review lists the field with what was typed, what the files use instead, and a way back to it.
  await page.getByRole('button', { name: /^5 Review/ }).click()
  const listed = page.getByRole('region', { name: 'A field is not valid yet' })
  await expect(listed).toContainText('Cluster name')
  await expect(listed).toContainText('prod web')
  await expect(listed).toContainText('The files use prod.')
  await listed.getByRole('button', { name: 'Go to Cluster name' }).click()
  await expect(page.getByLabel('Cluster name', { exact: true })).toBeFocused()

  // Copy link: the dialog says what the link would leave out; "Go to" leads to the field.
  await page.getByRole('button', { name: 'Copy link' }).click()
  const dialog = page.getByRole('dialog', { name: 'A field is not valid yet' })
  await expect(dialog).toContainText('Copy link would leave out what you typed there')
  await expect(dialog).toContainText('Used instead: prod.')
  await axeAndScreenshot(page, 'invalid-dialog')
  await dialog.getByRole('button', { name: 'Go to Cluster name' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByLabel('Cluster name', { exact: true })).toBeFocused()

  // Copy link anyway copies the link as it is: the last valid value.
  await page.getByRole('button', { name: 'Copy link' }).click()
  await dialog.getByRole('button', { name: 'Copy link anyway' }).click()
  await expect(page.getByRole('textbox', { name: 'Link to this configuration' })).toHaveValue(
    /clusterName=prod$/,
  )

  // Download all asks, and downloads only when told to.
  await page.getByRole('button', { name: 'Download all (.zip)' }).click()
  await expect(dialog).toContainText('Download all would leave out')
  const zip = await download(page, dialog.getByRole('button', { name: 'Download all anyway' }))
  expect(zip.name).toMatch(/\.zip$/)

  // The copy and download of one file ask too; Cancel does nothing.
  await page.getByRole('tab', { name: 'ecs.config' }).click()
  await page.getByRole('button', { name: 'Copy', exact: true }).click()
  await expect(dialog).toContainText('Copy would leave out')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('textbox', { name: 'Text of ec2/ecs.config' })).toHaveCount(0)
  await page.getByRole('button', { name: 'Download', exact: true }).click()
  await expect(dialog).toContainText('Download would leave out')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  // Fixed: everything runs at once again, and the marks are gone.
  await page.getByRole('button', { name: /^4 Names/ }).click()
  await page.getByLabel('Cluster name', { exact: true }).fill('prod-web')
  await expect(page.getByRole('button', { name: '4 Names', exact: true })).toBeVisible()
  await page.getByRole('tab', { name: 'ecs.config' }).click()
  await page.getByRole('button', { name: 'Copy', exact: true }).click()
  await expect(page.getByRole('textbox', { name: 'Text of ec2/ecs.config' })).toHaveValue(
    /ECS_CLUSTER=prod-web\n/,
  )
  await expect(dialog).toHaveCount(0)
})

test('typing past the link length limit gets a field message and resets nothing', async ({
  page,
  baseURL,
}) => {
  // Buckets with long prefixes fill the link to ten characters short of its limit.
  const make = (prefixes: number[]) =>
    readConfig({
      clusterName: 'long-one',
      buckets: prefixes.map((n, i) => ({ name: `bucket-${i}`, access: 'read', prefix: 'p'.repeat(n) })),
    }).config
  const linkLength = (prefixes: number[]) => `${baseURL}/`.length + encodePermalink(make(prefixes)).length
  const prefixes: number[] = []
  while (linkLength([...prefixes, 1000]) < 16_384 - 10) prefixes.push(1000)
  prefixes.push(16_384 - 10 - linkLength([...prefixes, 1]) + 1)
  expect(linkLength(prefixes)).toBe(16_384 - 10)
  const start = encodePermalink(make(prefixes))
  await page.goto(`/${start}`)
  await page.getByRole('button', { name: '3 Access' }).click()
  const prefix = page.getByRole('group', { name: `Bucket ${prefixes.length}` }).getByLabel('Key prefix')
  await prefix.focus()
  await page.keyboard.press('End')
  await page.keyboard.type('qqqqqqqqqqqqqqqqqqqq')
  await expect(prefix).toHaveValue(/q{20}$/)
  await expect(prefix).toHaveAccessibleDescription(/Too long for the link/)
  await expect(prefix).toHaveAttribute('aria-invalid', 'true')
  // Nothing was reset: the address and every other value are as they were.
  await expect(page).toHaveURL(new RegExp(`clusterName=long-one&`))
  // The ten characters that fit are in the link; the rest stays in the field with its message.
  const hash = new URL(page.url()).hash
  expect(hash === `${start}${'q'.repeat(10)}`, 'the address holds exactly what fits').toBe(true)
  await expect(page.getByRole('button', { name: /^3 Access.*has errors$/ })).toBeVisible()
})

test('a link that switches protections off says so before anything is copied', async ({ page }) => {
  await page.goto(
    '/#/?v=1&blockInstanceMetadata=false&sourceConditions=false&buckets.0.access=read-write&task.image=example.com%2Fmine%3A1&configObject.bucket=cfg&configObject.key=ecs.config',
  )
  const summary = page.getByRole('region', { name: 'What this link sets' })
  await expect(summary).toBeVisible()
  await expect(summary).toContainText('5 settings are weaker than the safe defaults')
  await expect(summary).toContainText('The instance metadata block is off')
  await expect(summary).toContainText('The trust policy conditions are off')
  await expect(summary).toContainText('Write access to S3: read-write on my-app-bucket')
  await expect(summary).toContainText('example.com/mine:1')
  await expect(summary).toContainText('s3://cfg/ecs.config')
  await axeAndScreenshot(page, 'link-summary')
  // It sits above the output, open, and leads to each field.
  const summaryTop = (await summary.boundingBox())!.y
  const copyTop = (await page.getByRole('button', { name: 'Copy link' }).boundingBox())!.y
  expect(summaryTop).toBeLessThan(copyTop)
  await summary.getByRole('button', { name: 'Go to Block instance metadata' }).click()
  await expect(page.getByLabel('Block instance metadata')).toBeFocused()
  await summary.getByRole('button', { name: 'Hide this summary' }).click()
  await expect(summary).toHaveCount(0)
})

test('a link that keeps the safe defaults says so, and the plain page shows no summary', async ({ page }) => {
  await page.goto('/#/?v=1&clusterName=web&accountId=012345678901')
  const summary = page.getByRole('region', { name: 'What this link sets' })
  await expect(summary).toContainText('cluster web, account 012345678901')
  await expect(summary).toContainText('It keeps every safe default.')
  // A link pasted into the address bar of the same tab is opened, and summed up, the same way.
  await page.goto('/#/?v=1&clusterName=web&blockInstanceMetadata=false')
  await expect(summary).toContainText('The instance metadata block is off')
  await expect(page.getByLabel('Operating system', { exact: true })).toHaveValue('linux')
  await page.goto('/?fresh#/?v=1')
  await expect(page.getByRole('heading', { name: 'Generated files' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'What this link sets' })).toHaveCount(0)
})

test('every copy button shows that it copied', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto('/#/?v=1&clusterName=copied')
  await page.getByRole('button', { name: 'Copy link' }).click()
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/#\/\?v=1&clusterName=copied$/)
  await expect(page.getByRole('button', { name: 'Copy link' })).toBeVisible({ timeout: 5000 })

  await page.getByRole('tab', { name: 'ecs.config' }).click()
  await page.getByRole('button', { name: 'Copy', exact: true }).click()
  await expect(page.getByRole('tabpanel').getByRole('button', { name: 'Copied' })).toBeVisible()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('ECS_CLUSTER=copied\n')
})

test('reading is not editing: double-click selects a word, Enter opens the editor', async ({ page }) => {
  await page.goto('/#/?v=1&clusterName=select-me')
  await page.getByRole('tab', { name: 'ecs.config' }).click()
  const view = page.getByRole('tabpanel').getByLabel('ec2/ecs.config', { exact: true })
  await view.getByText('ECS_ENABLE_TASK_IAM_ROLE', { exact: true }).dblclick()
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('ECS_ENABLE_TASK_IAM_ROLE')
  await expect(page.locator('.monaco-editor')).toHaveCount(0)
  await expect(page.getByRole('textbox', { name: 'Edit ec2/ecs.config' })).toHaveCount(0)

  await view.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('textbox', { name: 'Edit ec2/ecs.config' })).toBeFocused()
})

test('each line has its number and, beside it, why it is there with links to public sources', async ({
  page,
}) => {
  await withoutClipboard(page)
  await page.goto('/#/?v=1')
  await page.getByRole('tab', { name: 'ecs.config' }).click()
  const view = page.getByRole('tabpanel').getByLabel('ec2/ecs.config', { exact: true })
  await expect(view.locator('[data-line="1"]')).toBeVisible()
  // The numbers and markers are not part of the text: what the view holds is exactly the file.
  await page.getByRole('button', { name: 'Copy', exact: true }).click()
  const text = await page.getByRole('textbox', { name: 'Text of ec2/ecs.config' }).inputValue()
  expect(await view.evaluate((e) => e.textContent)).toBe(text)

  const marker = view.getByRole('button', { name: /^Why line \d+$/ }).first()
  await marker.click()
  await expect(marker).toHaveAttribute('aria-expanded', 'true')
  const note = view.getByRole('note').first()
  await expect(note).toBeVisible()
  const link = note.getByRole('link').first()
  await expect(link).toHaveAttribute('href', /^https:\/\//)
  await expect(link).toHaveAttribute('target', '_blank')
  await expect(link).toHaveAttribute('rel', 'noreferrer noopener')
  await expect(note).not.toContainText('https://')
  await axeAndScreenshot(page, 'line-note')

  // Findings link their sources the same way.
  await page.goto('/#/?v=1&networkMode=host')
  await page.getByText(/^Findings:/).click()
  const findingLink = page.locator('.finding-source').getByRole('link').first()
  await expect(findingLink).toHaveAttribute('href', /^https:\/\//)
  await expect(findingLink).toHaveAttribute('rel', 'noreferrer noopener')
})

test('the page does not work inside another site’s frame', async ({ page, baseURL }) => {
  await page.setContent(`<iframe title="framed" src="${baseURL}/#/?v=1" width="800" height="400"></iframe>`)
  const frame = page.frameLocator('iframe[title="framed"]')
  await expect(frame.getByText('This page does not work inside another site’s frame.')).toBeVisible()
  await expect(frame.getByRole('link', { name: /Open the ECS task role setup wizard/ })).toHaveAttribute(
    'target',
    '_blank',
  )
  await expect(frame.getByRole('heading', { name: 'ECS task role setup' })).toHaveCount(0)
  await expect(frame.getByRole('button')).toHaveCount(0)
})

test('small things: a main landmark, Start over with undo, focus after Add a bucket, undo for Remove bucket', async ({
  page,
}) => {
  await page.goto('/#/?v=1&clusterName=keep-me&os=windows')
  await expect(page.getByRole('main')).toBeVisible()

  await page.getByRole('button', { name: 'Start over' }).click()
  await expect(page).toHaveURL(/#\/\?v=1$/)
  await expect(page.getByLabel('Operating system', { exact: true })).toHaveValue('linux')
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(page).toHaveURL(/clusterName=keep-me/)
  await expect(page.getByLabel('Operating system', { exact: true })).toHaveValue('windows')

  await page.getByRole('button', { name: '3 Access' }).click()
  await page.getByRole('button', { name: 'Add a bucket' }).click()
  await expect(page.getByRole('group', { name: 'Bucket 2' }).getByLabel('Bucket name')).toBeFocused()
  // Not valid yet (a space): the text moves with its bucket when the one before it goes, and comes back.
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type('second bucket')
  await page.getByRole('button', { name: 'Remove bucket 1' }).click()
  await expect(page.getByRole('group', { name: 'Bucket 2' })).toHaveCount(0)
  const first = page.getByRole('group', { name: 'Bucket 1' }).getByLabel('Bucket name')
  await expect(first).toHaveValue('second bucket')
  await expect(first).toHaveAttribute('aria-invalid', 'true')
  const undo = page.getByRole('button', { name: 'Undo' })
  await expect(undo).toBeFocused()
  await undo.click()
  await expect(first).toHaveValue('my-app-bucket')
  await expect(first).toBeFocused()
  await expect(page.getByRole('group', { name: 'Bucket 2' }).getByLabel('Bucket name')).toHaveValue(
    'second bucket',
  )
})

test('on a phone the file tabs stay compact, and a link leads past the form to them', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto('/#/?v=1')
  await page.getByRole('button', { name: 'Jump to the generated files' }).click()
  await expect(page.getByRole('heading', { name: 'Generated files' })).toBeFocused()
  await expect(page.getByRole('heading', { name: 'Generated files' })).toBeInViewport()
  // No sideways scrolling, and every file tab within a few short rows.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  const tabs = await page.getByRole('navigation', { name: 'Files' }).boundingBox()
  expect(tabs!.height).toBeLessThan(300)
})
