import path from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { InputError, NotFoundError } from '../../core/errors';
import type { BuildResult } from './build';
import type { Publisher } from './publisher';

export interface S3PublisherOptions {
  bucket: string;
  region: string;
  /** An S3-compatible service (MinIO, Ceph, R2, …); AWS when absent. */
  endpoint?: string;
  /** `https://host/bucket/key` instead of `https://bucket.host/key`; most S3-compatible services want it. */
  forcePathStyle?: boolean;
  /** Static keys; the SDK's default chain (environment, profile, instance role) when absent. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/**
 * The key of one file of a site. The file name comes from a URL, so it is normalised and anything
 * that could leave the site's prefix (`..`, an absolute path, a backslash, NUL) is refused.
 */
export function siteFileKey(prefix: string, file: string): string {
  const normalised = path.posix.normalize(file);
  if (file.includes('\0') || file.includes('\\') || path.posix.isAbsolute(file) || normalised === '..' || normalised.startsWith('../')) {
    throw new InputError(`Not a file of the site: ${file}`);
  }
  return `${prefix}/${normalised === '.' ? '' : normalised}`;
}

const isMissing = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

/**
 * Sites in an S3 bucket, under `<namespace>/<kind>/<name>/` like Backstage's AWS publisher. A new
 * build overwrites the files it has, then removes the ones it no longer has, metadata last: a build
 * that fails half way leaves every file of the last good site readable.
 */
export function s3Publisher(options: S3PublisherOptions): Publisher {
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle ?? false,
    credentials: options.credentials,
    // Checksums on every request are an AWS novelty many S3-compatible services reject; send them only where required.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = options.bucket;

  const listKeys = async (prefix: string): Promise<string[]> => {
    const keys: string[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix: `${prefix}/`, ContinuationToken }));
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    return keys;
  };

  return {
    async publish(prefix, site: BuildResult) {
      const previous = await listKeys(prefix);
      const isMetadata = (file: string) => file === 'techdocs_metadata.json';
      const ordered = [...site.files.filter((f) => !isMetadata(f.path)), ...site.files.filter((f) => isMetadata(f.path))];
      const written = new Set<string>();
      for (const file of ordered) {
        const Key = siteFileKey(prefix, file.path);
        const Body = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
        await client.send(new PutObjectCommand({ Bucket, Key, Body }));
        written.add(Key);
      }
      for (const Key of previous) if (!written.has(Key)) await client.send(new DeleteObjectCommand({ Bucket, Key }));
    },
    async read(prefix, file) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: siteFileKey(prefix, file) }));
        return Buffer.from(await object.Body!.transformToByteArray());
      } catch (error) {
        if (isMissing(error) || (error as Error).name === 'NoSuchKey')
          throw new NotFoundError(`No ${file} in the documentation of ${prefix}`);
        throw error;
      }
    },
    async remove(prefix) {
      for (const Key of await listKeys(prefix)) await client.send(new DeleteObjectCommand({ Bucket, Key }));
    },
    async exists(prefix, file) {
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key: siteFileKey(prefix, file) }));
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
  };
}
