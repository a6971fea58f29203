// Bad and hostile links load the page with a notice of what was ignored: no crash, no console error, no
// request to another origin (the guard in fixtures.ts checks every test).
import { expect, test } from './fixtures.ts'

const BAD_LINKS: [string, string, RegExp][] = [
  ['truncated in a value', '#/?v=1&os=wind', /Operating system must be one of/],
  ['truncated in an escape', '#/?v=1&clusterName=ab%2', /Cluster name/],
  ['a newer format version', '#/?v=9&os=windows', /newer version/],
  ['a version that is not a number', '#/?v=one&os=windows', /not a number/],
  ['no version', '#/?os=windows&ami=windows-2022&networkMode=default', /no format version/],
  ['unknown keys', '#/?v=1&colour=blue&size=xl', /Unknown setting "colour"/],
  ['__proto__', '#/?v=1&__proto__.polluted=yes', /Unknown setting "__proto__"/],
  ['constructor.prototype', '#/?v=1&constructor.prototype.polluted=yes', /Unknown setting "constructor"/],
  ['prototype in a list', '#/?v=1&buckets.__proto__.name=x', /not a position in Buckets/],
  ['100 KB long', `#/?v=1&clusterName=${'a'.repeat(100_000)}`, /all of it was ignored/],
  ['an invalid OS', '#/?v=1&os=plan9', /Operating system must be one of/],
  ['an AMI of the other OS', '#/?v=1&os=windows&ami=al2', /not a Windows AMI/],
  ['an invalid network mode', '#/?v=1&networkMode=overlay', /Network mode must be one of/],
  ['a boolean that is not one', '#/?v=1&blockInstanceMetadata=maybe', /true or false/],
  ['a short account ID', '#/?v=1&accountId=1234', /Account ID: Exactly 12 digits/],
  [
    'shell injection in a name',
    "#/?v=1&clusterName=x'%3B%20rm%20-rf%20%2F%20%23",
    /Cluster name: "'" is not allowed/,
  ],
  [
    'a script tag',
    '#/?v=1&taskRoleName=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    /Task role name: "<" is not allowed/,
  ],
  [
    'an IAM wildcard in a prefix',
    '#/?v=1&buckets.0.name=data&buckets.0.access=read&buckets.0.prefix=*',
    /wildcards/,
  ],
  ['a huge list index', '#/?v=1&buckets.9999999.name=x', /not a position in Buckets/],
  ['a port out of range', '#/?v=1&task.portMappings.0.containerPort=99999', /from 1 to 65535/],
  ['a value and a branch on one key', '#/?v=1&task=x&task.family=y', /conflicts/],
  ['a repeated key', '#/?v=1&clusterName=a&clusterName=b', /more than once/],
  ['control characters', '#/?v=1&%1B%5B2J=1&clusterName=%07', /Unknown setting|Cluster name/],
  ['a wrong page path', '#/admin?v=1&clusterName=x', /page this tool does not have/],
]

for (const [what, link, message] of BAD_LINKS)
  test(`a link with ${what} loads with a notice`, async ({ page }) => {
    await page.goto(`/${link}`)
    await expect(page.getByRole('heading', { name: 'Generated files' })).toBeVisible()
    await expect(page.getByRole('status', { name: 'Link notice' })).toContainText(message)
    // What loads is still a full, working page.
    await expect(page.getByRole('tab', { name: 'aws-cli.sh' })).toBeVisible()
    expect(await page.evaluate(() => ({}))).not.toHaveProperty('polluted')
    expect(await page.evaluate(() => document.querySelectorAll('script:not([src])').length)).toBe(0)
  })

test('there are at least 20 bad links', () => {
  expect(BAD_LINKS.length).toBeGreaterThanOrEqual(20)
})
