import { expect, test } from './fixtures.ts'

test('shows every generated file for the default configuration', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'ECS task role setup', level: 1 })).toBeVisible()
  await expect(page.getByRole('region', { name: 'ec2/user-data.sh' })).toContainText(
    "cat <<'EOF' >> /etc/ecs/ecs.config",
  )
  await expect(page.getByRole('region', { name: 'iam/task-role-trust-policy.json' })).toContainText(
    'ecs-tasks.amazonaws.com',
  )
})

test('a permalink restores its configuration, account ID digits included', async ({ page }) => {
  await page.goto(
    '/#/?v=1&os=windows&ami=windows-2022&networkMode=default&accountId=012345678901&clusterName=win',
  )
  const userData = page.getByRole('region', { name: 'ec2/user-data.ps1' })
  await expect(userData).toContainText("Initialize-ECSAgent -Cluster 'win' -EnableTaskIAMRole")
  await expect(page.getByRole('region', { name: 'ecs/task-definition.json' })).toContainText(
    'arn:aws:iam::012345678901:role/ecsTaskRole',
  )
  await expect(page.getByRole('region', { name: 'container/bootstrap-routes.ps1' })).toBeVisible()
  // The URL is the save: the router must leave it exactly as opened.
  await expect(page).toHaveURL(
    /#\/\?v=1&os=windows&ami=windows-2022&networkMode=default&accountId=012345678901&clusterName=win$/,
  )
})

test('a bad link loads with a notice of what was ignored', async ({ page }) => {
  await page.goto('/#/?v=1&os=beos&__proto__.x=1&clusterName=prod')
  const notice = page.getByRole('status', { name: 'Link notice' })
  await expect(notice).toContainText('Operating system must be one of: linux, windows')
  await expect(notice).toContainText('Unknown setting "__proto__"')
  await expect(page.getByRole('region', { name: 'ec2/ecs.config' })).toContainText('ECS_CLUSTER=prod')
})
