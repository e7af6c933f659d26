// Reading a connection's CA certificate file (`tyk.connections[].caFile`): a regular file of at most
// MAX_CA_FILE_BYTES, read without blocking on a FIFO or growing without end on a device (/dev/zero).
// Plain Node.
import { constants, promises as fs } from 'node:fs';
import { plainText } from '../domain/displayText';
import { TykError } from './errors';
import * as l10n from '@vscode/l10n';

/** The largest CA file read: a bundle of a few hundred PEM certificates fits. */
export const MAX_CA_FILE_BYTES = 1024 * 1024;

/**
 * The content of the CA file at `file`: a TykError('tls') unless it is a regular file of at most
 * `maxBytes` (code CA_FILE_UNREADABLE, CA_FILE_NOT_A_FILE or CA_FILE_TOO_LARGE). Opened non-blocking,
 * so a FIFO fails at once instead of waiting for a writer; read up to `maxBytes` + 1 bytes only, so a
 * file that grows meanwhile is refused, not followed.
 */
export async function readCaFile(file: string, maxBytes = MAX_CA_FILE_BYTES): Promise<Buffer> {
  const shown = plainText(file, 200);
  let handle: fs.FileHandle;
  try {
    // O_NONBLOCK is POSIX (undefined on Windows, where a FIFO is not a path one opens by mistake).
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new TykError('tls', l10n.t('The CA certificate file {0} cannot be read ({1}).', shown, errnoOf(e)), { code: 'CA_FILE_UNREADABLE' });
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw new TykError('tls', l10n.t('The CA certificate file {0} is not a regular file (a folder, device or pipe): choose a PEM file.', shown), {
        code: 'CA_FILE_NOT_A_FILE',
      });
    }
    if (stat.size > maxBytes) {
      throw tooLarge(shown, maxBytes);
    }
    const buffer = Buffer.alloc(maxBytes + 1);
    let read = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, read, buffer.length - read, read);
      if (bytesRead === 0) {
        break;
      }
      read += bytesRead;
      if (read > maxBytes) {
        throw tooLarge(shown, maxBytes);
      }
    }
    return buffer.subarray(0, read);
  } catch (e) {
    if (e instanceof TykError) {
      throw e;
    }
    throw new TykError('tls', l10n.t('The CA certificate file {0} cannot be read ({1}).', shown, errnoOf(e)), { code: 'CA_FILE_UNREADABLE' });
  } finally {
    await handle.close();
  }
}

function tooLarge(shown: string, maxBytes: number): TykError {
  return new TykError('tls', l10n.t('The CA certificate file {0} is larger than {1} KB: is it really a PEM file of CA certificates?', shown, Math.round(maxBytes / 1024)), {
    code: 'CA_FILE_TOO_LARGE',
  });
}

function errnoOf(e: unknown): string {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : l10n.t('error');
}
