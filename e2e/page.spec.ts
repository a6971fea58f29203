import { expect, test } from './fixtures.ts'

test('opens on the first step with every file of the default configuration', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'ECS task role setup', level: 1 })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Platform', level: 2 })).toBeVisible()
  await expect(page.getByLabel('Operating system', { exact: true })).toHaveValue('linux')
  await page.getByRole('tab', { name: 'user-data.sh' }).click()
  await expect(page.getByRole('tabpanel')).toContainText("cat <<'EOF' >> /etc/ecs/ecs.config")
})

test('a permalink restores its configuration, account ID digits included, and the URL stays as opened', async ({
  page,
}) => {
  await page.goto(
    '/#/?v=1&os=windows&ami=windows-2022&networkMode=default&accountId=012345678901&clusterName=win',
  )
  await expect(page.getByLabel('Operating system', { exact: true })).toHaveValue('windows')
  await page.getByRole('tab', { name: 'user-data.ps1' }).click()
  await expect(page.getByRole('tabpanel')).toContainText(
    "Initialize-ECSAgent -Cluster 'win' -EnableTaskIAMRole",
  )
  await page.getByRole('tab', { name: 'task-definition.json' }).click()
  await expect(page.getByRole('tabpanel')).toContainText('arn:aws:iam::012345678901:role/ecsTaskRole')
  await expect(page.getByRole('tab', { name: 'bootstrap-routes.ps1' })).toBeVisible()
  await expect(page).toHaveURL(
    /#\/\?v=1&os=windows&ami=windows-2022&networkMode=default&accountId=012345678901&clusterName=win$/,
  )
})

test('the output follows every keystroke', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('button', { name: '4 Names' }).click()
  await page.getByRole('tab', { name: 'ecs.config' }).click()
  await page.getByLabel('Cluster name', { exact: true }).focus()
  await page.keyboard.press('ControlOrMeta+A')
  for (const [i, key] of [...'web'].entries()) {
    await page.keyboard.type(key)
    await expect(page.getByRole('tabpanel')).toContainText(`ECS_CLUSTER=${'web'.slice(0, i + 1)}\n`)
  }
})
