import { BUCKET_ACCESS, type Bucket } from '../../config/schema.ts'
import { partitionOfRegion } from '../../knowledge/partitions.ts'
import { KMS_ACCESS, S3_ACCESS, s3Grant } from '../../knowledge/policies.ts'
import { useEffect, useRef, useState } from 'react'
import { msg, type MessageKey } from '../../i18n/message.ts'
import { Text, useT } from '../../ui/i18n.tsx'
import { SelectField, TextField, useWizard } from '../fields.tsx'
import { goToField } from '../go-to-field.ts'
import { moveListDrafts } from '../list-drafts.ts'
import { useDraftStore, type Draft } from '../ui-store.ts'
import '../undo.css'

const EXTRA_STATEMENTS_PLACEHOLDER = `[
  {
    "Effect": "Allow",
    "Action": "sqs:SendMessage",
    "Resource": "arn:aws:sqs:us-east-1:111122223333:my-queue"
  }
]`

const ACCESS_TEXT: Record<Bucket['access'], MessageKey> = {
  read: 'wizard.access.level.read',
  'read-write': 'wizard.access.level.readWrite',
  write: 'wizard.access.level.write',
}

interface Removed {
  index: number
  bucket: Bucket
  drafts: Record<string, Draft>
}

/** Exactly what the task role policy grants for one bucket: the same s3Grant() the policy is built from. */
function GrantHint({ bucket, partition }: { bucket: Bucket; partition: string }) {
  const grant = s3Grant(partition, bucket.name, bucket.prefix)
  const listing = !S3_ACCESS[bucket.access].listBucket ? 'none' : grant.listPrefix ? 'prefix' : 'bucket'
  return (
    <Text
      message={msg('wizard.access.grant', {
        objects: grant.objectArn,
        listing,
        listPrefix: grant.listPrefix ?? '',
      })}
      components={{ 0: <code /> }}
    />
  )
}

export function AccessStep() {
  const { config, update } = useWizard()
  const t = useT()
  const [removed, setRemoved] = useState<Removed>()
  const undoButton = useRef<HTMLButtonElement>(null)
  // The Remove button is gone with its bucket: focus goes to Undo, next to where it was.
  useEffect(() => {
    if (removed) undoButton.current?.focus()
  }, [removed])
  const partition = partitionOfRegion(config.region)?.id ?? 'aws'
  return (
    <>
      <p className="step-intro">{t('wizard.access.intro', { account: config.accountId })}</p>
      {config.buckets.map((bucket, i) => (
        <fieldset key={i} className="list-entry">
          <legend>{t('wizard.access.bucket', { n: i + 1 })}</legend>
          <TextField path={`buckets.${i}.name`} />
          <SelectField
            path={`buckets.${i}.access`}
            options={BUCKET_ACCESS.map((a) => [a, t(ACCESS_TEXT[a])] as const)}
          />
          <TextField
            path={`buckets.${i}.prefix`}
            optional
            placeholder={t('wizard.access.prefixPlaceholder')}
            hint={<GrantHint bucket={bucket} partition={partition} />}
          />
          <TextField
            path={`buckets.${i}.kmsKeyArn`}
            optional
            placeholder={t('wizard.access.kmsKeyPlaceholder')}
            hint={t('wizard.access.kmsKeyHint', { actions: [...KMS_ACCESS[bucket.access]] })}
          />
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setRemoved({ index: i, bucket, drafts: moveListDrafts('buckets', i, 'remove') })
              update((c) => ({ ...c, buckets: c.buckets.filter((_, j) => j !== i) }))
            }}
          >
            {t('wizard.access.remove', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      {removed && (
        <p className="undo-notice" role="status">
          {t('wizard.access.removed', { n: removed.index + 1, name: removed.bucket.name })}{' '}
          <button
            ref={undoButton}
            type="button"
            className="secondary"
            onClick={() => {
              const { index, bucket, drafts } = removed
              moveListDrafts('buckets', index, 'insert', drafts)
              update((c) => ({ ...c, buckets: c.buckets.toSpliced(index, 0, bucket) }))
              setRemoved(undefined)
              goToField(`buckets.${index}.name`)
            }}
          >
            {t('wizard.undo')}
          </button>
        </p>
      )}
      <button
        type="button"
        disabled={config.buckets.length >= 50}
        onClick={() => {
          setRemoved(undefined)
          update((c) => ({
            ...c,
            buckets: [...c.buckets, { name: `my-bucket-${c.buckets.length + 1}`, access: 'read' }],
          }))
          // The new bucket's name is what the user types next.
          goToField(`buckets.${config.buckets.length}.name`)
        }}
      >
        {t('wizard.access.add')}
      </button>

      <TextField
        path="extraStatements"
        label="wizard.access.extraStatements"
        optional
        rows={6}
        placeholder={EXTRA_STATEMENTS_PLACEHOLDER}
        hint={<Text message={msg('wizard.access.extraStatementsHint')} components={{ 0: <code /> }} />}
      />

      {/* Container instances only: on Fargate it shows only to be switched off (a link may have set it). */}
      {(config.launchType === 'ec2' || config.configObject) && (
        <fieldset className="list-entry">
          <legend>{t('wizard.access.configObject')}</legend>
          <div className="field field-inline">
            <input
              id="field-configObject"
              type="checkbox"
              checked={config.configObject !== undefined}
              // On Windows and Fargate it can only be switched off (a link may have set it): nothing reads it.
              disabled={
                (config.os === 'windows' || config.launchType === 'fargate') &&
                config.configObject === undefined
              }
              aria-describedby="configObject-hint"
              onChange={(e) => {
                // Its fields leave the page: what was typed there no longer stands for anything.
                if (!e.target.checked) useDraftStore.getState().clearDrafts('configObject.')
                update((c) => {
                  if (!e.target.checked) {
                    const next = { ...c }
                    delete next.configObject
                    return next
                  }
                  return { ...c, configObject: { bucket: 'my-ecs-config-bucket', key: 'ecs.config' } }
                })
              }}
            />
            <label htmlFor="field-configObject">{t('wizard.access.configObjectFetch')}</label>
            <p className="hint" id="configObject-hint">
              {t('wizard.access.configObjectHint', {
                os: config.launchType === 'fargate' ? 'fargate' : config.os,
              })}
            </p>
          </div>
          {config.configObject && (
            <>
              <TextField path="configObject.bucket" />
              <TextField path="configObject.key" />
            </>
          )}
        </fieldset>
      )}
    </>
  )
}
