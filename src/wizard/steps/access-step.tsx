import { BUCKET_ACCESS, type Bucket } from '../../config/schema.ts'
import { partitionOfRegion } from '../../knowledge/partitions.ts'
import { S3_ACCESS, s3Grant } from '../../knowledge/policies.ts'
import { useEffect, useRef, useState } from 'react'
import { SelectField, TextField, useWizard } from '../fields.tsx'
import { goToField } from '../go-to-field.ts'
import { useDraftStore, type Draft } from '../ui-store.ts'
import '../undo.css'

const EXTRA_STATEMENTS_PLACEHOLDER = `[
  {
    "Effect": "Allow",
    "Action": "sqs:SendMessage",
    "Resource": "arn:aws:sqs:us-east-1:111122223333:my-queue"
  }
]`

const ACCESS_TEXT = {
  read: 'read (get objects, list the prefix)',
  'read-write': 'read-write (get, put, list; no delete)',
  write: 'write (put objects only)',
} as const

/**
 * Drafts are keyed by path (`buckets.2.name`): when an entry leaves the list or comes back, the drafts of the
 * entries after it move with them. Returns the drafts of the entry taken out.
 */
function moveBucketDrafts(index: number, change: 'remove' | 'insert', inserted: Record<string, Draft> = {}) {
  const taken: Record<string, Draft> = {}
  const drafts: Record<string, Draft> = change === 'insert' ? { ...inserted } : {}
  for (const [field, draft] of Object.entries(useDraftStore.getState().drafts)) {
    const match = /^buckets\.(\d+)(\..*)$/.exec(field)
    const j = match ? Number(match[1]) : -1
    if (!match || j < index) drafts[field] = draft
    else if (change === 'insert') drafts[`buckets.${j + 1}${match[2]}`] = draft
    else if (j === index) taken[field] = draft
    else drafts[`buckets.${j - 1}${match[2]}`] = draft
  }
  useDraftStore.setState({ drafts })
  return taken
}

interface Removed {
  index: number
  bucket: Bucket
  drafts: Record<string, Draft>
}

/** Exactly what the task role policy grants for one bucket: the same s3Grant() the policy is built from. */
function GrantHint({ bucket, partition }: { bucket: Bucket; partition: string }) {
  const grant = s3Grant(partition, bucket.name, bucket.prefix)
  return (
    <>
      Grants objects <code>{grant.objectArn}</code>
      {!S3_ACCESS[bucket.access].listBucket ? (
        ' and no listing.'
      ) : grant.listPrefix ? (
        <>
          {' '}
          and listing where <code>s3:prefix</code> is like <code>{grant.listPrefix}</code>.
        </>
      ) : (
        ' and listing of the whole bucket.'
      )}{' '}
      Used exactly as typed: end it with <code>/</code> to stay inside one folder.
    </>
  )
}

export function AccessStep() {
  const { config, update } = useWizard()
  const [removed, setRemoved] = useState<Removed>()
  const undoButton = useRef<HTMLButtonElement>(null)
  // The Remove button is gone with its bucket: focus goes to Undo, next to where it was.
  useEffect(() => {
    if (removed) undoButton.current?.focus()
  }, [removed])
  const partition = partitionOfRegion(config.region)?.id ?? 'aws'
  return (
    <>
      <p className="step-intro">
        The S3 buckets the application in the task uses. The task role gets exactly this access, scoped to the
        key prefix when you give one, and only in buckets that account {config.accountId} owns: a bucket of
        the same name in another account is refused.
      </p>
      {config.buckets.map((bucket, i) => (
        <fieldset key={i} className="list-entry">
          <legend>Bucket {i + 1}</legend>
          <TextField path={`buckets.${i}.name`} label="Bucket name" />
          <SelectField
            path={`buckets.${i}.access`}
            label="Access"
            options={BUCKET_ACCESS.map((a) => [a, ACCESS_TEXT[a]] as const)}
          />
          <TextField
            path={`buckets.${i}.prefix`}
            label="Key prefix"
            optional
            placeholder="e.g. uploads/ (empty: the whole bucket)"
            hint={<GrantHint bucket={bucket} partition={partition} />}
          />
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setRemoved({ index: i, bucket, drafts: moveBucketDrafts(i, 'remove') })
              update((c) => ({ ...c, buckets: c.buckets.filter((_, j) => j !== i) }))
            }}
          >
            Remove bucket {i + 1}
          </button>
        </fieldset>
      ))}
      {removed && (
        <p className="undo-notice" role="status">
          Bucket {removed.index + 1} ({removed.bucket.name}) removed.{' '}
          <button
            ref={undoButton}
            type="button"
            className="secondary"
            onClick={() => {
              const { index, bucket, drafts } = removed
              moveBucketDrafts(index, 'insert', drafts)
              update((c) => ({ ...c, buckets: c.buckets.toSpliced(index, 0, bucket) }))
              setRemoved(undefined)
              goToField(`buckets.${index}.name`)
            }}
          >
            Undo
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
        Add a bucket
      </button>

      <TextField
        path="extraStatements"
        label="Extra policy statements (optional)"
        optional
        rows={6}
        placeholder={EXTRA_STATEMENTS_PLACEHOLDER}
        hint={
          <>
            More permissions for the task role: a JSON list of IAM statements, added after the bucket
            statements in <code>iam/task-role-policy.json</code> and kept in the link. Each needs{' '}
            <code>Effect</code>, <code>Action</code> (<code>service:Action</code>) and <code>Resource</code>;
            no <code>Principal</code>.
          </>
        }
      />

      <fieldset className="list-entry">
        <legend>Agent configuration from S3</legend>
        <div className="field field-inline">
          <input
            id="field-configObject"
            type="checkbox"
            checked={config.configObject !== undefined}
            // On Windows it can only be switched off (a link may have set it): the object is not used there.
            disabled={config.os === 'windows' && config.configObject === undefined}
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
          <label htmlFor="field-configObject">Fetch ecs.config from a private S3 object at boot</label>
          <p className="hint" id="configObject-hint">
            {config.os === 'windows'
              ? 'Linux only: Windows instances take their agent settings from user data.'
              : 'For settings that should not sit in user data. The instance role may read only this object.'}
          </p>
        </div>
        {config.configObject && (
          <>
            <TextField path="configObject.bucket" label="Config bucket" />
            <TextField path="configObject.key" label="Config object key" />
          </>
        )}
      </fieldset>
    </>
  )
}
