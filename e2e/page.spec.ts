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

test.describe(() => {
  // The browser reports the aborted request in the console.
  test.use({ allowedErrors: [/^Failed to load resource: net::ERR_FAILED$/] })

  test('when the generator cannot be fetched, the output says so and tries again on request', async ({
    page,
  }) => {
    await page.route(/\/assets\/generate-[^/]*\.js$/, (route) => route.abort())
    await page.goto('/#/?v=1&clusterName=offline')
    const alert = page.getByRole('alert').filter({ hasText: 'The files could not be prepared' })
    await expect(alert).toBeVisible()
    await expect(page.getByLabel('Operating system', { exact: true })).toBeEnabled()
    await page.unroute(/\/assets\/generate-[^/]*\.js$/)
    await alert.getByRole('button', { name: 'Try again' }).click()
    await expect(page.getByRole('tab', { name: 'ecs.config' })).toBeVisible()
    expect(page.url()).toContain('clusterName=offline')
  })
})
