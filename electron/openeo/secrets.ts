/**
 * Secrets of openEO sources (passwords, client secrets). In the desktop app they are encrypted with
 * Electron's safeStorage (the OS keychain: Keychain, DPAPI, libsecret/kwallet) and only the
 * ciphertext is written, atomically, to <userData>/openeo-secrets.json. Where no keychain is
 * available (browser mode, the CLI, a Linux session without a secret service) the secret is kept
 * in memory for the session and never written: the user signs in again after a restart.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SecretStorage } from '../../shared/openeo/service';
import { writeFileAtomic } from '../host/atomic';

export interface SecretStore {
  /** Keep a secret; says where it went. */
  set(key: string, secret: string): Promise<SecretStorage>;
  get(key: string): Promise<string | undefined>;
  remove(key: string): Promise<void>;
}

/** Encrypt/decrypt as Electron's safeStorage does (passed in: this module never imports electron). */
export interface Encryptor {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(cipher: Buffer): string;
}

/** Session-only store: nothing reaches the disk. */
export function sessionSecretStore(): SecretStore {
  const mem = new Map<string, string>();
  return {
    async set(key, secret) {
      mem.set(key, secret);
      return 'session';
    },
    async get(key) {
      return mem.get(key);
    },
    async remove(key) {
      mem.delete(key);
    },
  };
}

/** Keychain-encrypted store; falls back to the session store when encryption is unavailable. */
export function keychainSecretStore(userDataDir: string, enc: Encryptor): SecretStore {
  const file = path.join(userDataDir, 'openeo-secrets.json');
  const session = sessionSecretStore();
  const read = async (): Promise<Record<string, string>> =>
    JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as Record<string, string>;
  return {
    async set(key, secret) {
      if (!enc.isEncryptionAvailable()) return session.set(key, secret);
      const all = await read();
      all[key] = enc.encryptString(secret).toString('base64');
      await writeFileAtomic(file, JSON.stringify(all));
      return 'keychain';
    },
    async get(key) {
      const cipher = (await read())[key];
      if (cipher && enc.isEncryptionAvailable()) return enc.decryptString(Buffer.from(cipher, 'base64'));
      return session.get(key);
    },
    async remove(key) {
      const all = await read();
      if (key in all) {
        delete all[key];
        await writeFileAtomic(file, JSON.stringify(all));
      }
      await session.remove(key);
    },
  };
}
