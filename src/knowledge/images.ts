// Container images: the default per platform, and what an image's name tells about the OS it was built for.
// Windows containers on ECS run with process isolation, so the image must be built for the host's Windows
// Server version (Microsoft: version compatibility); the IIS image has one tag per version.
import type { AmiId, OperatingSystem, WindowsAmiId } from './amis.ts'

export const LINUX_DEFAULT_IMAGE = 'public.ecr.aws/docker/library/nginx:latest'

export type WindowsRelease = '2016' | '2019' | '2022' | '2025'

export const WINDOWS_RELEASE: Record<WindowsAmiId, WindowsRelease> = {
  'windows-2025': '2025',
  'windows-2022': '2022',
  'windows-2019': '2019',
  'windows-2016': '2016',
}

/** The IIS image for a Windows Server release: serves port 80 like the Linux default, tag per release. */
const iisImage = (release: WindowsRelease) =>
  `mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc${release}`

/** The image a new task gets: nginx on Linux, IIS built for the AMI's Windows Server release on Windows. */
export function defaultImage(ami: AmiId): string {
  return ami in WINDOWS_RELEASE ? iisImage(WINDOWS_RELEASE[ami as WindowsAmiId]) : LINUX_DEFAULT_IMAGE
}

/** Images published only for Linux (no Windows variant), by the last part of the repository name. */
const LINUX_ONLY_REPOSITORIES = new Set([
  'nginx',
  'alpine',
  'busybox',
  'ubuntu',
  'debian',
  'amazonlinux',
  'centos',
  'fedora',
  'rockylinux',
  'almalinux',
  'ubi8',
  'ubi9',
])
// Tags that name a Linux distribution: python:3.12-slim-bookworm, node:22-alpine.
const LINUX_TAG =
  /(^|[-_.])(alpine|slim|bookworm|bullseye|buster|trixie|jammy|focal|noble|al2023)(\d|[-_.]|$)/i
// Windows base images and tags: mcr.microsoft.com/windows/*, *servercore*, *nanoserver*, *-ltsc2022.
const WINDOWS_NAME = /^mcr\.microsoft\.com\/windows([/:@]|$)|servercore|nanoserver|(^|[-_.:/])ltsc20\d\d/i
const WINDOWS_RELEASE_IN_NAME = /ltsc(2016|2019|2022|2025)|(^|[-_.:])(1809)([-_.]|$)/i

export interface ImagePlatform {
  os: OperatingSystem | 'unknown'
  /** The Windows Server release the name says the image was built for, when it says so. */
  release?: WindowsRelease
}

/** What an image reference's name shows about its platform. Only a hint: an image's name need not say. */
export function imagePlatform(image: string): ImagePlatform {
  const withoutDigest = image.replace(/@.*$/, '')
  const slash = withoutDigest.lastIndexOf('/')
  const colon = withoutDigest.lastIndexOf(':')
  const repository = colon > slash ? withoutDigest.slice(0, colon) : withoutDigest
  const tag = colon > slash ? withoutDigest.slice(colon + 1) : ''
  if (WINDOWS_NAME.test(withoutDigest)) {
    const match = WINDOWS_RELEASE_IN_NAME.exec(withoutDigest)
    // 1809 is the version number of Windows Server 2019 (Microsoft: version compatibility).
    const release = match
      ? ((match[1] ?? (match[3] === '1809' ? '2019' : undefined)) as WindowsRelease)
      : undefined
    return release ? { os: 'windows', release } : { os: 'windows' }
  }
  const name = repository.slice(repository.lastIndexOf('/') + 1).toLowerCase()
  if (LINUX_ONLY_REPOSITORIES.has(name) || LINUX_TAG.test(tag)) return { os: 'linux' }
  return { os: 'unknown' }
}

// Private ECR images: <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]/<repository>[:tag|@digest].
// Pulling one needs a task execution role on Fargate (and is the execution role's job on EC2 too).
// https://docs.aws.amazon.com/AmazonECR/latest/userguide/docker-pull-ecr-image.html
const PRIVATE_ECR =
  /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z]{2}(?:-gov)?-[a-z]+-\d+)\.amazonaws\.com(?:\.cn)?\/([a-z0-9._/-]+?)(?::[\w][\w.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$/

export interface PrivateEcrImage {
  account: string
  region: string
  repository: string
}

export function privateEcrImage(image: string): PrivateEcrImage | undefined {
  const m = PRIVATE_ECR.exec(image)
  return m ? { account: m[1]!, region: m[2]!, repository: m[3]! } : undefined
}

/** Fargate's Windows family for an image: the Server Core family unless the image is a full Server one. */
export function fargateWindowsEdition(image: string): 'FULL' | 'CORE' {
  return /^mcr\.microsoft\.com\/windows\/server[:@]/i.test(image) ? 'FULL' : 'CORE'
}
