// The Apply view is a runbook: numbered steps, each action with its command and a copy button, the ways to do a
// step grouped under it; the zip holds one folder whose README.md has the same steps, the link and the edits.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { download, unzipSetup, withoutClipboard } from './helpers.ts'

const runbookOf = (page: Page) => page.getByRole('article', { name: 'Apply, in this order' })

test('numbered steps, alternatives under their step, each command with a copy button that says Copied', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto('/#/?v=1&clusterName=runbook')
  const runbook = runbookOf(page)
  await expect(runbook.getByRole('heading', { level: 4 })).toHaveText([
    /^1\. Get the files/,
    /^2\. Create the roles, the instance profile and the cluster/,
    /^3\. Let whoever deploys pass the two roles/,
    /^4\. Launch the container instances/,
    /^5\. Run a task/,
    /^6\. Check from inside a container of the task/,
  ])

  // Step 2 can be done by the script or in the console: both sit under it.
  const script = runbook.getByRole('group', { name: 'Step 2: Run the setup script' })
  const inConsole = runbook.getByRole('group', { name: 'Step 2: In the AWS console' })
  await expect(script.getByText('bash setup/aws-cli.sh', { exact: true })).toBeVisible()
  await expect(inConsole).toContainText('Create the cluster runbook')
  await script.getByRole('button', { name: 'Copy' }).click()
  await expect(script.getByRole('button', { name: /Copied/ })).toBeVisible()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('bash setup/aws-cli.sh')
  await expect(script.getByRole('button', { name: 'Copy' })).toBeVisible({ timeout: 5000 })

  // Running a task: the script's run-task, or your own call with the overrides file.
  const task = runbook.getByRole('group', { name: 'Step 5: Run the setup script' })
  await expect(task.getByText('bash setup/aws-cli.sh run-task', { exact: true })).toBeVisible()
  await expect(runbook.getByRole('group', { name: 'Step 5: Your own run-task call' })).toBeVisible()

  // A file named by a step opens in its tab.
  await inConsole.getByRole('button', { name: 'iam/task-role-policy.json' }).click()
  await expect(page.getByRole('tab', { name: 'task-role-policy.json', selected: true })).toBeVisible()
})

test('Windows: the route script has its step, and recovery after a restart is marked as only if needed', async ({
  page,
}) => {
  await page.goto('/#/?v=1&os=windows')
  const runbook = runbookOf(page)
  await expect(
    runbook.getByRole('heading', { name: /^5\. Add the route script to the container image/ }),
  ).toBeVisible()
  await expect(
    runbook.getByRole('heading', {
      name: /Only if a Windows container instance was restarted.*only if needed/,
    }),
  ).toBeVisible()
})

test('the zip: one folder, README.md with the same runbook, the link that produced it and the edited files', async ({
  page,
}) => {
  await withoutClipboard(page)
  await page.goto('/#/?v=1&clusterName=zipped')
  await page.getByRole('tab', { name: 'task-role-policy.json' }).click()
  await page.getByRole('button', { name: 'Edit', exact: true }).click()
  await expect(page.getByRole('textbox', { name: 'Edit iam/task-role-policy.json' })).toBeFocused()
  await page.keyboard.press('ControlOrMeta+End')
  await page.keyboard.type('\n')
  await page.getByRole('button', { name: 'Done editing' }).click()
  await page.getByRole('tab', { name: 'Apply steps' }).click()

  // The script does not carry the edited JSON: the step says so, and so does the README.
  const runbook = runbookOf(page)
  const caveat =
    'setup/aws-cli.sh holds its own copy of the generated iam/task-role-policy.json, not your edit'
  await expect(runbook.getByText(caveat)).toBeVisible()
  const titles = (await runbook.getByRole('heading', { level: 4 }).allInnerTexts()).map((t) => t.trim())
  expect(titles.length).toBeGreaterThanOrEqual(6)

  await page.getByRole('button', { name: 'Copy link' }).click()
  const link = await page.getByRole('textbox', { name: 'Link to this configuration' }).inputValue()
  expect(link).toBe('http://127.0.0.1:4173/#/?v=1&clusterName=zipped')

  const { readme, files } = unzipSetup(
    (await download(page, page.getByRole('button', { name: 'Download all (.zip)' }))).bytes,
  )
  expect(readme).toContain(`\`\`\`text\n${link}\n\`\`\``)
  for (const title of titles) expect(readme).toContain(`### ${title}`)
  expect(readme).toContain('```sh\nbash setup/aws-cli.sh\n```')
  expect(readme).toMatch(/## Edited files\n\n[^\n]*\n\n- `iam\/task-role-policy.json`: your edit\n/)
  expect(readme).toContain(caveat)
  expect(files['iam/task-role-policy.json']).toMatch(/\}\n\n$/)
  expect(Object.keys(files)).toContain('setup/aws-cli.sh')
})
