// No serious or critical axe violation on any step, in both themes; screenshots of each step (light,
// dark, 390 px wide) saved under test-results/screenshots for review.
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from './fixtures.ts'

const STEPS = ['Platform', 'Network', 'Access', 'Names', 'Review'] as const
const VIEWS = [
  { name: 'light', colorScheme: 'light', width: 1400 },
  { name: 'dark', colorScheme: 'dark', width: 1400 },
  { name: 'narrow', colorScheme: 'light', width: 390 },
] as const

for (const view of VIEWS)
  test(`every step passes axe (${view.name})`, async ({ page }) => {
    await page.setViewportSize({ width: view.width, height: 1000 })
    await page.emulateMedia({ colorScheme: view.colorScheme })
    await page.goto(
      '/#/?v=1&accountId=012345678901&configObject.bucket=my-ecs-config-bucket&configObject.key=ecs.config',
    )
    for (const [i, step] of STEPS.entries()) {
      await page.getByRole('button', { name: `${i + 1} ${step}` }).click()
      await expect(page.getByRole('heading', { name: step, level: 2 })).toBeVisible()
      const { violations } = await new AxeBuilder({ page }).analyze()
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      expect(
        serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
      ).toEqual([])
      await page.screenshot({
        path: `test-results/screenshots/${view.name}-${i + 1}-${step.toLowerCase()}.png`,
        fullPage: true,
      })
    }
  })

test('the output with an open file passes axe in both themes', async ({ page }) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await page.goto('/#/?v=1&os=windows&ami=windows-2022&networkMode=default')
    await page.getByRole('tab', { name: 'user-data.ps1' }).click()
    // A line's reason, open (the second pass goes to the same address: the page keeps what was open).
    const marker = page.getByRole('button', { name: /^Why line \d+$/ }).first()
    if ((await marker.getAttribute('aria-expanded')) !== 'true') await marker.click()
    await expect(page.getByRole('note').first()).toBeVisible()
    const { violations } = await new AxeBuilder({ page }).analyze()
    expect(
      violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    ).toEqual([])
    await page.screenshot({ path: `test-results/screenshots/${colorScheme}-file-view.png`, fullPage: true })
  }
})

test('everything works with the keyboard: tabs move with arrow keys, steps with Enter', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('tab', { name: 'Apply steps' }).focus()
  await page.keyboard.press('Tab')
  await expect(page.getByRole('tab', { name: 'aws-cli.sh' })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(page.getByRole('tab', { name: 'task-role-trust-policy.json' })).toBeFocused()
  await page.keyboard.press('ArrowRight')
  await expect(page.getByRole('tab', { name: 'task-role-policy.json' })).toBeFocused()
  await expect(page.getByRole('tab', { name: 'task-role-policy.json' })).toHaveAttribute(
    'aria-selected',
    'true',
  )
  await expect(page.getByRole('tabpanel')).toContainText('iam/task-role-policy.json')
})
