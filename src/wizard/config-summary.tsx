// A configuration in a few lines, and every value in it that is weaker than the safe defaults. Shown by the
// Review step and when a link is opened (link-summary.tsx), so a shared link cannot switch a protection off
// without saying so.
import { Fragment } from 'react'
import { defaultsFor, type WizardConfig } from '../config/schema.ts'
import { executionRoleReasons } from '../config/execution-role.ts'
import { amiInfo } from '../knowledge/amis.ts'
import { WINDOWS_RELEASE } from '../knowledge/images.ts'
import { partitionOfRegion } from '../knowledge/partitions.ts'
import { DEFAULT_FARGATE_SIZE, platformOf } from '../knowledge/platforms.ts'
import { msg, type Message } from '../i18n/message.ts'
import { useT } from '../ui/i18n.tsx'
import { fieldLabel } from './config-paths.ts'
import { goToField } from './go-to-field.ts'
import './config-summary.css'

export interface Weakening {
  field: string
  message: Message
}

/** Every value of `config` that gives containers or the task role more than the defaults do. */
export function weakenings(config: WizardConfig): Weakening[] {
  const out: Weakening[] = []
  // Instance metadata is a container instance's: a Fargate task has none to reach.
  const instances = platformOf(config.os, config.launchType).instances
  if (instances && !config.blockInstanceMetadata)
    out.push({ field: 'blockInstanceMetadata', message: msg('wizard.weak.metadataReachable') })
  else if (instances && config.networkMode === 'host')
    out.push({ field: 'networkMode', message: msg('wizard.weak.hostMode') })
  if (!config.sourceConditions)
    out.push({ field: 'sourceConditions', message: msg('wizard.weak.noTrustConditions') })
  config.buckets.forEach((bucket, i) => {
    if (bucket.access !== 'read')
      out.push({
        field: `buckets.${i}.access`,
        message: msg('wizard.weak.s3Write', {
          access: bucket.access,
          bucket: bucket.name,
          scope: bucket.prefix ? 'prefix' : 'bucket',
          prefix: bucket.prefix ?? '',
        }),
      })
  })
  if (config.extraStatements)
    out.push({ field: 'extraStatements', message: msg('wizard.weak.extraStatements') })
  const image = defaultsFor(config).task.image
  if (config.task.image !== image)
    out.push({
      field: 'task.image',
      message: msg('wizard.weak.image', { defaultImage: image, image: config.task.image }),
    })
  if (config.configObject)
    out.push({
      field: 'configObject',
      message: msg('wizard.weak.configObject', {
        url: `s3://${config.configObject.bucket}/${config.configObject.key}`,
      }),
    })
  return out
}

/** The platform in words: the AMI on EC2; on Fargate the OS (with its Windows Server release) and task size. */
function platformValue(config: WizardConfig): Message {
  if (config.launchType === 'ec2') return msg(amiInfo(config.ami).label)
  return msg('wizard.summary.fargate', {
    os: config.os,
    release:
      config.os === 'windows' ? (WINDOWS_RELEASE[config.ami as keyof typeof WINDOWS_RELEASE] ?? '') : '',
    cpu: config.task.cpu ?? DEFAULT_FARGATE_SIZE[config.os].cpu,
    memory: config.task.memory,
  })
}

/** The roles the setup uses, each with its name (or ARN) and whether it exists already. */
function rolesValue(config: WizardConfig): Message {
  const role = (kind: string, name: string, existing: boolean) =>
    msg('wizard.summary.role', { role: kind, name, existing: existing ? 'yes' : 'no' })
  return msg('wizard.summary.rolesValue', {
    roles: [
      role('task', config.taskRoleName, config.existingTaskRole),
      ...(executionRoleReasons(config)
        ? [role('execution', config.executionRoleName, config.existingExecutionRole)]
        : []),
      ...(platformOf(config.os, config.launchType).instances
        ? [role('instance', config.instanceRoleName, config.existingInstanceRole)]
        : []),
    ],
  })
}

/** The configuration in a few lines: each a term and its value, both messages. */
export function summaryRows(config: WizardConfig): [Message, Message][] {
  const partition = partitionOfRegion(config.region)
  const buckets = config.buckets.map((b) =>
    msg('wizard.summary.bucket', { bucket: `${b.name}${b.prefix ? `/${b.prefix}` : ''}`, access: b.access }),
  )
  return [
    [msg('wizard.summary.platform'), platformValue(config)],
    [
      msg('wizard.summary.network'),
      msg('wizard.summary.networkValue', {
        mode: config.networkMode,
        metadata: !platformOf(config.os, config.launchType).instances
          ? 'none'
          : config.blockInstanceMetadata
            ? 'blocked'
            : 'reachable',
      }),
    ],
    [
      msg('wizard.summary.access'),
      msg('wizard.summary.accessValue', {
        count: buckets.length,
        buckets,
        extra: config.extraStatements ? 'yes' : 'no',
      }),
    ],
    [msg('wizard.summary.roles'), rolesValue(config)],
    [
      msg('wizard.summary.where'),
      msg('wizard.summary.whereValue', {
        cluster: config.clusterName,
        account: config.accountId,
        region: config.region,
        partition: partition?.id ?? 'none',
      }),
    ],
    [
      msg('wizard.summary.task'),
      msg('wizard.summary.taskValue', { family: config.task.family, image: config.task.image }),
    ],
  ]
}

export function ConfigSummary({ config }: { config: WizardConfig }) {
  const t = useT()
  return (
    <dl className="summary">
      {summaryRows(config).map(([term, value]) => (
        <Fragment key={term.key}>
          <dt>{t(term)}</dt>
          <dd>{t(value)}</dd>
        </Fragment>
      ))}
    </dl>
  )
}

/** The weakenings as a list, each leading to its field. */
export function WeakeningList({ items }: { items: readonly Weakening[] }) {
  const t = useT()
  return (
    <ul className="weakenings">
      {items.map((w) => (
        <li key={w.field}>
          {t(w.message)}{' '}
          <button type="button" className="link" onClick={() => goToField(w.field)}>
            {t('wizard.goTo', { field: fieldLabel(w.field) })}
          </button>
        </li>
      ))}
    </ul>
  )
}
