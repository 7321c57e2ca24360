import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const derive = promisify(scrypt) as (password: string, salt: string, keylen: number) => Promise<Buffer>;

// `v1.<iv>.<auth tag>.<ciphertext>`, base64url each: a versioned format leaves room for another cipher later.
const VERSION = 'v1';
const KEY_FILE = 'scaffolder-secrets.key';

export class SecretsUnreadableError extends Error {
  override readonly name = 'SecretsUnreadableError';
}

/**
 * Task secrets (tokens the user typed into the wizard) are stored encrypted with AES-256-GCM
 * until the task ends, so a database dump or backup does not hold them. The key comes from
 * `scaffolder.secretsKey` (which every replica on one database must share), or else from a
 * random key kept in `<dataDir>/scaffolder-secrets.key`, readable by the server's user only.
 * The task id is authenticated with the ciphertext: secrets copied onto another task do not open.
 */
export class TaskSecrets {
  private key?: Promise<Buffer>;

  constructor(private readonly options: { configuredKey?: string; dataDir: string }) {}

  async seal(taskId: string, secrets: Record<string, string> | undefined): Promise<string | null> {
    if (!secrets || Object.keys(secrets).length === 0) return null;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', await this.loadKey(), iv);
    cipher.setAAD(Buffer.from(taskId));
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  async open(taskId: string, sealed: string | null): Promise<Record<string, string>> {
    if (!sealed) return {};
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || ciphertext === undefined)
      throw new SecretsUnreadableError('The task secrets are not in a format this server reads');
    try {
      const decipher = createDecipheriv('aes-256-gcm', await this.loadKey(), Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(taskId));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as Record<string, string>;
    } catch {
      throw new SecretsUnreadableError(
        'The task secrets cannot be decrypted by this server: every server on one database needs the same scaffolder.secretsKey',
      );
    }
  }

  /** Loaded once; a failure is not remembered, so the next task tries again. */
  private loadKey(): Promise<Buffer> {
    this.key ??= this.readKey().catch((error) => {
      this.key = undefined;
      throw error;
    });
    return this.key;
  }

  private async readKey(): Promise<Buffer> {
    // scrypt: a configured passphrase may be short or guessable; the salt names this use of it.
    if (this.options.configuredKey) return derive(this.options.configuredKey, 'greenroom scaffolder task secrets', 32);
    const file = path.join(this.options.dataDir, KEY_FILE);
    const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    const key = Buffer.from((existing ?? (await this.createKeyFile(file))).trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key (base64); remove it to have a new one made`);
    return key;
  }

  /** Answers the key file's content: the one written here, or the one another server wrote first. */
  private async createKeyFile(file: string): Promise<string> {
    await mkdir(path.dirname(file), { recursive: true });
    // Written beside, then linked into place: of two servers starting at once on one data
    // directory, one key wins whole, and neither reads a half-written file.
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(draft, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    try {
      await link(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await rm(draft, { force: true });
    }
    return readFile(file, 'utf8');
  }
}
