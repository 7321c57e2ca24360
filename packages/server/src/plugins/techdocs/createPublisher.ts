import path from 'node:path';
import type { Config } from '../../core/config';
import { localPublisher, type Publisher } from './publisher';

/** The publisher `techdocs.publisher` configures: the data directory unless a bucket is named. */
export function createPublisher(config: Pick<Config, 'techdocs' | 'dataDir'>): Publisher {
  const { publisher } = config.techdocs;
  if (publisher.type === 'awsS3') {
    // The AWS SDK is large and warns about the Node version on load: only servers that use it load it.
    const s3 = import('./s3Publisher').then(({ s3Publisher }) => s3Publisher(publisher));
    return {
      publish: async (prefix, site) => (await s3).publish(prefix, site),
      read: async (prefix, file) => (await s3).read(prefix, file),
      exists: async (prefix, file) => (await s3).exists(prefix, file),
      remove: async (prefix) => (await s3).remove(prefix),
    };
  }
  return localPublisher(path.join(config.dataDir, 'techdocs'));
}
